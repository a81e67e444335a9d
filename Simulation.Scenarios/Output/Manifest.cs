using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Simulation.Scenarios.Output;

/// <summary>The provenance of a run, written as <c>manifest.json</c>.</summary>
internal sealed record Manifest
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string ToolVersion { get; init; }

    public required string Scenario { get; init; }

    public required string ScenarioHash { get; init; }

    public required string CommandLine { get; init; }

    public required ulong MasterSeed { get; init; }

    public required int Replications { get; init; }

    public required IReadOnlyList<ulong> ReplicationSeeds { get; init; }

    public required int Threads { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required DateTimeOffset FinishedUtc { get; init; }

    public required double WallSeconds { get; init; }

    public required long Events { get; init; }

    public static string CurrentToolVersion =>
        typeof(Manifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}
