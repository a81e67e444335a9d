using Simulation.Core.Network.Definitions;

namespace Simulation.Scenarios;

/// <summary>What <see cref="ScenarioLoader.Load"/> found: the network, or every error that prevents it.</summary>
public sealed class ScenarioLoadResult
{
    internal ScenarioLoadResult(NetworkDefinition? definition, IReadOnlyList<ScenarioError> errors, string resolvedYaml, string scenarioHash, IReadOnlyDictionary<string, string> importedTables)
    {
        ImportedTables = importedTables;
        Definition = errors.Count == 0 ? definition : null;
        Errors = errors;
        ResolvedYaml = resolvedYaml;
        ScenarioHash = scenarioHash;
    }

    /// <summary>The validated network; null when there are errors.</summary>
    public NetworkDefinition? Definition { get; }

    /// <summary>All errors, in file and line order (the scenario, the bases it extends, <c>--set</c>, imported tables).</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <summary>True when the scenario loaded without errors and <see cref="Definition"/> is set.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>
    /// The merged document after <c>extends</c> and <c>--set</c>, as YAML (for <c>scenario.resolved.yaml</c>);
    /// empty if a file of the chain could not be read or parsed. Groups and imports are not expanded in it.
    /// </summary>
    public string ResolvedYaml { get; }

    /// <summary>The scenario's <c>report</c> section: headline KPIs, targets and currency (defaults when absent).</summary>
    public Reporting.ReportSettings Report { get; init; } = Reporting.ReportSettings.Default;

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="ResolvedYaml"/>.</summary>
    public string ScenarioHash { get; }

    /// <summary>
    /// SHA-256 (lower-case hex) of every imported table's bytes, by full path. Not in
    /// <see cref="ScenarioHash"/> (the resolved YAML names the tables, not their content); a sweep's
    /// identity and a run's manifest include them, so a resume after a table changed is refused.
    /// </summary>
    public IReadOnlyDictionary<string, string> ImportedTables { get; }
}
