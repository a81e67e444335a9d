using Simulation.Core.Statistics.Sensitivity;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>One parameter's Sobol indices for one KPI.</summary>
/// <param name="Kpi">The KPI (its mean over replications at each point is the model output).</param>
/// <param name="Parameter">The parameter's column name.</param>
/// <param name="Index">First-order and total indices with bootstrap 95% CIs.</param>
public sealed record SensitivityRow(string Kpi, string Parameter, SobolIndex Index);

/// <summary>What a sweep, shard or merge did.</summary>
/// <param name="Name">The sweep's name.</param>
/// <param name="OutputDirectory">The sweep folder.</param>
/// <param name="Points">Points in the whole sweep.</param>
/// <param name="PointsRun">Points this process simulated.</param>
/// <param name="PointsSkipped">Points of this process's shard that were already finished (resumed).</param>
/// <param name="Finished">True when the dataset was written (an unsharded run or a merge).</param>
/// <param name="Sensitivity">Sobol indices (Sobol designs, once finished); empty otherwise.</param>
/// <param name="WallTime">Wall-clock time of this process's work.</param>
public sealed record SweepOutcome(
    string Name,
    string OutputDirectory,
    int Points,
    int PointsRun,
    int PointsSkipped,
    bool Finished,
    IReadOnlyList<SensitivityRow> Sensitivity,
    TimeSpan WallTime);
