using System.Reflection;
using System.Text.Json;
using Simulation.Scenarios.Json;

namespace Simulation.Scenarios.Output;

/// <summary>The provenance of a run, written as <c>manifest.json</c>.</summary>
internal sealed record Manifest
{
    /// <summary>The manifest's name in a run folder.</summary>
    public const string FileName = "manifest.json";

    public required string ToolVersion { get; init; }

    public required string Scenario { get; init; }

    public string ScenarioDescription { get; init; } = "";

    public required string ScenarioHash { get; init; }

    /// <summary>SHA-256 of each imported supplier table, by full path; absent when the scenario imports none.</summary>
    public IReadOnlyDictionary<string, string>? ImportedTables { get; init; }

    /// <summary>The calendar date of day 0, if the scenario has one.</summary>
    public DateOnly? StartDate { get; init; }

    public double HorizonDays { get; init; }

    public double WarmupDays { get; init; }

    public int TimeseriesEveryDays { get; init; } = 1;

    /// <summary>The files of the run folder (Parquet, YAML, charts and report), relative to it.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public required string CommandLine { get; init; }

    public required ulong MasterSeed { get; init; }

    public required int Replications { get; init; }

    public required IReadOnlyList<ulong> ReplicationSeeds { get; init; }

    public required int Threads { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required DateTimeOffset FinishedUtc { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>Seconds spent on the replications and the Parquet files (the wall time less charts and report).</summary>
    public double SimulationSeconds { get; init; }

    public required long Events { get; init; }

    /// <summary>The MSER-5 check of the warm-up; null in manifests written before it existed.</summary>
    public Experiments.WarmupDiagnosis? WarmupDiagnosis { get; init; }

    public static string CurrentToolVersion =>
        typeof(Manifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string ToJson() => JsonSerializer.Serialize(this, RunFilesJson.Default.Manifest);

    /// <summary>Reads the <c>manifest.json</c> of a run folder.</summary>
    /// <exception cref="ScenarioInputException">The file is missing or is not a manifest.</exception>
    public static Manifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioInputException($"'{path}' does not exist; is this a run folder written by 'sim run'?");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), RunFilesJson.Default.Manifest)
                ?? throw new ScenarioInputException($"'{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new ScenarioInputException($"'{path}' is not a valid run manifest: {e.Message}");
        }
    }
}
