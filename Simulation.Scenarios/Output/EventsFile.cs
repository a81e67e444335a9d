using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>events.parquet</c> (with <c>--events</c>): a row per recorded model event, replications in
/// order and each replication's events in time order. Schema in docs/outputs.md.
/// </summary>
internal sealed class EventsFile : IAsyncDisposable
{
    public const string FileName = "events.parquet";

    private readonly ValueColumn<int> _replication = new("replication");
    private readonly ValueColumn<double> _time = new("time");
    private readonly StringColumn _entity = new("entity");
    private readonly StringColumn _type = new("event_type");
    private readonly NullableValueColumn<double> _value = new("value");
    private readonly StringColumn _detail = new("detail", nullable: true);
    private ParquetStreamWriter _writer = null!;

    private EventsFile()
    {
    }

    public long RowCount => _writer.RowCount;

    public static async Task<EventsFile> CreateAsync(string path, CancellationToken cancellationToken)
    {
        var file = new EventsFile();
        ColumnBuffer[] columns = [file._replication, file._time, file._entity, file._type, file._value, file._detail];
        file._writer = await ParquetStreamWriter.CreateAsync(path, columns, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>Appends one replication's events.</summary>
    public void Append(int replication, IReadOnlyList<NetworkEvent> events)
    {
        foreach (var e in events)
        {
            _replication.Add(replication);
            _time.Add(e.Time);
            _entity.Add(e.Entity);
            _type.Add(e.Type);
            _value.Add(double.IsNaN(e.Value) ? null : e.Value);
            _detail.Add(e.Detail);
            _writer.EndRow();
        }
    }

    public Task CompleteAsync() => _writer.CompleteAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
