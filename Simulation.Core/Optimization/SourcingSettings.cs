namespace Simulation.Core.Optimization;

/// <summary>What to optimise and under which limits.</summary>
public sealed record SourcingSettings
{
    /// <summary>The KPI to minimise.</summary>
    public SourcingKpi Objective { get; init; } = SourcingKpi.Cost;

    /// <summary>Upper limits on KPIs (per unit of demand, as <see cref="SourcingKpi"/> defines them).</summary>
    public IReadOnlyDictionary<SourcingKpi, double> Caps { get; init; } = new Dictionary<SourcingKpi, double>();

    /// <summary>Largest share of one buyer's demand a single supplier may get, in (0, 1].</summary>
    public double MaxSupplierShare { get; init; } = 1;

    /// <summary>Largest share of one buyer's demand a single region may get, in (0, 1].</summary>
    public double MaxRegionShare { get; init; } = 1;

    /// <summary>
    /// Largest change of any arc's share from today's mix (<see cref="SourcingProblem.BaselineShares"/>), in
    /// [0, 1]: a responsible exit or phase-out moves volume gradually. 1 (or more) = no limit.
    /// </summary>
    public double MaxShareChange { get; init; } = 1;

    /// <summary>
    /// Largest utilisation of any supplier's capacity at peak demand, in (0, 1]: below 1 it keeps spare
    /// capacity, so a supplier can catch up after a disruption (and others can take volume).
    /// </summary>
    public double MaxUtilisation { get; init; } = 1;

    /// <summary>When a request is infeasible, may the explanation suggest capacity expansions (not only changes to the caps and limits)?</summary>
    public bool SuggestCapacity { get; init; }

    /// <summary>Level of the CVaR of shortfall, in (0, 1): 0.95 averages the worst 5% of scenarios.</summary>
    public double CvarAlpha { get; init; } = 0.95;

    /// <summary>Most the enrolled capacity-building programmes may cost per year, currency (with enrolment options in the problem).</summary>
    public double ProgrammeBudgetPerYear { get; init; } = double.PositiveInfinity;

    /// <summary>Relative optimality gap at which the solver may stop (0.01 = 1%).</summary>
    public double RelativeGap { get; init; } = DefaultGap;

    /// <summary>
    /// The default relative gap: 1e-4. The shipped scenarios solve to it in 0.02-0.1 s, and at 1% some
    /// frontier points were dominated by others (docs/optimizer.md).
    /// </summary>
    public const double DefaultGap = 1e-4;

    /// <summary>Whether the CVaR rows are all built at once or generated as the solves need them (the same optimum either way).</summary>
    public CvarScenarioRows ScenarioRows { get; init; } = CvarScenarioRows.Automatic;

    /// <summary>Wall-clock limit per solve.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks ranges; throws with a message naming the setting.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate(double minShare)
    {
        if (!(MaxSupplierShare > 0 && MaxSupplierShare <= 1))
        {
            throw new ArgumentException($"The maximum share per supplier must be in (0, 1], got {MaxSupplierShare}.");
        }

        if (!(MaxRegionShare > 0 && MaxRegionShare <= 1))
        {
            throw new ArgumentException($"The maximum share per region must be in (0, 1], got {MaxRegionShare}.");
        }

        if (minShare > MaxSupplierShare)
        {
            throw new ArgumentException($"The minimum share if used ({minShare}) exceeds the maximum share per supplier ({MaxSupplierShare}).");
        }

        if (!(MaxShareChange >= 0))
        {
            throw new ArgumentException($"The maximum share change must be >= 0, got {MaxShareChange}.");
        }

        if (!(MaxUtilisation > 0 && MaxUtilisation <= 1))
        {
            throw new ArgumentException($"The maximum utilisation must be in (0, 1], got {MaxUtilisation}.");
        }

        if (!(CvarAlpha > 0 && CvarAlpha < 1))
        {
            throw new ArgumentException($"The CVaR level alpha must be in (0, 1), got {CvarAlpha}.");
        }

        if (!(RelativeGap >= 0 && RelativeGap < 1))
        {
            throw new ArgumentException($"The relative gap must be in [0, 1), got {RelativeGap}.");
        }

        if (!(ProgrammeBudgetPerYear >= 0))
        {
            throw new ArgumentException($"The programme budget must be >= 0 per year, got {ProgrammeBudgetPerYear}.");
        }

        if (TimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The time limit must be positive, got {TimeLimit}.");
        }

        foreach (var (kpi, cap) in Caps)
        {
            if (!double.IsFinite(cap) || cap < 0)
            {
                throw new ArgumentException($"The cap on {SourcingKpis.Name(kpi)} must be a finite number >= 0, got {cap}.");
            }
        }
    }

    /// <summary>These settings with one more cap (the tighter of an existing one and <paramref name="value"/>).</summary>
    public SourcingSettings WithCap(SourcingKpi kpi, double value)
    {
        var caps = new Dictionary<SourcingKpi, double>(Caps);
        caps[kpi] = caps.TryGetValue(kpi, out double existing) ? Math.Min(existing, value) : value;
        return this with { Caps = caps };
    }
}
