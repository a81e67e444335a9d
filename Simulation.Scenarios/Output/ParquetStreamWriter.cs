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
/// Parquet.Net is asynchronous only; <see cref="EndRow"/> is called from the replication runner's
/// in-order consumer, which is synchronous and runs on a worker thread, so a full row group is
/// written by blocking on the write there (no synchronisation context is involved).
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
            FlushAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>Writes the last (partial) row group and the footer; the file is complete after this.</summary>
    public async Task CompleteAsync()
    {
        // A file with no rows still gets one empty row group, so that readers see the schema.
        if (_rowsInGroup > 0 || RowCount == 0)
        {
            await FlushAsync().ConfigureAwait(false);
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
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushAsync()
    {
        foreach (var column in _columns)
        {
            if (column.Count != _rowsInGroup)
            {
                throw new InvalidOperationException($"Column '{column.Field.Name}' has {column.Count} values in a row group of {_rowsInGroup} rows.");
            }
        }

        using (var group = _writer.CreateRowGroup())
        {
            foreach (var column in _columns)
            {
                await column.WriteAsync(group, _cancellationToken).ConfigureAwait(false);
                column.Clear();
            }
        }

        _rowsInGroup = 0;
    }
}
