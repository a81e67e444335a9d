using Simulation.Core.Network;
using Simulation.Core.Statistics;

namespace Simulation.Scenarios.Experiments;

/// <summary>One KPI summarised over replications.</summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Summary">Mean, standard deviation, 95% CI and quantiles over replications.</param>
public sealed record KpiSummary(Kpi Kpi, Summary Summary)
{
    /// <summary>
    /// The 95% CI as tables and reports show it: the Student t bounds clipped to the KPI's
    /// <see cref="Kpi.Range"/> (a fill rate's upper bound is at most 1, a count's lower bound at least
    /// 0). <see cref="Summary"/> and summary.parquet keep the raw, symmetric bounds. NaN when n is 1.
    /// </summary>
    public (double Low, double High) Ci95InRange => Kpi.Range.Clip(Summary.Ci95Low, Summary.Ci95High);
}
