// The periodic social review (every compliance.review_days, at the end of the day, after that day's
// events): capability, programme costs and suppliers' own investment (SupplierResponse.cs) brought up
// to date, the window's productivity, carbon and
// certification effects, risk scores and segments, hazards redrawn from the window's purchasing
// pressure (utilisation against the capacity the window ran at), capacity grown with the capability
// gained, then enrolments and time-phased policies (docs/model.md).
namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private void ReviewSocial(double now)
    {
        double window = Math.Max(Epsilon, now - _lastSocialReview);
        foreach (var s in _socialSuppliers)
        {
            if (!s.InChain)
            {
                continue;
            }

            var n = s.Node;
            _capacityBuilding!.UpdateCapability(s, now);
            RespondToIncentives(s, now);
            double units = n.UnitsProduced - s.UnitsAtReview;
            double stress = n.StressDays - s.StressDaysAtReview;
            s.UnitsAtReview = n.UnitsProduced;
            s.StressDaysAtReview = n.StressDays;
            _capacityBuilding!.ApplyCapabilityEffects(s, units);
            ApplyCertification(s, now, units);

            double utilisation = 0;
            double backlogDays = 0;
            if (double.IsFinite(n.Capacity) && n.Capacity > 0)
            {
                utilisation = units / (n.Capacity * window);
                double backlog = 0;
                for (int i = 0; i < n.Backlog.Count; i++)
                {
                    backlog += n.Backlog.At(i).Remaining;
                }

                backlogDays = backlog / n.Capacity;
            }

            _segmentation!.Update(s, now);
            SetHazard(s, now, utilisation, Math.Min(1, stress / window), backlogDays);
            _capacityBuilding!.ApplyCapacityGain(s);
            s.NextDue = Math.Min(s.NextDue, s.NextViolationAt);
        }

        _segmentation!.RescoreByExpectedHarm(_socialSuppliers, _compliance!.CategoryExposure);
        _capacityBuilding!.Enrol(now);
        ApplyPoliciesAt(now);
        _lastSocialReview = now;
    }
}
