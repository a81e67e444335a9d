namespace Simulation.Scenarios.Experiments.Compare;

/// <summary>How to run a comparison: the base, its variants and the run settings they share.</summary>
public sealed record ComparisonSettings
{
    /// <summary>The base scenario file; every difference is measured against it.</summary>
    public required string BaseScenarioPath { get; init; }

    /// <summary>Overrides applied to the base and to every variant (e.g. a shorter horizon).</summary>
    public IReadOnlyList<string> SharedOverrides { get; init; } = [];

    /// <summary>The variants, in the order they are reported.</summary>
    public required IReadOnlyList<ComparisonVariant> Variants { get; init; }

    /// <summary>Replications per variant; null = the base scenario's.</summary>
    public int? Replications { get; init; }

    /// <summary>Master seed for every variant; null = the base scenario's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Worker threads (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The run folder to create. It must not exist unless <see cref="Force"/>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Replace an existing run folder.</summary>
    public bool Force { get; init; }

    /// <summary>The command line, recorded in the manifest.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>Reports the number of scenario replications finished over all variants.</summary>
    public IProgress<int>? Progress { get; init; }
}
