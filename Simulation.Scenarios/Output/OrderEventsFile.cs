using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>order_events.parquet</c> (with <c>--order-events</c>): a row per step of
/// an order (placed, shipped, received; end-customer orders and deliveries), replications in order and
/// each replication's steps in simulated-time order. Schema in docs/outputs.md.
/// </summary>
internal sealed class OrderEventsFile : IAsyncDisposable
{
    public const string FileName = "order_events.parquet";

    private readonly ValueColumn<int> _replication = new("replication");
    private readonly ValueColumn<double> _time = new("time");
    private readonly StringColumn _type = new("event_type");
    private readonly ValueColumn<long> _orderId = new("order_id");
    private readonly StringColumn _customer = new("customer");
    private readonly StringColumn _supplier = new("supplier");
    private readonly ValueColumn<double> _quantity = new("quantity");
    private ParquetStreamWriter _writer = null!;

    private OrderEventsFile()
    {
    }

    public long RowCount => _writer.RowCount;

    public static async Task<OrderEventsFile> CreateAsync(string path, CancellationToken cancellationToken)
    {
        var file = new OrderEventsFile();
        ColumnBuffer[] columns = [file._replication, file._time, file._type, file._orderId, file._customer, file._supplier, file._quantity];
        file._writer = await ParquetStreamWriter.CreateAsync(path, columns, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>Appends one replication's order steps.</summary>
    public void Append(int replication, IReadOnlyList<OrderEvent> events)
    {
        foreach (var e in events)
        {
            _replication.Add(replication);
            _time.Add(e.Time);
            _type.Add(e.Type);
            _orderId.Add(e.OrderId);
            _customer.Add(e.Customer);
            _supplier.Add(e.Supplier);
            _quantity.Add(e.Quantity);
            _writer.EndRow();
        }
    }

    public Task CompleteAsync() => _writer.CompleteAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
