namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>Which part of a sweep one process runs: shard <see cref="Index"/> of <see cref="Count"/> (0-based).</summary>
/// <param name="Index">0 .. Count - 1.</param>
/// <param name="Count">The number of shards, &gt;= 1.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole sweep.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>The first point of this shard: shards are contiguous ranges of points, as equal as can be.</summary>
    /// <param name="points">The sweep's points.</param>
    /// <returns>The first point index.</returns>
    public int Start(int points) => (int)((long)points * Index / Count);

    /// <summary>One past the last point of this shard.</summary>
    /// <param name="points">The sweep's points.</param>
    /// <returns>The end index (exclusive).</returns>
    public int End(int points) => (int)((long)points * (Index + 1) / Count);
}

/// <summary>How to run a sweep.</summary>
public sealed record SweepSettings
{
    /// <summary>The sweep folder. Rerunning into the same folder resumes; a folder of another sweep is refused unless <see cref="Force"/>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Worker threads (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The shard to run; a sharded run writes parts only and leaves the dataset to <c>sim merge</c>.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Start over: delete a folder that holds another sweep (or this one's finished parts).</summary>
    public bool Force { get; init; }

    /// <summary>The command line, recorded in the manifest.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>Reports (points finished, points to run in this process) as points finish.</summary>
    public IProgress<(int Done, int Total)>? Progress { get; init; }
}
