using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Optimization;

/// <summary>
/// What enrolling a candidate in one of the scenario's capacity-building programmes costs and changes,
/// by the network model's own rules (docs/model.md, mechanism 7), averaged over the measured window
/// [warm-up, horizon] so that the optimizer's linear model sees the mean effect:
/// <code>
///   enrolment at s = the first social review at or after start_day (day 0 when start_day &lt;= 0), for d = duration_days
///   G(t)       = (1 - C0) (1 - exp(-g min(max(t - s, 0), d) / 365))      capability gained; C0 the supplier's
///   cost/year  = cost_per_supplier_month / 30.4375 x (days enrolled inside the window) / (window days) x 365
///   capacity   = capacity_c x capacity_gain x mean G
///   co2e cut   = carbon_reduction x mean G x the supplier's own production kg CO2e per unit
///   social cut = own risk at C0 - mean over t of own risk at C0 + G(t)       (<see cref="SocialRiskEstimate.OwnPerUnit"/>)
/// </code>
/// A candidate may enrol in a programme when it meets the programme's target by tier, size, region and
/// supplier list. The target's risk segments are left out: they rank suppliers by a risk score that
/// changes during a run, and the optimizer's choice replaces that ranking for the candidates.
/// Productivity gains lower the supplier's own unit cost, not the buyer's price, so they do not enter
/// the optimizer's cost; the simulation check sees them through the suppliers' cash.
/// </summary>
public static class ProgrammeEffects
{
    private const double DaysPerMonth = 30.4375;

    /// <summary>
    /// Fewest intervals per piece of the composite Simpson rule the window means use; pieces also get two
    /// per day, because the social risk estimate may step at a capability threshold (local grievance
    /// resolution), where Simpson's error is the step times the interval.
    /// </summary>
    private const int MinSimpsonIntervals = 64;

    /// <summary>The programmes of the scenario and every enrolment option with an effect.</summary>
    /// <param name="network">The scenario.</param>
    /// <param name="candidates">The problem's candidates, in order.</param>
    /// <param name="social">The social risk estimate the problem's arcs use.</param>
    public static (IReadOnlyList<SourcingProgramme> Programmes, IReadOnlyList<ProgrammeOption> Options) Build(
        NetworkDefinition network, IReadOnlyList<NodeDefinition> candidates, SocialRiskEstimate social)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(social);
        var definitions = network.Social?.CapacityBuilding ?? [];
        double reviewDays = network.Social?.Compliance.ReviewDays ?? 7;
        var programmes = new List<SourcingProgramme>(definitions.Count);
        var options = new List<ProgrammeOption>();
        for (int p = 0; p < definitions.Count; p++)
        {
            var programme = definitions[p];
            programmes.Add(new SourcingProgramme(programme.Id, programme.MaxSuppliers));
            double start = EnrolmentDay(programme.StartDay, reviewDays);
            if (start > programme.EndDay || start >= network.HorizonDays)
            {
                continue;
            }

            for (int c = 0; c < candidates.Count; c++)
            {
                var candidate = candidates[c];
                if (!Eligible(programme.Target, candidate))
                {
                    continue;
                }

                var option = Option(network, programme, p, candidate, c, start, social);
                if (option.CapacityAddedPerDay > 0 || option.Co2eCutKgPerUnit > 0 || option.SocialRiskCutPerUnit > 0)
                {
                    options.Add(option);
                }
            }
        }

        return (programmes, options);
    }

    /// <summary>The capability gained by day <paramref name="t"/> when enrolled at <paramref name="start"/> (see the class summary).</summary>
    public static double CapabilityGain(double initialCapability, double gainPerYear, double start, double durationDays, double t) =>
        (1 - initialCapability) * (1 - Math.Exp(-gainPerYear * Math.Clamp(t - start, 0, durationDays) / 365));

    /// <summary>The day the model enrols a supplier: its first social review at or after the programme's start day.</summary>
    public static double EnrolmentDay(double startDay, double reviewDays) =>
        startDay <= 0 ? 0 : Math.Ceiling((startDay / reviewDays) - 1e-9) * reviewDays;

    private static ProgrammeOption Option(NetworkDefinition network, CapacityBuildingDefinition programme, int programmeIndex, NodeDefinition candidate, int candidateIndex, double start, SocialRiskEstimate social)
    {
        double from = network.WarmupDays, to = network.HorizonDays;
        double end = start + programme.DurationDays;
        double c0 = candidate.Capability;
        double Gain(double t) => CapabilityGain(c0, programme.CapabilityGainPerYear, start, programme.DurationDays, t);
        double meanGain = WindowMean(Gain, from, to, start, end);
        double ownAtStart = social.OwnPerUnit(candidate.Id, c0);
        double meanOwn = WindowMean(t => social.OwnPerUnit(candidate.Id, c0 + Gain(t)), from, to, start, end);
        double enrolledDays = Math.Max(0, Math.Min(end, to) - Math.Max(start, from));
        double capacity = double.IsFinite(candidate.CapacityPerDay) ? candidate.CapacityPerDay : 0;
        return new ProgrammeOption
        {
            ProgrammeIndex = programmeIndex,
            CandidateIndex = candidateIndex,
            CostPerYear = programme.CostPerSupplierMonth / DaysPerMonth * enrolledDays / (to - from) * 365,
            CapacityAddedPerDay = capacity * programme.CapacityGain * meanGain,
            Co2eCutKgPerUnit = programme.CarbonReduction * meanGain * candidate.Co2eKgPerUnit,
            SocialRiskCutPerUnit = Math.Max(0, ownAtStart - meanOwn),
        };
    }

    private static bool Eligible(SupplierTarget target, NodeDefinition candidate) =>
        candidate.Capability < 1
        && candidate.Tier >= target.MinTier && candidate.Tier <= target.MaxTier
        && (target.Sizes.Count == 0 || target.Sizes.Contains(candidate.Size))
        && (target.Regions.Count == 0 || target.Regions.Contains(candidate.RegionId, StringComparer.Ordinal))
        && (target.Suppliers.Count == 0 || target.Suppliers.Contains(candidate.Id, StringComparer.Ordinal));

    /// <summary>
    /// Mean of <paramref name="f"/> over the window [from, to], for a curve that is flat before the
    /// enrolment and after it ends: the flat pieces are taken at one point each, the enrolled piece
    /// [start, end] by Simpson's rule.
    /// </summary>
    private static double WindowMean(Func<double, double> f, double from, double to, double start, double end)
    {
        double a = Math.Clamp(start, from, to), b = Math.Clamp(end, from, to);
        double integral = ((a - from) * f((from + a) / 2)) + ((to - b) * f((b + to) / 2));
        if (b > a)
        {
            int intervals = Math.Max(MinSimpsonIntervals, 2 * (int)Math.Ceiling(b - a));
            double h = (b - a) / intervals;
            double sum = f(a) + f(b);
            for (int i = 1; i < intervals; i++)
            {
                sum += f(a + (i * h)) * (i % 2 == 1 ? 4 : 2);
            }

            integral += sum * h / 3;
        }

        return to > from ? integral / (to - from) : 0;
    }
}
