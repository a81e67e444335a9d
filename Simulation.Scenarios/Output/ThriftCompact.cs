using System.Buffers;
using System.Buffers.Binary;

namespace Simulation.Scenarios.Output;

/// <summary>
/// A Thrift struct in the compact protocol, read generically (field id, wire type, value) so that it can
/// be written back byte for byte with a few integer fields changed. Parquet's footer is such a struct;
/// <see cref="RowGroupAssembler"/> uses this to move row groups encoded apart to their place in one file.
/// </summary>
/// <remarks>
/// Values are kept as read: <see cref="bool"/> (a boolean field), <see cref="byte"/> (i8 and booleans
/// inside lists), <see cref="long"/> (i16, i32, i64), <see cref="double"/>, <see cref="byte"/>[]
/// (binary and strings), <see cref="ThriftList"/> (lists and sets) and <see cref="ThriftStruct"/>.
/// Maps do not occur in Parquet's metadata and are refused.
/// </remarks>
internal sealed class ThriftStruct
{
    private const byte BooleanTrue = 1, BooleanFalse = 2, Int8 = 3, Int16 = 4, Int32 = 5, Int64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;

    /// <summary>The fields in the order they were read (and are written).</summary>
    public List<ThriftField> Fields { get; } = [];

    /// <summary>The field with this id, or null.</summary>
    public ThriftField? Find(short id) => Fields.Find(f => f.Id == id);

    /// <summary>Adds an i32 field (fields are written in the order they are added).</summary>
    public ThriftStruct WithI32(short id, int value) => Add(id, Int32, (long)value);

    /// <summary>Adds an i64 field.</summary>
    public ThriftStruct WithI64(short id, long value) => Add(id, Int64, value);

    /// <summary>Adds an i8 field.</summary>
    public ThriftStruct WithI8(short id, byte value) => Add(id, Int8, value);

    /// <summary>Adds a boolean field.</summary>
    public ThriftStruct WithBool(short id, bool value) => Add(id, value ? BooleanTrue : BooleanFalse, value);

    /// <summary>Adds a binary (or UTF-8 string) field.</summary>
    public ThriftStruct WithBinary(short id, byte[] value) => Add(id, Binary, value);

    /// <summary>Adds a struct field.</summary>
    public ThriftStruct WithStruct(short id, ThriftStruct value) => Add(id, Struct, value);

    /// <summary>Adds a list of i32 values.</summary>
    public ThriftStruct WithI32List(short id, IEnumerable<int> values) => Add(id, List, new ThriftList(Int32, [.. values.Select(v => (object)(long)v)]));

    /// <summary>Adds a list of binary values.</summary>
    public ThriftStruct WithBinaryList(short id, IEnumerable<byte[]> values) => Add(id, List, new ThriftList(Binary, [.. values]));

    /// <summary>Adds a list of structs.</summary>
    public ThriftStruct WithStructList(short id, IEnumerable<ThriftStruct> values) => Add(id, List, new ThriftList(Struct, [.. values]));

    /// <summary>Reads one struct from the start of <paramref name="bytes"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a compact-protocol struct.</exception>
    public static ThriftStruct Read(ReadOnlySpan<byte> bytes)
    {
        int position = 0;
        return ReadStruct(bytes, ref position);
    }

    /// <summary>Writes the struct (and its stop byte) to <paramref name="output"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        short last = 0;
        foreach (var field in Fields)
        {
            byte type = field.Type is BooleanTrue or BooleanFalse ? ((bool)field.Value ? BooleanTrue : BooleanFalse) : field.Type;
            int delta = field.Id - last;
            if (delta is > 0 and <= 15)
            {
                WriteByte(output, (byte)((delta << 4) | type));
            }
            else
            {
                WriteByte(output, type);
                WriteVarint(output, ZigZag(field.Id));
            }

            last = field.Id;
            if (field.Type is not (BooleanTrue or BooleanFalse))
            {
                WriteValue(output, field.Type, field.Value);
            }
        }

        WriteByte(output, 0);
    }

    private ThriftStruct Add(short id, byte type, object value)
    {
        Fields.Add(new ThriftField(id, type, value));
        return this;
    }

    private static ThriftStruct ReadStruct(ReadOnlySpan<byte> bytes, ref int position)
    {
        var result = new ThriftStruct();
        short last = 0;
        while (true)
        {
            byte header = ReadByte(bytes, ref position);
            if (header == 0)
            {
                return result;
            }

            byte type = (byte)(header & 0x0F);
            int delta = header >> 4;
            short id = delta != 0 ? (short)(last + delta) : (short)UnZigZag(ReadVarint(bytes, ref position));
            last = id;
            object value = type is BooleanTrue or BooleanFalse ? type == BooleanTrue : ReadValue(bytes, ref position, type);
            result.Fields.Add(new ThriftField(id, type, value));
        }
    }

    private static object ReadValue(ReadOnlySpan<byte> bytes, ref int position, byte type)
    {
        switch (type)
        {
            case BooleanTrue or BooleanFalse or Int8:
                return ReadByte(bytes, ref position); // a boolean inside a list is one byte
            case Int16 or Int32 or Int64:
                return UnZigZag(ReadVarint(bytes, ref position));
            case Double:
                double real = BinaryPrimitives.ReadDoubleLittleEndian(Take(bytes, ref position, 8));
                return real;
            case Binary:
                int length = checked((int)ReadVarint(bytes, ref position));
                return Take(bytes, ref position, length).ToArray();
            case List or Set:
                byte header = ReadByte(bytes, ref position);
                byte elementType = (byte)(header & 0x0F);
                int count = header >> 4 == 15 ? checked((int)ReadVarint(bytes, ref position)) : header >> 4;
                var items = new List<object>(count);
                for (int i = 0; i < count; i++)
                {
                    items.Add(ReadValue(bytes, ref position, elementType));
                }

                return new ThriftList(elementType, items);
            case Struct:
                return ReadStruct(bytes, ref position);
            default:
                throw new InvalidDataException($"Thrift compact type {type} is not expected in Parquet metadata{(type == Map ? " (a map)" : "")}.");
        }
    }

    private static void WriteValue(IBufferWriter<byte> output, byte type, object value)
    {
        switch (type)
        {
            case BooleanTrue or BooleanFalse or Int8:
                WriteByte(output, (byte)value);
                break;
            case Int16 or Int32 or Int64:
                WriteVarint(output, ZigZag((long)value));
                break;
            case Double:
                BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), (double)value);
                output.Advance(8);
                break;
            case Binary:
                var binary = (byte[])value;
                WriteVarint(output, (ulong)binary.Length);
                output.Write(binary);
                break;
            case List or Set:
                var list = (ThriftList)value;
                if (list.Items.Count < 15)
                {
                    WriteByte(output, (byte)((list.Items.Count << 4) | list.ElementType));
                }
                else
                {
                    WriteByte(output, (byte)(0xF0 | list.ElementType));
                    WriteVarint(output, (ulong)list.Items.Count);
                }

                foreach (object item in list.Items)
                {
                    WriteValue(output, list.ElementType, item);
                }

                break;
            default:
                ((ThriftStruct)value).WriteTo(output);
                break;
        }
    }

    private static byte ReadByte(ReadOnlySpan<byte> bytes, ref int position) => Take(bytes, ref position, 1)[0];

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (count < 0 || position + count > bytes.Length)
        {
            throw new InvalidDataException("Thrift metadata ends in the middle of a value.");
        }

        var taken = bytes.Slice(position, count);
        position += count;
        return taken;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte(bytes, ref position);
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A Thrift varint is longer than 64 bits.");
    }

    private static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte(output, (byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte(output, (byte)value);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}

/// <summary>One field of a <see cref="ThriftStruct"/>: its id, compact wire type and value.</summary>
internal sealed class ThriftField(short id, byte type, object value)
{
    public short Id { get; } = id;

    public byte Type { get; } = type;

    /// <summary>The value (see <see cref="ThriftStruct"/> for the types); integer fields may be changed.</summary>
    public object Value { get; set; } = value;
}

/// <summary>A Thrift list or set: the compact type of its elements and the elements.</summary>
internal sealed record ThriftList(byte ElementType, List<object> Items);
