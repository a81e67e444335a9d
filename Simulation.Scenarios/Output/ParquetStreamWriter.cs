using System.Collections.Concurrent;
using Parquet;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Writes a Parquet file row by row without holding it in memory: rows fill column buffers of one
/// row group, which Parquet.Net encodes (Zstd-compressed unless other options are given) when it is
/// full. Row groups are sized in bytes, not rows (<see cref="TargetRowGroupBytes"/>), so a wide file
/// and a narrow one hold about the same memory and both reach their steady state after the first few
/// replications: memory is flat in the number of rows. Rows are written in the order they are ended, so a caller that
/// appends in a deterministic order gets identical bytes every time.
/// </summary>
/// <remarks>
/// Full row groups are encoded and compressed in the background (thread-pool tasks), several at once,
/// while the caller goes on filling the next: <see cref="EndRow"/> is called from the replication
/// runner's in-order consumer, which every worker waits on in turn, so compressing there serialised the
/// run, and one group at a time held a large file to one core (benchmarks/README.md, "The whole
/// command"; the largest, node_timeseries.parquet, is now encoded on the workers: NodeSeriesEncoder). Each group is encoded as a
/// whole one-group file in memory, and <see cref="RowGroupAssembler"/> appends the
/// groups to the file strictly in order, so the bytes are those of writing the groups one after another
/// and do not depend on the thread count. At most <see cref="GroupsInFlight"/> groups per file are in
/// flight (memory: that many groups, plus the one filling). A failed background encoding surfaces at the
/// next full group or at <see cref="CompleteAsync"/>.
/// </remarks>
internal sealed class ParquetStreamWriter : IAsyncDisposable
{
    private readonly ParquetNetEncoding _encoding;
    private readonly int _rowGroupSize;
    private readonly FileStream _stream;
    private readonly RowGroupAssembler _file;
    private readonly Queue<Task<MemoryStream>> _inFlight = new();
    private readonly ConcurrentBag<MemoryStream> _buffers = []; // reused: a group's encoding is a megabyte or two

    private readonly CancellationToken _cancellationToken;
    private int _rowsInGroup;
    private bool _completed;

    private ParquetStreamWriter(ParquetNetEncoding encoding, int rowGroupSize, FileStream stream, CancellationToken cancellationToken)
    {
        _encoding = encoding;
        _rowGroupSize = rowGroupSize;
        _stream = stream;
        _file = new RowGroupAssembler(stream);
        _cancellationToken = cancellationToken;
    }

    /// <summary>Row groups per file encoded at once: one per core, at least two (one encoding while the next fills).</summary>
    public static int GroupsInFlight { get; } = Math.Max(2, Environment.ProcessorCount);

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
    public static int RowGroupRows(IReadOnlyList<ColumnBuffer> columns) => RowGroupRows(columns.Sum(c => (long)c.BytesPerValue));

    /// <summary>Rows per group for rows of <paramref name="rowBytes"/> buffered bytes: <see cref="TargetRowGroupBytes"/>, within bounds.</summary>
    public static int RowGroupRows(long rowBytes) => (int)Math.Clamp(TargetRowGroupBytes / Math.Max(1, rowBytes), MinRowGroupRows, MaxRowGroupRows);

    /// <summary>
    /// Creates <paramref name="path"/> (which must not exist) with one column per buffer, in order, and
    /// row groups of <see cref="RowGroupRows(IReadOnlyList{ColumnBuffer})"/> rows, compressed with Zstd at its standard level.
    /// </summary>
    public static Task<ParquetStreamWriter> CreateAsync(string path, IReadOnlyList<ColumnBuffer> columns, CancellationToken cancellationToken = default) =>
        CreateAsync(path, columns, ParquetColumns.WriterOptions(), cancellationToken);

    /// <summary>As <see cref="CreateAsync(string, IReadOnlyList{ColumnBuffer}, CancellationToken)"/>, written with <paramref name="options"/> (codec and level).</summary>
    public static Task<ParquetStreamWriter> CreateAsync(string path, IReadOnlyList<ColumnBuffer> columns, ParquetOptions options, CancellationToken cancellationToken = default)
    {
        var encoding = new ParquetNetEncoding(columns, options);
        int rows = RowGroupRows(encoding.BytesPerRow);
        encoding.Allocate(rows);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            return Task.FromResult(new ParquetStreamWriter(encoding, rows, stream, cancellationToken));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Rows the group being filled still takes: the most <see cref="EndRows"/> accepts.</summary>
    public int RowsLeftInGroup => _rowGroupSize - _rowsInGroup;

    /// <summary>Closes the row whose values were just added to every column; hands the row group to an encoder when full.</summary>
    public void EndRow() => EndRows(1);

    /// <summary>Closes the <paramref name="count"/> rows whose values were just added to every column (at most <see cref="RowsLeftInGroup"/>).</summary>
    public void EndRows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, RowsLeftInGroup);
        _rowsInGroup += count;
        RowCount += count;
        if (_rowsInGroup == _rowGroupSize)
        {
            AppendEncoded(untilInFlight: GroupsInFlight - 1);
            var group = TakeGroup();
            _inFlight.Enqueue(Task.Run(() => EncodeAsync(group), _cancellationToken));
        }
    }

    /// <summary>Writes the last (partial) row group and the footer; the file is complete after this.</summary>
    public async Task CompleteAsync()
    {
        // A file with no rows still gets one empty row group, so that readers see the schema.
        if (_rowsInGroup > 0 || RowCount == 0)
        {
            var group = TakeGroup();
            _inFlight.Enqueue(EncodeAsync(group));
        }

        while (_inFlight.Count > 0)
        {
            await _inFlight.Peek().ConfigureAwait(false);
            AppendEncoded(untilInFlight: _inFlight.Count - 1);
        }

        _file.Complete();
        await _stream.FlushAsync(_cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>Releases the file of an incomplete write (the run folder is then discarded).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            foreach (var encoding in _inFlight)
            {
                try
                {
                    await encoding.ConfigureAwait(false); // never drop buffers a running encoder still reads
                }
                catch (Exception exception) when (exception is IOException or InvalidDataException or OperationCanceledException or ObjectDisposedException)
                {
                    // The run is being abandoned and its folder discarded; the first failure was already reported.
                }
            }

            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Appends encoded groups in order, oldest first: every finished one, and then, waiting if need be,
    /// until at most <paramref name="untilInFlight"/> are left in flight.
    /// </summary>
    private void AppendEncoded(int untilInFlight)
    {
        while (_inFlight.Count > 0 && (_inFlight.Count > untilInFlight || _inFlight.Peek().IsCompleted))
        {
            var encoded = _inFlight.Dequeue().GetAwaiter().GetResult();
            _file.Append(encoded.GetBuffer().AsSpan(0, (int)encoded.Length));
            _buffers.Add(encoded);
        }
    }

    /// <summary>Takes the group's values (leaving the columns to fill the next) as the work that encodes them.</summary>
    private Func<Stream, CancellationToken, Task> TakeGroup()
    {
        var encode = _encoding.TakeGroup(_rowsInGroup);
        _rowsInGroup = 0;
        return encode;
    }

    /// <summary>Encodes one row group as a whole Parquet file in memory, for <see cref="RowGroupAssembler"/>.</summary>
    private async Task<MemoryStream> EncodeAsync(Func<Stream, CancellationToken, Task> encode)
    {
        var encoded = _buffers.TryTake(out var reused) ? reused : new MemoryStream();
        encoded.SetLength(0);
        await encode(encoded, _cancellationToken).ConfigureAwait(false);
        return encoded;
    }
}
