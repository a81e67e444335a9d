namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// The workloads of the side-by-side suite, each sized so that our run takes at least 100 ms (what
/// BenchmarkDotNet asks of one invocation) while Sim#'s slowest (100,000 processes) takes seconds, not
/// minutes, and the whole suite fits a few minutes on two cores.
/// </summary>
public static class SideBySideWorkloads
{
    /// <summary>Every workload, in the order of the tables.</summary>
    public static IReadOnlyList<SideBySideWorkload> All { get; } =
    [
        new TimeoutsWorkload(processes: 10, totalTimeouts: 6_000_000),
        new TimeoutsWorkload(processes: 1_000, totalTimeouts: 6_000_000),
        new TimeoutsWorkload(processes: 100_000, totalTimeouts: 2_000_000),
        new QueueingWorkload(customers: 600_000),
        new StoreWorkload(itemsPerProducer: 60_000),
        new SignalWorkload(rounds: 60_000),
    ];

    /// <summary>The workload called <paramref name="name"/>.</summary>
    public static SideBySideWorkload Named(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"No side-by-side workload is called '{name}'.", nameof(name));
}
