using Simulation.Core.Network;
using Simulation.Core.Statistics;

namespace Simulation.Scenarios.Experiments;

/// <summary>One KPI summarised over replications.</summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Summary">Mean, standard deviation, 95% CI and quantiles over replications.</param>
public sealed record KpiSummary(Kpi Kpi, Summary Summary);
