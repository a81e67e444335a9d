using Simulation.Core.Network;

namespace Simulation.Scenarios.Experiments;

/// <summary>How to run a scenario: everything a command line can change about a run.</summary>
public sealed record RunSettings
{
    /// <summary>Replications to run; null = the scenario's own.</summary>
    public int? Replications { get; init; }

    /// <summary>Master seed; null = the scenario's own.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Worker threads (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The run folder to create. It must not exist unless <see cref="Force"/>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Replace an existing run folder.</summary>
    public bool Force { get; init; }

    /// <summary>The command line, recorded in the manifest.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>Days between two rows of <c>timeseries.parquet</c> (whole days, at least 1).</summary>
    public int TimeSeriesEveryDays { get; init; } = 1;

    /// <summary>Record disruptions and exits in <c>events.parquet</c>.</summary>
    public bool RecordEvents { get; init; }

    /// <summary>Record every order's steps (placed, shipped, received; end-customer orders) in <c>order_events.parquet</c>.</summary>
    public bool RecordOrders { get; init; }

    /// <summary>Render <c>charts/</c> and <c>report.html</c> into the run folder.</summary>
    public bool Report { get; init; } = true;

    /// <summary>Reports what the run is doing after the replications (writing files, rendering charts).</summary>
    public IProgress<string>? Stage { get; init; }

    /// <summary>Reports the number of replications finished, in order.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>
    /// Sees every replication's full result (supplier outcomes included), in replication order. The
    /// result's <see cref="NetworkRunResult.NodeSeries"/> is already written and released (its arrays
    /// reused by a later replication): read the node series from <c>node_timeseries.parquet</c>.
    /// </summary>
    public Action<NetworkRunResult>? ReplicationObserver { get; init; }
}
