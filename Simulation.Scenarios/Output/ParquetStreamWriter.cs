using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Writes a Parquet file row by row without holding it in memory: rows fill column buffers of one
/// row group, which is written (Zstd-compressed) when full. Row groups are sized in bytes, not rows
/// (<see cref="TargetRowGroupBytes"/>), so a wide file and a narrow one hold about the same memory and
/// both reach their steady state after the first few replications: memory is flat in the number of
/// rows. Rows are written in the order they are ended, so a caller that
/// appends in a deterministic order gets identical bytes every time.
/// </summary>
/// <remarks>
/// A full row group is encoded, compressed and written in the background (a thread-pool task), while
/// the caller goes on filling the next group: <see cref="EndRow"/> is called from the replication
/// runner's in-order consumer, which every worker waits on in turn, so compressing there serialised the
/// run (apparel with its node time series: Zstd was an eighth of the run's CPU time, all of it on the
/// consumer). One group per file is in flight at most: the next full group waits for it, so groups
/// reach the file in order (the bytes do not depend on the thread count) and memory stays at two
/// groups per file. A failed background write surfaces at the next full group or at
/// <see cref="CompleteAsync"/>.
/// </remarks>
internal sealed class ParquetStreamWriter : IAsyncDisposable
{
    private readonly ColumnBuffer[] _columns;
    private readonly int _rowGroupSize;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly CancellationToken _cancellationToken;
    private int _rowsInGroup;
    private bool _completed;
    private Task _groupInFlight = Task.CompletedTask;

    private ParquetStreamWriter(ColumnBuffer[] columns, int rowGroupSize, FileStream stream, ParquetWriter writer, CancellationToken cancellationToken)
    {
        _columns = columns;
        _rowGroupSize = rowGroupSize;
        _stream = stream;
        _writer = writer;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Buffered bytes per row group. Small enough that a run's buffers stay a few MB, since Parquet.Net
    /// copies and encodes a whole group at once; large enough that DuckDB still scans whole pages.
    /// </summary>
    public const int TargetRowGroupBytes = 2 * 1024 * 1024;

    /// <summary>Bounds on rows per group, whatever the row width.</summary>
    public const int MinRowGroupRows = 1_024, MaxRowGroupRows = 1_048_576;

    /// <summary>Rows ended so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Rows per group for columns this wide: <see cref="TargetRowGroupBytes"/> of buffered values, within bounds.</summary>
    public static int RowGroupRows(IReadOnlyList<ColumnBuffer> columns)
    {
        long rowBytes = Math.Max(1, columns.Sum(c => (long)c.BytesPerValue));
        return (int)Math.Clamp(TargetRowGroupBytes / rowBytes, MinRowGroupRows, MaxRowGroupRows);
    }

    /// <summary>
    /// Creates <paramref name="path"/> (which must not exist) with one column per buffer, in order, and
    /// row groups of <see cref="RowGroupRows"/> rows.
    /// </summary>
    public static async Task<ParquetStreamWriter> CreateAsync(string path, IReadOnlyList<ColumnBuffer> columns, CancellationToken cancellationToken = default)
    {
        int rows = RowGroupRows(columns);
        foreach (var column in columns)
        {
            column.Allocate(rows);
        }

        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
        var options = ParquetColumns.WriterOptions();
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            var writer = await ParquetWriter.CreateAsync(schema, stream, options, append: false, cancellationToken).ConfigureAwait(false);
            return new ParquetStreamWriter([.. columns], rows, stream, writer, cancellationToken);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the row whose values were just added to every column; writes the row group when full.</summary>
    public void EndRow()
    {
        _rowsInGroup++;
        RowCount++;
        if (_rowsInGroup == _rowGroupSize)
        {
            _groupInFlight.GetAwaiter().GetResult(); // usually done already: it had a whole group's time
            var group = TakeGroup();
            _groupInFlight = Task.Run(() => WriteGroupAsync(group), _cancellationToken);
        }
    }

    /// <summary>Writes the last (partial) row group and the footer; the file is complete after this.</summary>
    public async Task CompleteAsync()
    {
        await _groupInFlight.ConfigureAwait(false);

        // A file with no rows still gets one empty row group, so that readers see the schema.
        if (_rowsInGroup > 0 || RowCount == 0)
        {
            await WriteGroupAsync(TakeGroup()).ConfigureAwait(false);
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync(_cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>Releases the file of an incomplete write (the run folder is then discarded).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await _groupInFlight.ConfigureAwait(false); // never close the stream under a running write
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The run is being abandoned and its folder discarded; the first failure was already reported.
            }

            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Checks the group is whole and takes its columns' values, leaving them to fill the next.</summary>
    private Func<ParquetRowGroupWriter, CancellationToken, Task>[] TakeGroup()
    {
        foreach (var column in _columns)
        {
            if (column.Count != _rowsInGroup)
            {
                throw new InvalidOperationException($"Column '{column.Field.Name}' has {column.Count} values in a row group of {_rowsInGroup} rows.");
            }
        }

        _rowsInGroup = 0;
        return [.. _columns.Select(c => c.TakeFilled())];
    }

    private async Task WriteGroupAsync(Func<ParquetRowGroupWriter, CancellationToken, Task>[] columns)
    {
        using var group = _writer.CreateRowGroup();
        foreach (var writeColumn in columns)
        {
            await writeColumn(group, _cancellationToken).ConfigureAwait(false);
        }
    }
}
