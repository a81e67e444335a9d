namespace Simulation.Core.Network;

/// <summary>
/// Every node's stock and orders over time (<c>node_timeseries.parquet</c>): a row per sampled day and
/// node. Rows are sampled like <see cref="NetworkRunResult.Daily"/>; levels are read after every event
/// of the day, flows cover the interval that ends at the row (nothing at day 0).
/// </summary>
public sealed class NodeTimeSeries
{
    /// <summary>The metrics, in column order.</summary>
    public static IReadOnlyList<string> Metrics { get; } =
    [
        "on_hand",          // level: finished goods on hand
        "backorders",       // level: customer units waiting
        "on_order",         // level: units ordered and not yet received (the pipeline)
        "orders_placed",    // flow: replenishment orders placed
        "units_ordered",    // flow: units of those orders
        "units_received",   // flow: units received from its sources
        "units_demanded",   // flow: units its customers ordered of it
    ];

    /// <summary>Index of <c>on_hand</c> in <see cref="Metrics"/>.</summary>
    public const int OnHand = 0;

    /// <summary>Index of <c>backorders</c>.</summary>
    public const int Backorders = 1;

    /// <summary>Index of <c>on_order</c>.</summary>
    public const int OnOrder = 2;

    /// <summary>Index of <c>orders_placed</c>.</summary>
    public const int OrdersPlaced = 3;

    /// <summary>Index of <c>units_ordered</c>.</summary>
    public const int UnitsOrdered = 4;

    /// <summary>Index of <c>units_received</c>.</summary>
    public const int UnitsReceived = 5;

    /// <summary>Index of <c>units_demanded</c>.</summary>
    public const int UnitsDemanded = 6;

    private readonly double[] _days;
    private readonly string[] _nodes;
    private readonly NodeSeriesBuffers? _owner;
    private double[][]? _values; // [metric][row * nodes + node]; null once released

    internal NodeTimeSeries(double[] days, string[] nodes, double[][] values, NodeSeriesBuffers? owner)
    {
        _days = days;
        _nodes = nodes;
        _values = values;
        _owner = owner;
    }

    /// <summary>The sampled days.</summary>
    public IReadOnlyList<double> Days => _days;

    /// <summary>The node ids, in definition order.</summary>
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>
    /// Every value of <paramref name="metric"/>, row after row and node after node within a row: the
    /// value of row r and node n is at <c>r * Nodes.Count + n</c>, the order of <c>node_timeseries.parquet</c>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The series was <see cref="Release">released</see>.</exception>
    public ReadOnlySpan<double> Values(int metric) =>
        (_values ?? throw new ObjectDisposedException(nameof(NodeTimeSeries), "The node series was released after it was written."))[metric];

    /// <summary>
    /// Gives the values' arrays back to the <see cref="NodeSeriesBuffers"/> of the run that made the
    /// series (<see cref="NetworkRunOptions.NodeSeriesBuffers"/>), for a later replication; the values
    /// cannot be read afterwards. Does nothing to a series made without buffers, or released before.
    /// </summary>
    public void Release()
    {
        var values = Interlocked.Exchange(ref _values, null);
        if (values is not null)
        {
            _owner?.Return(values);
        }
    }
}
