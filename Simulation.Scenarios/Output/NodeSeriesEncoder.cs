using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using K4os.Compression.LZ4;
using K4os.Compression.LZ4.Engine;
using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Encodes one replication's node series into the pages of <c>node_timeseries.parquet</c>, on the
/// worker that ran the replication: <c>replication</c> and <c>day</c> PLAIN INT32, <c>node</c> a UTF-8
/// string column dictionary-encoded from the run's node list (RLE_DICTIONARY indices, bit-packed), the
/// metrics PLAIN DOUBLE; every page LZ4-compressed (Parquet's <c>LZ4_RAW</c>), with the statistics
/// Parquet.Net writes (min and max, in both the current and the deprecated fields, and the null count).
/// <see cref="NodeTimeSeriesFile"/> then only places the pages in the file, in replication order.
/// Safe to call from several threads at once.
/// </summary>
/// <remarks>
/// This file is 6.8 million rows for apparel's 20 replications. Encoding it where its rows were made
/// keeps the work on the cores the replications run on and off the in-order consumer every worker
/// waits on, reads the series straight from its own arrays (no copy into row-group buffers), and gives
/// the arrays back for the next replication at once (benchmarks/README.md, "The whole command",
/// sixteenth look). A replication's rows become <see cref="PieceRows">pieces</see> of at most a row
/// group each, one data page per column and piece; the values, schema and row order are those
/// Parquet.Net writes (<c>NodeSeriesEncodingTests</c> compares both files with DuckDB).
/// </remarks>
internal sealed class NodeSeriesEncoder
{
    /// <summary>parquet.thrift's Encoding values this file uses (its chunks' metadata lists them too).</summary>
    internal const int PlainEncoding = 0, RleEncoding = 3, RleDictionaryEncoding = 8;

    private const int DataPageType = 0, DictionaryPageType = 2;

    private readonly Lock _gate = new();
    private NodeDictionary? _dictionary; // of the last node list seen: one run has one

    /// <param name="rowsPerGroup">The most rows of one row group (and so of one piece).</param>
    public NodeSeriesEncoder(int rowsPerGroup)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerGroup);
        RowsPerGroup = rowsPerGroup;
    }

    /// <summary>The file's columns in order: <c>replication</c>, <c>day</c>, <c>node</c>, then <see cref="NodeTimeSeries.Metrics"/>.</summary>
    public static int ColumnCount => 3 + NodeTimeSeries.Metrics.Count;

    /// <summary>Memory one row takes as values, which sizes the row groups (<see cref="ParquetStreamWriter.RowGroupRows(long)"/>).</summary>
    public static long BytesPerRow => (3 * sizeof(int)) + (NodeTimeSeries.Metrics.Count * sizeof(double));

    public int RowsPerGroup { get; }

    /// <summary>
    /// The rows of each piece of a replication of <paramref name="rows"/> rows: as few pieces as hold
    /// them in groups of <see cref="RowsPerGroup"/>, of sizes as equal as can be (so that a replication
    /// a little over a group does not leave a sliver of a group behind).
    /// </summary>
    public IEnumerable<int> PieceRows(int rows)
    {
        int pieces = (rows + RowsPerGroup - 1) / RowsPerGroup;
        for (int p = 0; p < pieces; p++)
        {
            yield return (rows / pieces) + (p < rows % pieces ? 1 : 0);
        }
    }

    /// <summary>Encodes every row of <paramref name="series"/> as rows of <paramref name="replication"/>, in the file's order (<see cref="NodeTimeSeries.Values"/>).</summary>
    public EncodedNodeSeries Encode(int replication, NodeTimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The node series writer takes PLAIN pages as the arrays' bytes, which is Parquet's order only on little-endian machines.");
        }

        var dictionary = DictionaryFor(series.Nodes);
        int total = series.Days.Count * series.Nodes.Count;
        var pieces = new List<EncodedPiece>();
        int[] replications = ArrayPool<int>.Shared.Rent(Math.Min(total, RowsPerGroup));
        int[] days = ArrayPool<int>.Shared.Rent(Math.Min(total, RowsPerGroup));
        int[] nodes = ArrayPool<int>.Shared.Rent(Math.Min(total, RowsPerGroup));
        var scratch = new ArrayBufferWriter<byte>();
        try
        {
            int start = 0;
            foreach (int rows in PieceRows(total))
            {
                var replicationValues = replications.AsSpan(0, rows);
                var dayValues = days.AsSpan(0, rows);
                var nodeValues = nodes.AsSpan(0, rows);
                replicationValues.Fill(replication);
                Rows(series, start, dayValues, nodeValues);
                var pages = new EncodedPage[ColumnCount];
                pages[0] = Int32Page(replicationValues);
                pages[1] = Int32Page(dayValues);
                scratch.ResetWrittenCount();
                dictionary.Encode(nodeValues, scratch);
                var range = dictionary.Ranks(nodeValues);
                pages[2] = DataPage(scratch.WrittenSpan, rows, RleDictionaryEncoding, dictionary.Statistics(range), range);
                for (int m = 0; m < NodeTimeSeries.Metrics.Count; m++)
                {
                    pages[3 + m] = DoublePage(series.Values(m).Slice(start, rows));
                }

                pieces.Add(new EncodedPiece(rows, pages));
                start += rows;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(replications);
            ArrayPool<int>.Shared.Return(days);
            ArrayPool<int>.Shared.Return(nodes);
        }

        return new EncodedNodeSeries(dictionary, pieces);
    }

    /// <summary>A piece of no rows (every page empty, <c>node</c> PLAIN): the row group of a file without rows, so that readers see the schema.</summary>
    public static EncodedPiece EmptyPiece()
    {
        var pages = new EncodedPage[ColumnCount];
        for (int c = 0; c < pages.Length; c++)
        {
            pages[c] = DataPage([], 0, PlainEncoding, Statistics(null, null), ValueRange.None);
        }

        return new EncodedPiece(0, pages);
    }

    /// <summary>Parquet's Statistics: max and min in the deprecated fields 1 and 2 and in 5 and 6, no nulls (what Parquet.Net writes).</summary>
    public static ThriftStruct Statistics(byte[]? min, byte[]? max)
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

    /// <summary>The day and node of each row from <paramref name="start"/> on (rows are sampled at whole days: the interval is a whole number of days).</summary>
    private static void Rows(NodeTimeSeries series, int start, Span<int> days, Span<int> nodes)
    {
        int nodeCount = series.Nodes.Count;
        for (int i = 0; i < days.Length;)
        {
            int flat = start + i;
            int row = flat / nodeCount;
            int run = Math.Min(days.Length - i, ((row + 1) * nodeCount) - flat);
            days.Slice(i, run).Fill((int)Math.Round(series.Days[row]));
            for (int k = 0, node = flat - (row * nodeCount); k < run; k++, node++)
            {
                nodes[i + k] = node;
            }

            i += run;
        }
    }

    /// <summary>
    /// The dictionary of <paramref name="nodes"/>: one for every replication of a run, even when
    /// several workers ask at once (the file takes pages of one dictionary only).
    /// </summary>
    private NodeDictionary DictionaryFor(IReadOnlyList<string> nodes)
    {
        lock (_gate)
        {
            if (_dictionary is null || !_dictionary.Holds(nodes))
            {
                _dictionary = new NodeDictionary(nodes);
            }

            return _dictionary;
        }
    }

    private static EncodedPage Int32Page(ReadOnlySpan<int> values)
    {
        var range = ValueRange.None;
        byte[]? min = null, max = null;
        if (!values.IsEmpty)
        {
            var (least, most, _) = MinMax(values);
            range = new ValueRange(least, most);
            (min, max) = (BitConverter.GetBytes(least), BitConverter.GetBytes(most));
        }

        return DataPage(MemoryMarshal.AsBytes(values), values.Length, PlainEncoding, Statistics(min, max), range);
    }

    /// <summary>A PLAIN DOUBLE page; its statistics leave out NaN (Parquet's rule for floating-point values) and are absent if every value is NaN.</summary>
    private static EncodedPage DoublePage(ReadOnlySpan<double> values)
    {
        var range = DoubleRange(values);
        var statistics = range.IsEmpty ? Statistics(null, null) : Statistics(BitConverter.GetBytes(range.Min), BitConverter.GetBytes(range.Max));
        return DataPage(MemoryMarshal.AsBytes(values), values.Length, PlainEncoding, statistics, range);
    }

    private static ValueRange DoubleRange(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return ValueRange.None;
        }

        var (min, max, ordered) = MinMax(values);
        if (ordered)
        {
            return new ValueRange(min, max);
        }

        var range = ValueRange.None;
        foreach (double value in values)
        {
            if (!double.IsNaN(value))
            {
                range = range.With(value);
            }
        }

        return range;
    }

    /// <summary>
    /// Min and max of a page in one pass, a vector at a time, and whether every value equals itself
    /// (false if a NaN was seen, and then min and max are not to be used). A scalar loop, and then a
    /// separate pass for NaN, were 3 % of a two-thread apparel run's samples.
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

    /// <summary>A data page of <paramref name="values"/> values in <paramref name="encoding"/>, with its statistics.</summary>
    private static EncodedPage DataPage(ReadOnlySpan<byte> page, int values, int encoding, ThriftStruct statistics, ValueRange range) =>
        EncodedPage.Compress(page, DataPageType, 5, new ThriftStruct().WithI32(1, values).WithI32(2, encoding).WithI32(3, RleEncoding).WithI32(4, RleEncoding).WithStruct(5, statistics), range);

    /// <summary>
    /// The node ids as the <c>node</c> column's dictionary: its page (every id's length and UTF-8 bytes,
    /// compressed once for every row group of the run), and each id's rank in Parquet's byte-wise order
    /// of UTF-8 strings, which gives a page's min and max without comparing strings.
    /// </summary>
    internal sealed class NodeDictionary
    {
        private readonly IReadOnlyList<string> _nodes;
        private readonly byte[][] _utf8;
        private readonly int[] _rank;
        private readonly int[] _byRank;

        public NodeDictionary(IReadOnlyList<string> nodes)
        {
            _nodes = nodes;
            _utf8 = [.. nodes.Select(Encoding.UTF8.GetBytes)];
            var plain = new ArrayBufferWriter<byte>();
            foreach (byte[] id in _utf8)
            {
                BinaryPrimitives.WriteInt32LittleEndian(plain.GetSpan(4), id.Length);
                plain.Advance(4);
                plain.Write(id);
            }

            Page = EncodedPage.Compress(plain.WrittenSpan, DictionaryPageType, 7, new ThriftStruct().WithI32(1, nodes.Count).WithI32(2, PlainEncoding), ValueRange.None);
            _byRank = [.. Enumerable.Range(0, nodes.Count).Order(Comparer<int>.Create((a, b) => _utf8[a].AsSpan().SequenceCompareTo(_utf8[b])))];
            _rank = new int[nodes.Count];
            for (int rank = 0; rank < _byRank.Length; rank++)
            {
                _rank[_byRank[rank]] = rank;
            }

            // Bits per index in the RLE/bit-packed hybrid (at least one, as other writers do).
            BitWidth = Math.Max(1, 32 - int.LeadingZeroCount(nodes.Count - 1));
        }

        /// <summary>The compressed dictionary page, header included: the same in every row group.</summary>
        public EncodedPage Page { get; }

        public int BitWidth { get; }

        /// <summary>Whether <paramref name="nodes"/> are this dictionary's ids in order (the same list, or an equal one).</summary>
        public bool Holds(IReadOnlyList<string> nodes) => ReferenceEquals(nodes, _nodes) || nodes.SequenceEqual(_nodes);

        /// <summary>The least and greatest rank of the nodes at <paramref name="indices"/>.</summary>
        public ValueRange Ranks(ReadOnlySpan<int> indices)
        {
            var range = ValueRange.None;
            foreach (int index in indices)
            {
                range = range.With(_rank[index]);
            }

            return range;
        }

        /// <summary>The statistics of nodes ranked within <paramref name="ranks"/>: the ids of least and greatest rank.</summary>
        public ThriftStruct Statistics(ValueRange ranks) =>
            ranks.IsEmpty ? NodeSeriesEncoder.Statistics(null, null) : NodeSeriesEncoder.Statistics(_utf8[_byRank[(int)ranks.Min]], _utf8[_byRank[(int)ranks.Max]]);

        /// <summary>
        /// The data page of <paramref name="indices"/>: the bit width, then one bit-packed run of the
        /// RLE/bit-packed hybrid (groups of eight indices, least significant bit first; the last group padded with zeros).
        /// </summary>
        public void Encode(ReadOnlySpan<int> indices, ArrayBufferWriter<byte> page)
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
        }
    }
}

/// <summary>One replication's node series as encoded pieces, in row order, and the dictionary their <c>node</c> pages index.</summary>
internal sealed class EncodedNodeSeries(NodeSeriesEncoder.NodeDictionary dictionary, IReadOnlyList<EncodedPiece> pieces)
{
    public NodeSeriesEncoder.NodeDictionary Dictionary { get; } = dictionary;

    public IReadOnlyList<EncodedPiece> Pieces { get; } = pieces;
}

/// <summary>Consecutive rows of one replication, at most a row group: one data page per column.</summary>
internal sealed class EncodedPiece(int rows, EncodedPage[] pages)
{
    public int Rows { get; } = rows;

    /// <summary>The pages, in the file's column order (<see cref="NodeSeriesEncoder.ColumnCount"/>).</summary>
    public EncodedPage[] Pages { get; } = pages;

    /// <summary>Gives the pages' buffers back once they are written.</summary>
    public void Release()
    {
        foreach (var page in Pages)
        {
            page.Release();
        }
    }
}

/// <summary>
/// One Parquet page as it goes into the file: its header (with both sizes filled in) and its
/// LZ4-compressed bytes, and the range of its values for the column chunk's statistics.
/// </summary>
internal sealed class EncodedPage
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

    private byte[]? _data; // rented; null once released

    private EncodedPage(byte[] header, byte[] data, int dataLength, int uncompressedLength, ValueRange range)
    {
        Header = header;
        _data = data;
        DataLength = dataLength;
        UncompressedLength = uncompressedLength;
        Range = range;
    }

    public byte[] Header { get; }

    public int DataLength { get; }

    /// <summary>The page's values before compression, in bytes.</summary>
    public int UncompressedLength { get; }

    /// <summary>The least and greatest value (not NaN; for <c>node</c>, rank), or <see cref="ValueRange.None"/>.</summary>
    public ValueRange Range { get; }

    /// <summary>The compressed bytes.</summary>
    /// <exception cref="ObjectDisposedException">The page was released.</exception>
    public ReadOnlySpan<byte> Data => (_data ?? throw new ObjectDisposedException(nameof(EncodedPage))).AsSpan(0, DataLength);

    /// <summary>Bytes in the file, header included.</summary>
    public long CompressedSize => Header.Length + DataLength;

    /// <summary>Bytes before compression, header included (the chunk's total_uncompressed_size counts headers too).</summary>
    public long UncompressedSize => Header.Length + UncompressedLength;

    /// <summary>
    /// Compresses <paramref name="values"/> as a page of <paramref name="pageType"/> whose own header
    /// (a DataPageHeader, field 5, or a DictionaryPageHeader, field 7) is <paramref name="typeHeader"/>.
    /// </summary>
    public static EncodedPage Compress(ReadOnlySpan<byte> values, int pageType, short typeHeaderField, ThriftStruct typeHeader, ValueRange range)
    {
        byte[] data = ArrayPool<byte>.Shared.Rent(LZ4Codec.MaximumOutputSize(values.Length));
        int length = CompressFast(values, data);
        if (length < 0)
        {
            ArrayPool<byte>.Shared.Return(data);
            throw new InvalidOperationException("LZ4 could not compress a node series page.");
        }

        var header = new ArrayBufferWriter<byte>();
        new ThriftStruct().WithI32(1, pageType).WithI32(2, values.Length).WithI32(3, length).WithStruct(typeHeaderField, typeHeader).WriteTo(header);
        return new EncodedPage(header.WrittenSpan.ToArray(), data, length, values.Length, range);
    }

    /// <summary>Returns the compressed bytes' buffer; the page cannot be written afterwards.</summary>
    public void Release()
    {
        var data = Interlocked.Exchange(ref _data, null);
        if (data is not null)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private static unsafe int CompressFast(ReadOnlySpan<byte> page, byte[] target)
    {
        using var context = new Pubternal.FastContext();
        fixed (byte* source = page)
        fixed (byte* destination = target)
        {
            return Pubternal.CompressFast(context, source, destination, page.Length, target.Length, Acceleration);
        }
    }
}

/// <summary>The least and greatest of some values (ints and ranks exactly, as doubles); empty when Min &gt; Max.</summary>
internal readonly record struct ValueRange(double Min, double Max)
{
    public static ValueRange None { get; } = new(double.PositiveInfinity, double.NegativeInfinity);

    public bool IsEmpty => Min > Max;

    public ValueRange With(double value) => new(Math.Min(Min, value), Math.Max(Max, value));

    public ValueRange With(ValueRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));
}
