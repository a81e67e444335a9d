using Simulation.Core.Network;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>How a sweep places its points in the parameter space.</summary>
public enum DesignKind
{
    /// <summary>Every combination of every parameter's values (ranges are split into <c>steps</c> values).</summary>
    Grid,

    /// <summary>Latin hypercube: <c>samples</c> points, each parameter's range cut into that many strata, one point per stratum.</summary>
    LatinHypercube,

    /// <summary>Saltelli's design on a Sobol sequence for first-order and total Sobol indices: <c>samples</c> (d + 2) points.</summary>
    Sobol,
}

/// <summary>The type of a parameter's column in the sweep dataset.</summary>
public enum ParameterType
{
    /// <summary>Whole numbers (int64 column).</summary>
    Whole,

    /// <summary>Real numbers (double column).</summary>
    Real,

    /// <summary>Text, e.g. a policy name (string column; grid designs only).</summary>
    Text,
}

/// <summary>One swept parameter: a scenario path (as <c>--set</c> takes it) and its values or range.</summary>
/// <param name="Name">The dataset column's name.</param>
/// <param name="Path">The scenario path, e.g. <c>suppliers[cmt-01].capacity_per_day</c>.</param>
/// <param name="Type">The column type.</param>
/// <param name="Values">Listed values (grid), as YAML text; empty for a range.</param>
/// <param name="Min">The range's lower end (NaN for listed values).</param>
/// <param name="Max">The range's upper end (NaN for listed values).</param>
/// <param name="Steps">Grid values across the range, ends included (0 when not a grid range).</param>
public sealed record SweepParameter(string Name, string Path, ParameterType Type, IReadOnlyList<string> Values, double Min, double Max, int Steps)
{
    /// <summary>True when the parameter is given as a range rather than listed values.</summary>
    public bool IsRange => Values.Count == 0;
}

/// <summary>A validated sweep design (docs/experiments.md): what to vary, how, and what to measure.</summary>
/// <param name="Name">The sweep's name (the design file's name without extension unless given).</param>
/// <param name="DesignPath">The design file.</param>
/// <param name="ScenarioPath">The scenario file, resolved relative to the design file.</param>
/// <param name="Overrides">Fixed <c>--set</c> overrides applied at every point before the parameters.</param>
/// <param name="Kind">Grid, Latin hypercube or Sobol.</param>
/// <param name="Parameters">The swept parameters, in column order.</param>
/// <param name="Samples">Latin hypercube points, or Sobol base samples N; 0 for a grid.</param>
/// <param name="Replications">Replications per point (replication r uses the same streams at every point).</param>
/// <param name="Kpis">The KPIs kept in the dataset and summarised.</param>
/// <param name="Seed">The master seed of every point, and of the Latin hypercube and bootstrap streams.</param>
/// <param name="BootstrapResamples">Bootstrap resamples for the Sobol indices' CIs.</param>
public sealed record SweepDesign(
    string Name,
    string DesignPath,
    string ScenarioPath,
    IReadOnlyList<string> Overrides,
    DesignKind Kind,
    IReadOnlyList<SweepParameter> Parameters,
    int Samples,
    int Replications,
    IReadOnlyList<Kpi> Kpis,
    ulong Seed,
    int BootstrapResamples);
