using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using K4os.Compression.LZ4;
using K4os.Compression.LZ4.Engine;
using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// The row groups of <c>node_timeseries.parquet</c>, encoded by our own column-chunk writer rather than
/// Parquet.Net: <c>replication</c> and <c>day</c> PLAIN INT32, <c>node</c> a UTF-8 string column
/// dictionary-encoded from the run's node list (RLE_DICTIONARY indices, bit-packed), the metrics PLAIN
/// DOUBLE; one data page per column chunk, every page LZ4-compressed (Parquet's <c>LZ4_RAW</c>), with
/// the statistics Parquet.Net writes (min and max, in both the current and the deprecated fields, and
/// the null count).
/// </summary>
/// <remarks>
/// This file is 6.8 million rows for apparel's 20 replications, and its encoding runs on the cores the
/// replications want. Parquet.Net spent most of it turning 6.8 million node references back into UTF-8
/// strings (transcoding, comparing them for the statistics, writing each one's length and bytes) and in
/// generic per-value paths; here a node is the index of an id encoded once, and a double column's page is
/// its array's bytes as they are (benchmarks/README.md, "The whole command", ninth look). The values,
/// schema and row order are those Parquet.Net wrote (<c>NodeSeriesEncodingTests</c> compares both files
/// with DuckDB).
/// </remarks>
internal sealed class NodeSeriesEncoding : RowGroupEncoding
{
    private const string CreatedBy = "Simulation.Scenarios node series writer";
    private const int PlainEncoding = 0, RleEncoding = 3, RleDictionaryEncoding = 8;
    private const int DataPage = 0, DictionaryPage = 2;
    private const int Int32Type = 1, DoubleType = 5, ByteArrayType = 6;
    private const int Required = 0, Lz4RawCodec = 7;
    private const int ConvertedUtf8 = 0, ConvertedInt32 = 17;

    private readonly ConcurrentBag<Group> _pool = [];
    private Group _filling = null!;
    private NodeDictionary? _dictionary;

    public override long BytesPerRow => (3 * sizeof(int)) + (NodeTimeSeries.Metrics.Count * sizeof(double));

    public override void Allocate(int rows) => _filling = new Group(rows);

    /// <summary>
    /// Appends rows <paramref name="start"/> to <paramref name="end"/> (exclusive) of <paramref name="series"/>
    /// in the file's order (<see cref="NodeTimeSeries.Values"/>), as rows of <paramref name="replication"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The series has other nodes than the series appended before.</exception>
    public void Append(int replication, NodeTimeSeries series, int start, int end)
    {
        var nodes = series.Nodes;
        _dictionary ??= new NodeDictionary(nodes);
        if (!_dictionary.Holds(nodes))
        {
            throw new InvalidOperationException("Every replication's node series must have the same nodes, in the same order.");
        }

        var group = _filling;
        int count = end - start;
        group.Replication.AsSpan(group.Count, count).Fill(replication);
        for (int flat = start; flat < end;)
        {
            // Rows are sampled at whole days (the interval is a whole number of days).
            int row = flat / nodes.Count;
            int rowEnd = Math.Min(end, (row + 1) * nodes.Count);
            group.Day.AsSpan(group.Count + flat - start, rowEnd - flat).Fill((int)Math.Round(series.Days[row]));
            var indices = group.Node.AsSpan(group.Count + flat - start, rowEnd - flat);
            for (int i = 0, node = flat - (row * nodes.Count); i < indices.Length; i++, node++)
            {
                indices[i] = node;
            }

            flat = rowEnd;
        }

        for (int m = 0; m < group.Metrics.Length; m++)
        {
            series.Values(m)[start..end].CopyTo(group.Metrics[m].AsSpan(group.Count));
        }

        group.Count += count;
    }

    public override Func<Stream, CancellationToken, Task> TakeGroup(int rows)
    {
        var group = _filling;
        if (group.Count != rows)
        {
            throw new InvalidOperationException($"The node series' row group holds {group.Count} rows, not {rows}.");
        }

        _filling = _pool.TryTake(out var spare) ? spare : new Group(group.Replication.Length);
        var dictionary = _dictionary;
        return (stream, _) =>
        {
            Write(stream, group, dictionary);
            group.Count = 0;
            _pool.Add(group);
            return Task.CompletedTask;
        };
    }

    /// <summary>Writes the group as a whole one-group Parquet file (an empty group when it has no rows, and then no node list is needed).</summary>
    private static void Write(Stream stream, Group group, NodeDictionary? dictionary)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The node series writer takes PLAIN pages as the arrays' bytes, which is Parquet's order only on little-endian machines.");
        }

        var file = new ChunkWriter(stream);
        int rows = group.Count;
        var chunks = new List<ThriftStruct>(3 + group.Metrics.Length)
        {
            file.Plain("replication", Int32Type, MemoryMarshal.AsBytes(group.Replication.AsSpan(0, rows)), Int32Statistics(group.Replication.AsSpan(0, rows)), rows),
            file.Plain("day", Int32Type, MemoryMarshal.AsBytes(group.Day.AsSpan(0, rows)), Int32Statistics(group.Day.AsSpan(0, rows)), rows),
            dictionary is null
                ? file.Plain("node", ByteArrayType, [], Statistics(null, null), rows)
                : file.Dictionary("node", dictionary, group.Node.AsSpan(0, rows)),
        };
        for (int m = 0; m < group.Metrics.Length; m++)
        {
            var values = group.Metrics[m].AsSpan(0, rows);
            chunks.Add(file.Plain(NodeTimeSeries.Metrics[m], DoubleType, MemoryMarshal.AsBytes(values), DoubleStatistics(values), rows));
        }

        var rowGroup = new ThriftStruct()
            .WithStructList(1, chunks)
            .WithI64(2, file.UncompressedBytes)
            .WithI64(3, rows)
            .WithI64(6, file.CompressedBytes);
        var metadata = new ThriftStruct()
            .WithI32(1, 1)
            .WithStructList(2, Schema())
            .WithI64(3, rows)
            .WithStructList(4, [rowGroup])
            .WithBinary(6, Encoding.UTF8.GetBytes(CreatedBy));
        file.Finish(metadata);
    }

    /// <summary>The schema elements of parquet.thrift, as Parquet.Net writes this file's fields.</summary>
    private static IEnumerable<ThriftStruct> Schema()
    {
        yield return new ThriftStruct().WithBinary(4, "root"u8.ToArray()).WithI32(5, 3 + NodeTimeSeries.Metrics.Count);
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

    /// <summary>Parquet's Statistics: max and min in the deprecated fields 1 and 2 and in 5 and 6, no nulls (what Parquet.Net writes).</summary>
    private static ThriftStruct Statistics(byte[]? min, byte[]? max)
    {
        var statistics = new ThriftStruct();
        if (max is not null && min is not null)
        {
            statistics.WithBinary(1, max).WithBinary(2, min);
        }

        statistics.WithI64(3, 0);
        if (max is not null && min is not null)
        {
            statistics.WithBinary(5, max).WithBinary(6, min);
        }

        return statistics;
    }

    private static ThriftStruct Int32Statistics(ReadOnlySpan<int> values)
    {
        if (values.IsEmpty)
        {
            return Statistics(null, null);
        }

        var (min, max, _) = MinMax(values);
        return Statistics(BitConverter.GetBytes(min), BitConverter.GetBytes(max));
    }

    /// <summary>Min and max of the values that are not NaN (Parquet's rule for floating-point statistics); none if every value is NaN.</summary>
    private static ThriftStruct DoubleStatistics(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return Statistics(null, null);
        }

        var (min, max, ordered) = MinMax(values);
        if (!ordered)
        {
            (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            foreach (double value in values)
            {
                if (!double.IsNaN(value))
                {
                    (min, max) = (Math.Min(min, value), Math.Max(max, value));
                }
            }

            if (min > max)
            {
                return Statistics(null, null); // every value is NaN
            }
        }

        return Statistics(BitConverter.GetBytes(min), BitConverter.GetBytes(max));
    }

    /// <summary>
    /// Min and max of a column chunk in one pass, a vector at a time, and whether every value equals
    /// itself (false if a NaN was seen, and then min and max are not to be used). A scalar loop, and
    /// then a separate pass for NaN, were 3 % of a two-thread apparel run's samples.
    /// </summary>
    private static (T Min, T Max, bool Ordered) MinMax<T>(ReadOnlySpan<T> values)
        where T : struct, INumber<T>
    {
        var least = new Vector<T>(values[0]);
        var most = least;
        var ordered = Vector<T>.AllBitsSet;
        int i = 0;
        for (; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var vector = new Vector<T>(values[i..]);
            least = Vector.MinNative(least, vector);
            most = Vector.MaxNative(most, vector);
            ordered &= Vector.Equals(vector, vector);
        }

        T min = values[0], max = values[0];
        bool allOrdered = Vector.AsVectorByte(ordered) == Vector<byte>.AllBitsSet; // bitwise: as doubles, all bits set is a NaN
        for (int lane = 0; lane < Vector<T>.Count; lane++)
        {
            min = T.Min(min, least[lane]);
            max = T.Max(max, most[lane]);
        }

        for (; i < values.Length; i++)
        {
            allOrdered &= values[i] == values[i];
            min = T.Min(min, values[i]);
            max = T.Max(max, values[i]);
        }

        return (min, max, allOrdered);
    }

    /// <summary>One row group's arrays: filled by <see cref="Append"/>, then encoded in the background, then reused.</summary>
    private sealed class Group(int capacity)
    {
        public int[] Replication { get; } = new int[capacity];

        public int[] Day { get; } = new int[capacity];

        /// <summary>Each row's node, as its index in the node list (= in the dictionary).</summary>
        public int[] Node { get; } = new int[capacity];

        public double[][] Metrics { get; } = [.. NodeTimeSeries.Metrics.Select(_ => new double[capacity])];

        public int Count { get; set; }
    }

    /// <summary>
    /// The node ids as the <c>node</c> column's dictionary: its PLAIN page (every id's length and UTF-8
    /// bytes), built once for every group (each group compresses it: a few kB), and each id's rank in
    /// Parquet's byte-wise order of UTF-8 strings, which gives a group's min and max without comparing strings.
    /// </summary>
    private sealed class NodeDictionary
    {
        private readonly IReadOnlyList<string> _nodes;
        private readonly int[] _rank;

        public NodeDictionary(IReadOnlyList<string> nodes)
        {
            _nodes = nodes;
            Utf8 = [.. nodes.Select(Encoding.UTF8.GetBytes)];
            var plain = new ArrayBufferWriter<byte>();
            foreach (byte[] id in Utf8)
            {
                BinaryPrimitives.WriteInt32LittleEndian(plain.GetSpan(4), id.Length);
                plain.Advance(4);
                plain.Write(id);
            }

            Page = plain.WrittenSpan.ToArray();
            _rank = new int[nodes.Count];
            int[] order = [.. Enumerable.Range(0, nodes.Count).Order(Comparer<int>.Create((a, b) => Utf8[a].AsSpan().SequenceCompareTo(Utf8[b])))];
            for (int rank = 0; rank < order.Length; rank++)
            {
                _rank[order[rank]] = rank;
            }

            // Bits per index in the RLE/bit-packed hybrid (at least one, as other writers do).
            BitWidth = Math.Max(1, 32 - int.LeadingZeroCount(nodes.Count - 1));
        }

        public byte[][] Utf8 { get; }

        /// <summary>The uncompressed dictionary page.</summary>
        public byte[] Page { get; }

        public int BitWidth { get; }

        public int Count => Utf8.Length;

        /// <summary>Whether <paramref name="nodes"/> are this dictionary's ids in order (the same list, or an equal one).</summary>
        public bool Holds(IReadOnlyList<string> nodes) => ReferenceEquals(nodes, _nodes) || nodes.SequenceEqual(_nodes);

        /// <summary>Min and max of the nodes at <paramref name="indices"/>, as the column's statistics.</summary>
        public ThriftStruct Statistics(ReadOnlySpan<int> indices)
        {
            if (indices.IsEmpty)
            {
                return NodeSeriesEncoding.Statistics(null, null);
            }

            int min = int.MaxValue, max = -1, minIndex = 0, maxIndex = 0;
            foreach (int index in indices)
            {
                int rank = _rank[index];
                if (rank < min)
                {
                    (min, minIndex) = (rank, index);
                }

                if (rank > max)
                {
                    (max, maxIndex) = (rank, index);
                }
            }

            return NodeSeriesEncoding.Statistics(Utf8[minIndex], Utf8[maxIndex]);
        }

        /// <summary>
        /// The data page of <paramref name="indices"/>: the bit width, then one bit-packed run of the
        /// RLE/bit-packed hybrid (groups of eight indices, least significant bit first; the last group padded with zeros).
        /// </summary>
        public int Encode(ReadOnlySpan<int> indices, ArrayBufferWriter<byte> page)
        {
            int groups = (indices.Length + 7) / 8;
            var output = page.GetSpan(1 + 5 + (groups * BitWidth));
            int position = 0;
            output[position++] = (byte)BitWidth;
            for (uint header = ((uint)groups << 1) | 1; ; header >>= 7)
            {
                if (header < 0x80)
                {
                    output[position++] = (byte)header;
                    break;
                }

                output[position++] = (byte)(header | 0x80);
            }

            ulong bits = 0;
            int held = 0;
            for (int i = 0; i < groups * 8; i++)
            {
                bits |= (ulong)(uint)(i < indices.Length ? indices[i] : 0) << held;
                for (held += BitWidth; held >= 8; held -= 8)
                {
                    output[position++] = (byte)bits;
                    bits >>= 8;
                }
            }

            page.Advance(position);
            return position;
        }
    }

    /// <summary>Writes column chunks (page header, then the LZ4-compressed page) and keeps the offsets and sizes their metadata needs.</summary>
    private sealed class ChunkWriter
    {
        /// <summary>
        /// LZ4's acceleration: how much faster its match search skips ahead through bytes it finds no
        /// match in. The metrics' low mantissa bytes are such bytes; at 8, compressing one apparel
        /// replication's node series takes 7.8 ms instead of 17.8 ms (acceleration 1, the library's
        /// default) for a file 1.3 % larger (ratio 0.324 against 0.320; benchmarks/README.md, "The whole
        /// command", eleventh look). Any LZ4 decoder reads the pages: the acceleration is the encoder's
        /// choice alone.
        /// </summary>
        private const int Acceleration = 8;

        private readonly Stream _stream;
        private readonly ArrayBufferWriter<byte> _scratch = new();
        private long _position;

        public ChunkWriter(Stream stream)
        {
            _stream = stream;
            _stream.Write(RowGroupAssembler.Magic);
            _position = RowGroupAssembler.Magic.Length;
        }

        public long UncompressedBytes { get; private set; }

        public long CompressedBytes { get; private set; }

        /// <summary>A chunk of one PLAIN data page holding <paramref name="plain"/>, the values' bytes.</summary>
        public ThriftStruct Plain(string name, int type, ReadOnlySpan<byte> plain, ThriftStruct statistics, int rows)
        {
            long start = _position;
            var (compressed, uncompressed) = WritePage(plain, DataPageHeader(rows, PlainEncoding, statistics));
            return Chunk(name, type, [PlainEncoding, RleEncoding], rows, uncompressed, compressed, dataPage: start, dictionaryPage: null, statistics);
        }

        /// <summary>A chunk of the dictionary page and one RLE_DICTIONARY data page of <paramref name="indices"/>.</summary>
        public ThriftStruct Dictionary(string name, NodeDictionary dictionary, ReadOnlySpan<int> indices)
        {
            long start = _position;
            var dictionaryHeader = new ThriftStruct().WithI32(1, dictionary.Count).WithI32(2, PlainEncoding);
            var (dictionaryCompressed, dictionaryUncompressed) = WritePage(dictionary.Page, new ThriftStruct().WithI32(1, DictionaryPage), dictionaryHeader, id: 7);
            long dataPage = _position;
            _scratch.ResetWrittenCount();
            dictionary.Encode(indices, _scratch);
            var statistics = dictionary.Statistics(indices);
            var (compressed, uncompressed) = WritePage(_scratch.WrittenSpan, DataPageHeader(indices.Length, RleDictionaryEncoding, statistics));
            return Chunk(name, ByteArrayType, [PlainEncoding, RleEncoding, RleDictionaryEncoding], indices.Length, dictionaryUncompressed + uncompressed, dictionaryCompressed + compressed, dataPage, start, statistics);
        }

        /// <summary>Writes the footer: the metadata, its length and the magic.</summary>
        public void Finish(ThriftStruct metadata) => RowGroupAssembler.WriteFooter(_stream, metadata);

        private static ThriftStruct DataPageHeader(int values, int encoding, ThriftStruct statistics) =>
            new ThriftStruct().WithI32(1, values).WithI32(2, encoding).WithI32(3, RleEncoding).WithI32(4, RleEncoding).WithStruct(5, statistics);

        private static unsafe int Compress(ReadOnlySpan<byte> page, byte[] target)
        {
            using var context = new Pubternal.FastContext();
            fixed (byte* source = page)
            fixed (byte* destination = target)
            {
                return Pubternal.CompressFast(context, source, destination, page.Length, target.Length, Acceleration);
            }
        }

        /// <summary>Writes a page header (type, sizes, then the type's own header as field <paramref name="id"/>) and the compressed page; returns both sizes, header included.</summary>
        private (long Compressed, long Uncompressed) WritePage(ReadOnlySpan<byte> page, ThriftStruct header, ThriftStruct typeHeader, short id)
        {
            byte[] compressed = ArrayPool<byte>.Shared.Rent(LZ4Codec.MaximumOutputSize(page.Length));
            try
            {
                int length = Compress(page, compressed);
                if (length < 0)
                {
                    throw new InvalidOperationException("LZ4 could not compress a node series page.");
                }

                var headerBytes = new ArrayBufferWriter<byte>();
                header.WithI32(2, page.Length).WithI32(3, length).WithStruct(id, typeHeader).WriteTo(headerBytes);
                _stream.Write(headerBytes.WrittenSpan);
                _stream.Write(compressed, 0, length);
                _position += headerBytes.WrittenCount + length;
                UncompressedBytes += headerBytes.WrittenCount + page.Length;
                CompressedBytes += headerBytes.WrittenCount + length;
                return (headerBytes.WrittenCount + length, headerBytes.WrittenCount + page.Length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(compressed);
            }
        }

        private (long Compressed, long Uncompressed) WritePage(ReadOnlySpan<byte> page, ThriftStruct dataPageHeader) =>
            WritePage(page, new ThriftStruct().WithI32(1, DataPage), dataPageHeader, id: 5);

        private static ThriftStruct Chunk(string name, int type, int[] encodings, int rows, long uncompressed, long compressed, long dataPage, long? dictionaryPage, ThriftStruct statistics)
        {
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
    }
}
