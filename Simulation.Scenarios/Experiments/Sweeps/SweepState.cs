using System.Text.Json;
using Simulation.Scenarios.Json;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>One parameter column as <c>sweep.json</c> records it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Path">The scenario path it sets.</param>
/// <param name="Type">whole, real or text.</param>
internal sealed record ParameterColumn(string Name, string Path, ParameterType Type);

/// <summary>
/// <c>sweep.json</c>: what a sweep folder belongs to. Written once when the folder is created; a resumed
/// run, a shard or a merge checks the hash and refuses a folder of another sweep. It holds everything
/// finishing the dataset needs, so <c>sim merge</c> works without the scenario or design files.
/// </summary>
internal sealed record SweepState
{
    public const string FileName = "sweep.json";

    public int Format { get; init; } = 1;

    public required string Hash { get; init; }

    public required string Name { get; init; }

    public required string Scenario { get; init; }

    public required DesignKind Design { get; init; }

    public required int Points { get; init; }

    public required int Replications { get; init; }

    public required ulong Seed { get; init; }

    public required int Samples { get; init; }

    public required int BootstrapResamples { get; init; }

    public required IReadOnlyList<ParameterColumn> Parameters { get; init; }

    public required IReadOnlyList<string> Kpis { get; init; }

    /// <summary>SHA-256 of each imported table the scenario read, by full path (in the hash too).</summary>
    public IReadOnlyDictionary<string, string> ImportedTables { get; init; } = new Dictionary<string, string>();

    /// <summary>The first imported table whose content differs between <paramref name="before"/> and <paramref name="after"/>, or null.</summary>
    public static string? ChangedTable(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        foreach (var (path, hash) in before)
        {
            if (!after.TryGetValue(path, out string? otherHash) || otherHash != hash)
            {
                return path;
            }
        }

        return after.Keys.FirstOrDefault(path => !before.ContainsKey(path));
    }

    public static SweepState? TryRead(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SweepStateJson.Default.SweepState);
        }
        catch (JsonException e)
        {
            throw new ScenarioInputException($"'{path}' is not a sweep state file ({e.Message}).", e);
        }
    }

    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, SweepStateJson.Default.SweepState));
}
