using System.Reflection;
using System.Text.Json;
using Simulation.Scenarios.Json;

namespace Simulation.Scenarios.Experiments;

/// <summary>The provenance of a comparison or sweep, written as <c>manifest.json</c> beside its datasets.</summary>
internal sealed record ExperimentManifest
{
    public string ToolVersion { get; init; } =
        typeof(ExperimentManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public required string Experiment { get; init; }

    public required string Scenario { get; init; }

    public IReadOnlyDictionary<string, string>? ScenarioHashes { get; init; }

    public string? DesignHash { get; init; }

    public required string CommandLine { get; init; }

    public required ulong MasterSeed { get; init; }

    public required int Replications { get; init; }

    public int? Points { get; init; }

    public required int Threads { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required DateTimeOffset FinishedUtc { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>SHA-256 of each imported table, by full path (sweeps).</summary>
    public IReadOnlyDictionary<string, string>? ImportedTables { get; init; }

    /// <summary>Each shard's own provenance, for a merged sweep.</summary>
    public IReadOnlyList<Sweeps.ShardRecord>? Shards { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, RunFilesJson.Default.ExperimentManifest);
}
