using System.Globalization;
using System.Text.Json;
using Simulation.Scenarios.Json;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// The provenance of one shard's run, written as <c>shards/shard-IIII-of-NNNN.json</c> in the sweep
/// folder when the shard finishes (a rerun of the shard replaces it). <c>sim merge</c> copies every
/// record into the merged <c>manifest.json</c> and uses them to say which shards hold missing points.
/// </summary>
internal sealed record ShardRecord
{
    /// <summary>The folder of shard records inside a sweep folder.</summary>
    public const string Folder = "shards";

    public required int Shard { get; init; }

    public required int Count { get; init; }

    public required int FirstPoint { get; init; }

    public required int EndPoint { get; init; }

    public required int PointsRun { get; init; }

    public required string Host { get; init; }

    public required int ProcessId { get; init; }

    public required string CommandLine { get; init; }

    public required int Threads { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required DateTimeOffset FinishedUtc { get; init; }

    /// <summary>Slurm's or Kubernetes' job identity when the shard ran under one (SLURM_JOB_ID, SLURM_ARRAY_JOB_ID, SLURM_ARRAY_TASK_ID, HOSTNAME of the pod).</summary>
    public IReadOnlyDictionary<string, string>? Scheduler { get; init; }

    public static string PathFor(string folder, int shard, int count) =>
        Path.Combine(folder, Folder, string.Create(CultureInfo.InvariantCulture, $"shard-{shard:D4}-of-{count:D4}.json"));

    public void Write(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, Folder));
        AtomicFile.WriteAllText(PathFor(folder, Shard, Count), JsonSerializer.Serialize(this, RunFilesJson.Default.ShardRecord));
    }

    /// <summary>Every record in <paramref name="folder"/>, in shard order; unreadable ones are skipped (they are provenance, not data).</summary>
    public static IReadOnlyList<ShardRecord> ReadAll(string folder)
    {
        string shards = Path.Combine(folder, Folder);
        if (!Directory.Exists(shards))
        {
            return [];
        }

        var records = new List<ShardRecord>();
        foreach (string file in Directory.EnumerateFiles(shards, "shard-*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllText(file), RunFilesJson.Default.ShardRecord) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
            }
        }

        return records;
    }

    /// <summary>The scheduler variables that identify a job, those that are set.</summary>
    public static IReadOnlyDictionary<string, string>? SchedulerFromEnvironment()
    {
        string[] names = ["SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_RESTART_COUNT", "SLURMD_NODENAME", "JOB_COMPLETION_INDEX"];
        var found = names
            .Select(n => (Name: n, Value: Environment.GetEnvironmentVariable(n)))
            .Where(v => !string.IsNullOrEmpty(v.Value))
            .ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);
        return found.Count > 0 ? found : null;
    }

    /// <summary>
    /// Describes missing points as ranges and, when the shard count is known from the records, the
    /// shards that hold them: "points 12-15 (shard 3 of 4)".
    /// </summary>
    public static string DescribeMissing(IReadOnlyList<int> missing, int points, IReadOnlyList<ShardRecord> records)
    {
        int? count = records.Count > 0 ? records[^1].Count : null;
        var parts = new List<string>();
        int i = 0;
        while (i < missing.Count && parts.Count < 10)
        {
            int first = missing[i];
            int last = first;
            while (i + 1 < missing.Count && missing[i + 1] == last + 1)
            {
                last = missing[++i];
            }

            i++;
            string range = first == last ? $"point {first}" : $"points {first}-{last}";
            if (count is int n)
            {
                var shards = Enumerable.Range(0, n).Where(s => new Shard(s, n).Start(points) <= last && new Shard(s, n).End(points) > first).ToList();
                range += shards.Count == 1 ? $" (shard {shards[0]} of {n})" : $" (shards {shards[0]}-{shards[^1]} of {n})";
            }

            parts.Add(range);
        }

        string more = i < missing.Count ? ", ..." : "";
        return string.Join(", ", parts) + more;
    }
}
