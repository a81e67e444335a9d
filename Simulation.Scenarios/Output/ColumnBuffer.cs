using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Output;

/// <summary>
/// One column of a <see cref="ParquetStreamWriter"/>: a typed field and the values of the row group
/// being filled. Each buffer holds arrays sized for one row group: while full ones are encoded in the
/// background (<see cref="TakeFilled"/>), another fills with the next group's values; an encoded group's
/// array goes back to a small pool for reuse, so a writer holds one array per group in flight, plus one.
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

    /// <summary>
    /// Hands over the values appended so far as a write of one column chunk, and goes on filling
    /// another array; the write gives its array back for reuse when it is done. Writes of several
    /// groups may run at once.
    /// </summary>
    public abstract Func<ParquetRowGroupWriter, CancellationToken, Task> TakeFilled();

    /// <summary>Returns the filled array and puts a pooled one (or a new one) in its place.</summary>
    protected static TElement[] SwapArrays<TElement>(ref TElement[] values, ConcurrentBag<TElement[]> pool)
    {
        var filled = values;
        values = pool.TryTake(out var spare) ? spare : new TElement[filled.Length];
        return filled;
    }
}

/// <summary>A required column of a value type (int, double, bool, DateOnly, ...).</summary>
internal sealed class ValueColumn<T>(string name) : ColumnBuffer(new DataField<T>(name, false))
    where T : struct
{
    private T[] _values = [];
    private readonly ConcurrentBag<T[]> _pool = [];
    private int _count;

    public override int Count => _count;

    public override int BytesPerValue => Unsafe.SizeOf<T>();

    public void Add(T value) => _values[_count++] = value;

    /// <summary>Appends <paramref name="values"/>, one per row.</summary>
    public void AddRange(ReadOnlySpan<T> values)
    {
        values.CopyTo(_values.AsSpan(_count));
        _count += values.Length;
    }

    /// <summary>Appends <paramref name="value"/> to <paramref name="count"/> rows.</summary>
    public void AddRepeated(T value, int count)
    {
        _values.AsSpan(_count, count).Fill(value);
        _count += count;
    }

    public override void Allocate(int capacity) => _values = new T[capacity];

    public override Func<ParquetRowGroupWriter, CancellationToken, Task> TakeFilled()
    {
        var filled = SwapArrays(ref _values, _pool);
        int count = _count;
        _count = 0;
        return async (group, cancellationToken) =>
        {
            await group.WriteAsync<T>(Field, new ReadOnlyMemory<T>(filled, 0, count), null, null, cancellationToken).ConfigureAwait(false);
            _pool.Add(filled);
        };
    }
}

/// <summary>An optional column of a value type; null where a value does not apply.</summary>
internal sealed class NullableValueColumn<T>(string name) : ColumnBuffer(new DataField<T?>(name, true))
    where T : struct
{
    private T?[] _values = [];
    private readonly ConcurrentBag<T?[]> _pool = [];
    private int _count;

    public override int Count => _count;

    public override int BytesPerValue => Unsafe.SizeOf<T?>();

    public void Add(T? value) => _values[_count++] = value;

    public override void Allocate(int capacity) => _values = new T?[capacity];

    public override Func<ParquetRowGroupWriter, CancellationToken, Task> TakeFilled()
    {
        var filled = SwapArrays(ref _values, _pool);
        int count = _count;
        _count = 0;
        return async (group, cancellationToken) =>
        {
            await group.WriteAsync<T>(Field, new ReadOnlyMemory<T?>(filled, 0, count), null, null, cancellationToken).ConfigureAwait(false);
            _pool.Add(filled);
        };
    }
}

/// <summary>A UTF-8 string column, required or optional.</summary>
internal sealed class StringColumn(string name, bool nullable = false) : ColumnBuffer(new DataField<string>(name, nullable))
{
    private string?[] _values = [];
    private readonly ConcurrentBag<string?[]> _pool = [];
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

    /// <summary>Appends <paramref name="values"/>, one per row.</summary>
    public void AddRange(ReadOnlySpan<string?> values)
    {
        if (!Field.IsNullable && values.Contains(null))
        {
            throw new ArgumentNullException(nameof(values), $"Column '{Field.Name}' is required.");
        }

        values.CopyTo(_values.AsSpan(_count));
        _count += values.Length;
    }

    public override void Allocate(int capacity) => _values = new string?[capacity];

    public override Func<ParquetRowGroupWriter, CancellationToken, Task> TakeFilled()
    {
        var filled = SwapArrays(ref _values, _pool);
        int count = _count;
        _count = 0;
        return async (group, _) =>
        {
            await group.WriteAsync(Field, new ArraySegment<string>(filled!, 0, count), null).ConfigureAwait(false);
            Array.Clear(filled, 0, count); // drop the references before the array waits in the pool
            _pool.Add(filled);
        };
    }
}
