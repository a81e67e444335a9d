using System.Text;
using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>node_timeseries.parquet</c>: a long table, a row per replication, sampled day and node (ordered
/// so), with each node's stock levels and order flows (<see cref="NodeTimeSeries.Metrics"/>), thinned
/// by <c>--timeseries-every</c> like <c>timeseries.parquet</c>. Schema in docs/outputs.md.
/// </summary>
/// <remarks>
/// By far the largest file of a run (apparel, 20 replications: 6.8 million rows, 120 MB of the folder's
/// 125). Its pages are encoded by <see cref="NodeSeriesEncoder"/> on the workers that ran the
/// replications (node ids dictionary-encoded, LZ4-compressed pages, instead of Parquet.Net: benchmarks/README.md,
/// "The whole command", ninth look); here, on the in-order consumer, they are only placed. A row group
/// holds whole pieces (a piece is at most a group of one replication's rows), as many as fit in
/// <see cref="NodeSeriesEncoder.RowsPerGroup"/> rows, each column chunk one page per piece; so the groups
/// depend on the rows per replication alone, never on the thread count.
/// </remarks>
internal sealed class NodeTimeSeriesFile : IAsyncDisposable
{
    public const string FileName = "node_timeseries.parquet";

    private const string CreatedBy = "Simulation.Scenarios node series writer";
    private const int Int32Type = 1, DoubleType = 5, ByteArrayType = 6;
    private const int Required = 0, Lz4RawCodec = 7;
    private const int ConvertedUtf8 = 0, ConvertedInt32 = 17;
    private const int NodeColumn = 2;

    private readonly FileStream _stream;
    private readonly CancellationToken _cancellationToken;
    private readonly List<EncodedPiece> _group = [];
    private readonly List<ThriftStruct> _rowGroups = [];
    private NodeSeriesEncoder.NodeDictionary? _dictionary;
    private int _rowsInGroup;
    private long _position;
    private bool _completed;

    private NodeTimeSeriesFile(FileStream stream, CancellationToken cancellationToken)
    {
        _stream = stream;
        _cancellationToken = cancellationToken;
        _stream.Write(RowGroupAssembler.Magic);
        _position = RowGroupAssembler.Magic.Length;
    }

    /// <summary>Encodes each replication's series for this file; shared by the workers.</summary>
    public NodeSeriesEncoder Encoder { get; } = new(ParquetStreamWriter.RowGroupRows(NodeSeriesEncoder.BytesPerRow));

    /// <summary>Rows placed so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Creates <paramref name="path"/>, which must not exist.</summary>
    public static Task<NodeTimeSeriesFile> CreateAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            return Task.FromResult(new NodeTimeSeriesFile(stream, cancellationToken));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one replication's rows, encoded by <see cref="Encoder"/>; a replication without node series adds none.</summary>
    /// <exception cref="InvalidOperationException">The series has other nodes than the series appended before.</exception>
    public void Append(EncodedNodeSeries? series)
    {
        if (series is null)
        {
            return;
        }

        _dictionary ??= series.Dictionary;
        if (!ReferenceEquals(series.Dictionary, _dictionary))
        {
            throw new InvalidOperationException("Every replication's node series must have the same nodes, in the same order.");
        }

        foreach (var piece in series.Pieces)
        {
            if (_rowsInGroup + piece.Rows > Encoder.RowsPerGroup)
            {
                WriteGroup();
            }

            _group.Add(piece);
            _rowsInGroup += piece.Rows;
            RowCount += piece.Rows;
        }
    }

    /// <summary>Encodes <paramref name="series"/> as rows of <paramref name="replication"/> and appends them (one thread: tests and benchmarks).</summary>
    public void Append(int replication, NodeTimeSeries? series) => Append(series is null ? null : Encoder.Encode(replication, series));

    /// <summary>Writes the last row group and the footer; the file is complete after this.</summary>
    public async Task CompleteAsync()
    {
        // A file with no rows still gets one empty row group, so that readers see the schema.
        if (_group.Count == 0 && _rowGroups.Count == 0)
        {
            _group.Add(NodeSeriesEncoder.EmptyPiece());
        }

        if (_group.Count > 0)
        {
            WriteGroup();
        }

        var metadata = new ThriftStruct()
            .WithI32(1, 1)
            .WithStructList(2, Schema())
            .WithI64(3, RowCount)
            .WithStructList(4, _rowGroups)
            .WithBinary(6, Encoding.UTF8.GetBytes(CreatedBy));
        RowGroupAssembler.WriteFooter(_stream, metadata);
        await _stream.FlushAsync(_cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _completed = true;
    }

    /// <summary>Releases the file of an incomplete write (the run folder is then discarded).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var piece in _group)
        {
            piece.Release();
        }

        _group.Clear();
        if (!_completed)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes the pieces held as one row group, column chunk after column chunk, and gives their buffers back.</summary>
    private void WriteGroup()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        int rows = _rowsInGroup;
        bool dictionary = rows > 0;
        var chunks = new List<ThriftStruct>(NodeSeriesEncoder.ColumnCount);
        long groupUncompressed = 0, groupCompressed = 0;
        for (int column = 0; column < NodeSeriesEncoder.ColumnCount; column++)
        {
            long uncompressed = 0, compressed = 0;
            long? dictionaryPage = null;
            if (column == NodeColumn && dictionary)
            {
                dictionaryPage = _position;
                Write(_dictionary!.Page, ref uncompressed, ref compressed);
            }

            long dataPage = _position;
            var range = ValueRange.None;
            foreach (var piece in _group)
            {
                var page = piece.Pages[column];
                Write(page, ref uncompressed, ref compressed);
                range = range.With(page.Range);
            }

            chunks.Add(Chunk(column, dictionary, rows, uncompressed, compressed, dataPage, dictionaryPage, range));
            groupUncompressed += uncompressed;
            groupCompressed += compressed;
        }

        _rowGroups.Add(new ThriftStruct()
            .WithStructList(1, chunks)
            .WithI64(2, groupUncompressed)
            .WithI64(3, rows)
            .WithI64(6, groupCompressed));
        foreach (var piece in _group)
        {
            piece.Release();
        }

        _group.Clear();
        _rowsInGroup = 0;
    }

    private void Write(EncodedPage page, ref long uncompressed, ref long compressed)
    {
        _stream.Write(page.Header);
        _stream.Write(page.Data);
        _position += page.CompressedSize;
        uncompressed += page.UncompressedSize;
        compressed += page.CompressedSize;
    }

    /// <summary>A column chunk's metadata, with the statistics Parquet.Net writes for the chunk's values.</summary>
    private ThriftStruct Chunk(int column, bool dictionary, int rows, long uncompressed, long compressed, long dataPage, long? dictionaryPage, ValueRange range)
    {
        var (name, type) = Column(column);
        int[] encodings = column == NodeColumn && dictionary
            ? [NodeSeriesEncoder.PlainEncoding, NodeSeriesEncoder.RleEncoding, NodeSeriesEncoder.RleDictionaryEncoding]
            : [NodeSeriesEncoder.PlainEncoding, NodeSeriesEncoder.RleEncoding];
        var statistics = range.IsEmpty
            ? NodeSeriesEncoder.Statistics(null, null)
            : type switch
            {
                ByteArrayType => _dictionary!.Statistics(range),
                Int32Type => NodeSeriesEncoder.Statistics(BitConverter.GetBytes((int)range.Min), BitConverter.GetBytes((int)range.Max)),
                _ => NodeSeriesEncoder.Statistics(BitConverter.GetBytes(range.Min), BitConverter.GetBytes(range.Max)),
            };
        var meta = new ThriftStruct()
            .WithI32(1, type)
            .WithI32List(2, encodings)
            .WithBinaryList(3, [Encoding.UTF8.GetBytes(name)])
            .WithI32(4, Lz4RawCodec)
            .WithI64(5, rows)
            .WithI64(6, uncompressed)
            .WithI64(7, compressed)
            .WithI64(9, dataPage);
        if (dictionaryPage is { } offset)
        {
            meta.WithI64(11, offset);
        }

        return new ThriftStruct().WithI64(2, dictionaryPage ?? dataPage).WithStruct(3, meta.WithStruct(12, statistics));
    }

    private static (string Name, int Type) Column(int column) => column switch
    {
        0 => ("replication", Int32Type),
        1 => ("day", Int32Type),
        NodeColumn => ("node", ByteArrayType),
        _ => (NodeTimeSeries.Metrics[column - 3], DoubleType),
    };

    /// <summary>The schema elements of parquet.thrift, as Parquet.Net writes this file's fields.</summary>
    private static IEnumerable<ThriftStruct> Schema()
    {
        yield return new ThriftStruct().WithBinary(4, "root"u8.ToArray()).WithI32(5, NodeSeriesEncoder.ColumnCount);
        foreach (string name in (string[])["replication", "day"])
        {
            var integer = new ThriftStruct().WithI8(1, 32).WithBool(2, true);
            yield return new ThriftStruct().WithI32(1, Int32Type).WithI32(3, Required).WithBinary(4, Encoding.UTF8.GetBytes(name))
                .WithI32(6, ConvertedInt32).WithStruct(10, new ThriftStruct().WithStruct(10, integer));
        }

        yield return new ThriftStruct().WithI32(1, ByteArrayType).WithI32(3, Required).WithBinary(4, "node"u8.ToArray())
            .WithI32(6, ConvertedUtf8).WithStruct(10, new ThriftStruct().WithStruct(1, new ThriftStruct()));
        foreach (string metric in NodeTimeSeries.Metrics)
        {
            yield return new ThriftStruct().WithI32(1, DoubleType).WithI32(3, Required).WithBinary(4, Encoding.UTF8.GetBytes(metric));
        }
    }
}
