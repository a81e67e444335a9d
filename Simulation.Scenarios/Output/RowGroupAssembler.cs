using System.Buffers;
using System.Buffers.Binary;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Builds one Parquet file from row groups that were encoded apart, each as a whole one-group Parquet
/// file in memory: the group's bytes are appended in order and its metadata, with every file offset
/// moved to where the bytes now are, goes into the footer. The result is the file Parquet.Net writes
/// when it writes the same groups one after another (<c>ParquetStreamWriterTests</c> compares the
/// bytes), so groups can be encoded and compressed side by side without changing a byte.
/// </summary>
/// <remarks>
/// Field ids are those of parquet.thrift (FileMetaData, RowGroup, ColumnChunk, ColumnMetaData). Only
/// offsets are absolute in a Parquet file; page headers and statistics are relative to their chunk.
/// </remarks>
internal sealed class RowGroupAssembler
{
    private const short FileNumRows = 3, FileRowGroups = 4;
    private const short GroupColumns = 1, GroupFileOffset = 5, GroupOrdinal = 7;
    private const short ChunkFileOffset = 2, ChunkMetaData = 3, ChunkOffsetIndexOffset = 4, ChunkColumnIndexOffset = 6;
    private const short MetaDataPageOffset = 9, MetaIndexPageOffset = 10, MetaDictionaryPageOffset = 11, MetaBloomFilterOffset = 14;
    private const byte StructType = 12;

    /// <summary>The four bytes that open and close every Parquet file.</summary>
    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly Stream _output;
    private readonly List<object> _rowGroups = [];
    private ThriftStruct? _footer;
    private long _position;
    private long _rows;

    /// <summary>Starts the file on <paramref name="output"/> (written from its current end, which must be its start).</summary>
    public RowGroupAssembler(Stream output)
    {
        _output = output;
        _output.Write(Magic);
        _position = Magic.Length;
    }

    /// <summary>
    /// Appends the single row group of <paramref name="file"/>, a whole Parquet file of this file's
    /// schema. The first file's footer (schema, version, writer) becomes this file's.
    /// </summary>
    /// <exception cref="InvalidDataException"><paramref name="file"/> is not a Parquet file of one row group.</exception>
    public void Append(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual(Magic) || !file[^4..].SequenceEqual(Magic))
        {
            throw new InvalidDataException("An encoded row group is not a Parquet file.");
        }

        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(file[^8..]);
        int footerStart = file.Length - 8 - footerLength;
        if (footerLength <= 0 || footerStart < Magic.Length)
        {
            throw new InvalidDataException("An encoded row group has a footer of impossible length.");
        }

        var metadata = ThriftStruct.Read(file.Slice(footerStart, footerLength));
        var groups = (ThriftList)Required(metadata, FileRowGroups).Value;
        if (groups.Items.Count != 1)
        {
            throw new InvalidDataException($"An encoded row group file holds {groups.Items.Count} row groups, not 1.");
        }

        var group = (ThriftStruct)groups.Items[0];
        Move(group, _position - Magic.Length, _rowGroups.Count);
        _rows += (long)Required(metadata, FileNumRows).Value;
        _output.Write(file[Magic.Length..footerStart]);
        _position += footerStart - Magic.Length;
        _rowGroups.Add(group);
        _footer ??= metadata;
    }

    /// <summary>Writes the footer: every appended group, in order, and the total row count.</summary>
    public void Complete()
    {
        var footer = _footer ?? throw new InvalidOperationException("A Parquet file needs at least one row group (an empty one for no rows).");
        Required(footer, FileNumRows).Value = _rows;
        Required(footer, FileRowGroups).Value = new ThriftList(StructType, _rowGroups);
        WriteFooter(_output, footer);
    }

    /// <summary>Ends a Parquet file: its metadata (a FileMetaData struct), the metadata's length and the magic.</summary>
    public static void WriteFooter(Stream output, ThriftStruct metadata)
    {
        var bytes = new ArrayBufferWriter<byte>();
        metadata.WriteTo(bytes);
        output.Write(bytes.WrittenSpan);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.WrittenCount);
        output.Write(length);
        output.Write(Magic);
    }

    /// <summary>Moves every offset of a row group by <paramref name="shift"/> bytes and numbers it.</summary>
    private static void Move(ThriftStruct group, long shift, int ordinal)
    {
        Shift(group, GroupFileOffset, shift);
        if (group.Find(GroupOrdinal) is { } field)
        {
            field.Value = (long)checked((short)ordinal);
        }

        foreach (var chunk in ((ThriftList)Required(group, GroupColumns).Value).Items.Cast<ThriftStruct>())
        {
            Shift(chunk, ChunkFileOffset, shift);
            Shift(chunk, ChunkOffsetIndexOffset, shift);
            Shift(chunk, ChunkColumnIndexOffset, shift);
            if (chunk.Find(ChunkMetaData)?.Value is ThriftStruct meta)
            {
                Shift(meta, MetaDataPageOffset, shift);
                Shift(meta, MetaIndexPageOffset, shift);
                Shift(meta, MetaDictionaryPageOffset, shift);
                Shift(meta, MetaBloomFilterOffset, shift);
            }
        }
    }

    private static void Shift(ThriftStruct owner, short id, long shift)
    {
        if (owner.Find(id) is { } field)
        {
            field.Value = (long)field.Value + shift;
        }
    }

    private static ThriftField Required(ThriftStruct owner, short id) =>
        owner.Find(id) ?? throw new InvalidDataException($"Parquet metadata lacks field {id}.");
}
