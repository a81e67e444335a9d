namespace Simulation.Scenarios.Experiments;

/// <summary>What a finished run produced.</summary>
public sealed class RunOutcome
{
    internal RunOutcome(string scenarioName, string outputDirectory, int replications, ulong seed, IReadOnlyList<KpiSummary> summaries, TimeSpan wallTime, long events, WarmupDiagnosis warmup, IReadOnlyList<AlertSummary>? alerts = null)
    {
        Alerts = alerts ?? [];
        ScenarioName = scenarioName;
        OutputDirectory = outputDirectory;
        Replications = replications;
        Seed = seed;
        Summaries = summaries;
        WallTime = wallTime;
        Events = events;
        Warmup = warmup;
    }

    /// <summary>The scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>The completed run folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>Replications run.</summary>
    public int Replications { get; }

    /// <summary>The master seed used.</summary>
    public ulong Seed { get; }

    /// <summary>Every KPI, in catalogue order.</summary>
    public IReadOnlyList<KpiSummary> Summaries { get; }

    /// <summary>Every alert of the scenario, in file order (empty without alerts).</summary>
    public IReadOnlyList<AlertSummary> Alerts { get; }

    /// <summary>Wall-clock time of the simulation and writing.</summary>
    public TimeSpan WallTime { get; }

    /// <summary>Kernel events processed over all replications.</summary>
    public long Events { get; }

    /// <summary>Whether the warm-up outlasts the start-up transient (MSER-5 on the replication means).</summary>
    public WarmupDiagnosis Warmup { get; }
}
