// The periodic social review (every compliance.review_days, at the end of the day, after that day's
// events): capability, programme costs and suppliers' own investment (SupplierResponse.cs) brought up
// to date, the window's productivity, carbon and
// certification effects, risk scores and segments, hazards redrawn from the window's purchasing
// pressure (utilisation against the capacity the window ran at), capacity grown with the capability
// gained, then enrolments and time-phased policies (docs/model.md).
namespace Simulation.Core.Network;

/// <summary>
/// The periodic social review (see the file header): owns the review calendar and each supplier's
/// readings at the last review (units made, stress days), turns them into the window's pressure, and
/// calls each part's review step in the documented order.
/// </summary>
internal sealed class SocialReview
{
    private const double Epsilon = 1e-9;

    private readonly double _reviewDays;
    private readonly SupplierSocial[] _suppliers;
    private readonly Compliance _compliance;
    private readonly RiskSegmentation _segmentation;
    private readonly CapacityBuilding _capacityBuilding;
    private readonly SupplierResponse _response;
    private readonly Certifications _certifications;
    private readonly Financing _financing;
    private readonly ISupplierReadings _readings;
    private readonly double[] _unitsAtReview;
    private readonly double[] _stressDaysAtReview;
    private double _next;
    private double _last;

    /// <param name="compliance">Compliance (the hazards redrawn at each review).</param>
    /// <param name="reviewDays">Days between reviews.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="segmentation">Risk scores and segments.</param>
    /// <param name="capacityBuilding">Capability, its effects, enrolment.</param>
    /// <param name="response">The suppliers' own investment.</param>
    /// <param name="certifications">Fees, premiums, adoption and f_cert.</param>
    /// <param name="financing">Direct lending that opens.</param>
    /// <param name="readings">The suppliers' production, stress and backlog.</param>
    public SocialReview(
        Compliance compliance,
        double reviewDays,
        SupplierSocial[] suppliers,
        RiskSegmentation segmentation,
        CapacityBuilding capacityBuilding,
        SupplierResponse response,
        Certifications certifications,
        Financing financing,
        ISupplierReadings readings)
    {
        _compliance = compliance;
        _reviewDays = reviewDays;
        _suppliers = suppliers;
        _segmentation = segmentation;
        _capacityBuilding = capacityBuilding;
        _response = response;
        _certifications = certifications;
        _financing = financing;
        _readings = readings;
        _unitsAtReview = new double[suppliers.Length];
        _stressDaysAtReview = new double[suppliers.Length];
        _next = reviewDays;
    }

    /// <summary>Day 0 and every review: programmes enrol, time-phased policies switch on.</summary>
    public void EnrolAndApplyPolicies(double now)
    {
        _capacityBuilding.Enrol(now);
        _certifications.Adopt(now);
        _financing.OpenDirectLending(now);
    }

    /// <summary>At the end of day <paramref name="now"/>, after its social events: the review, if one is due.</summary>
    public void RunIfDue(double now)
    {
        if (now >= _next - Epsilon)
        {
            Review(now);
            _next += _reviewDays;
        }
    }

    private void Review(double now)
    {
        double window = Math.Max(Epsilon, now - _last);
        foreach (var s in _suppliers)
        {
            if (!s.InChain)
            {
                continue;
            }

            var n = s.Node;
            _capacityBuilding.UpdateCapability(s, now);
            _response.Respond(s, now);
            double producedNow = _readings.UnitsProducedOf(n);
            double stressNow = _readings.StressDaysOf(n);
            double units = producedNow - _unitsAtReview[s.Index];
            double stress = stressNow - _stressDaysAtReview[s.Index];
            _unitsAtReview[s.Index] = producedNow;
            _stressDaysAtReview[s.Index] = stressNow;
            _capacityBuilding.ApplyCapabilityEffects(s, units);
            _certifications.ApplyWindow(s, now, units);

            double utilisation = 0;
            double backlogDays = 0;
            double capacity = _readings.CapacityOf(n);
            if (double.IsFinite(capacity) && capacity > 0)
            {
                utilisation = units / (capacity * window);
                backlogDays = _readings.BacklogUnitsOf(n) / capacity;
            }

            _segmentation.Update(s, now);
            _compliance.SetHazard(s, now, utilisation, Math.Min(1, stress / window), backlogDays, _certifications.HazardFactor(s));
            _capacityBuilding.ApplyCapacityGain(s);
            s.NextDue = Math.Min(s.NextDue, s.NextViolationAt);
        }

        _segmentation.RescoreByExpectedHarm(_suppliers, _compliance.CategoryExposure);
        EnrolAndApplyPolicies(now);
        _last = now;
    }
}
