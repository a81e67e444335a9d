using Simulation.Core.Network;
using Simulation.Core.Statistics;

namespace Simulation.Scenarios.Experiments.Compare;

/// <summary>One KPI of one variant against the base.</summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="Kpi">The KPI.</param>
/// <param name="Difference">Means, the paired difference with its CI, and what pairing gained.</param>
public sealed record KpiDifference(string Variant, Kpi Kpi, PairedDifference Difference);

/// <summary>What a finished comparison produced.</summary>
/// <param name="ScenarioName">The base scenario's name.</param>
/// <param name="OutputDirectory">The completed run folder.</param>
/// <param name="Replications">Replications per variant.</param>
/// <param name="Seed">The master seed every variant used.</param>
/// <param name="Variants">The variants' names, in order.</param>
/// <param name="Differences">Per variant (in order), every KPI of the catalogue that is defined in both.</param>
/// <param name="WallTime">Wall-clock time of the simulation and writing.</param>
public sealed record ComparisonOutcome(
    string ScenarioName,
    string OutputDirectory,
    int Replications,
    ulong Seed,
    IReadOnlyList<string> Variants,
    IReadOnlyList<KpiDifference> Differences,
    TimeSpan WallTime);
