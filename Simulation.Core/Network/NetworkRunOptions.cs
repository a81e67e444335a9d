namespace Simulation.Core.Network;

/// <summary>Options for <see cref="NetworkSimulation.Run"/> that do not change the model, only what is recorded.</summary>
public sealed record NetworkRunOptions
{
    /// <summary>
    /// Days between two rows of <see cref="NetworkRunResult.Daily"/>; finite and &gt; 0. Rows are taken at
    /// day 0, this interval, twice it, and so on up to the horizon; flows in a row cover the interval
    /// that ends there.
    /// </summary>
    public double TimeSeriesEveryDays { get; init; } = 1;

    /// <summary>
    /// Receives disruptions and exits as they happen (see <see cref="NetworkEventTypes"/>), in time
    /// order; null records nothing. Called on the replication's own thread; recording does not change results.
    /// </summary>
    public Action<NetworkEvent>? EventRecorder { get; init; }

    /// <summary>
    /// Receives every order's steps (placed, shipped, received; end-customer orders and deliveries) as
    /// they happen, in time order (see <see cref="OrderEventTypes"/>); null records none. Called on the
    /// replication's own thread; recording does not change results.
    /// </summary>
    public Action<OrderEvent>? OrderRecorder { get; init; }

    /// <summary>
    /// Where the node series' arrays come from: a run that shares one instance between its
    /// replications and <see cref="NodeTimeSeries.Release">releases</see> each series once written
    /// reuses them; null allocates them for each replication. Values do not depend on it.
    /// </summary>
    public NodeSeriesBuffers? NodeSeriesBuffers { get; init; }

    /// <summary>Test hook: called after the bookkeeping of every simulated day, with the running model.</summary>
    internal Action<NetworkModel>? DayEndProbe { get; init; }
}
