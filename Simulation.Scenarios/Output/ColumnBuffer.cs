using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Output;

/// <summary>
/// One column of a <see cref="ParquetStreamWriter"/>: a typed field and the values of the row group
/// being filled. Each buffer is sized for one row group and reused for the next.
/// </summary>
internal abstract class ColumnBuffer
{
    protected ColumnBuffer(DataField field)
    {
        Field = field;
    }

    public DataField Field { get; }

    /// <summary>Values appended since the last flush.</summary>
    public abstract int Count { get; }

    /// <summary>Memory one buffered value takes, used to size row groups in bytes.</summary>
    public abstract int BytesPerValue { get; }

    public abstract void Allocate(int capacity);

    public abstract Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken);

    public abstract void Clear();
}

/// <summary>A required column of a value type (int, double, bool, DateOnly, ...).</summary>
internal sealed class ValueColumn<T>(string name) : ColumnBuffer(new DataField<T>(name, false))
    where T : struct
{
    private T[] _values = [];
    private int _count;

    public override int Count => _count;

    public override int BytesPerValue => Unsafe.SizeOf<T>();

    public void Add(T value) => _values[_count++] = value;

    public override void Allocate(int capacity) => _values = new T[capacity];

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync<T>(Field, new ReadOnlyMemory<T>(_values, 0, _count), null, null, cancellationToken);

    public override void Clear() => _count = 0;
}

/// <summary>An optional column of a value type; null where a value does not apply.</summary>
internal sealed class NullableValueColumn<T>(string name) : ColumnBuffer(new DataField<T?>(name, true))
    where T : struct
{
    private T?[] _values = [];
    private int _count;

    public override int Count => _count;

    public override int BytesPerValue => Unsafe.SizeOf<T?>();

    public void Add(T? value) => _values[_count++] = value;

    public override void Allocate(int capacity) => _values = new T?[capacity];

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync<T>(Field, new ReadOnlyMemory<T?>(_values, 0, _count), null, null, cancellationToken);

    public override void Clear() => _count = 0;
}

/// <summary>A UTF-8 string column, required or optional.</summary>
internal sealed class StringColumn(string name, bool nullable = false) : ColumnBuffer(new DataField<string>(name, nullable))
{
    private string?[] _values = [];
    private int _count;

    public override int Count => _count;

    /// <summary>A reference, plus the encoded text Parquet.Net builds when the group is written.</summary>
    public override int BytesPerValue => IntPtr.Size + 24;

    public void Add(string? value)
    {
        if (value is null && !Field.IsNullable)
        {
            throw new ArgumentNullException(nameof(value), $"Column '{Field.Name}' is required.");
        }

        _values[_count++] = value;
    }

    public override void Allocate(int capacity) => _values = new string?[capacity];

    public override Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken) =>
        group.WriteAsync(Field, new ArraySegment<string>(_values!, 0, _count), null);

    public override void Clear()
    {
        Array.Clear(_values, 0, _count);
        _count = 0;
    }
}
