using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// Reads named columns of a flat Parquet file written by a run (Parquet.Net 6), whole or one row
/// group at a time. A report is rebuilt from these files alone, so every read checks that the column
/// exists and says which file lacks it.
/// </summary>
internal sealed class ParquetTable : IAsyncDisposable
{
    private readonly string _path;
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, DataField> _fields;

    private ParquetTable(string path, FileStream stream, ParquetReader reader)
    {
        _path = path;
        _stream = stream;
        _reader = reader;
        _fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        ColumnNames = [.. reader.Schema.GetDataFields().Select(f => f.Name)];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            LargestRowGroup = Math.Max(LargestRowGroup, checked((int)group.RowCount));
        }
    }

    /// <summary>Rows in the largest row group: the buffer size for <see cref="ReadGroupIntoAsync{T}"/>.</summary>
    public int LargestRowGroup { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    public int RowGroupCount => _reader.RowGroupCount;

    public static async Task<ParquetTable> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioInputException($"'{path}' does not exist; the run folder is incomplete.");
        }

        var stream = File.OpenRead(path);
        try
        {
            var reader = await ParquetReader.CreateAsync(stream, null, false, cancellationToken).ConfigureAwait(false);
            return new ParquetTable(path, stream, reader);
        }
        catch (Exception e) when (IsDamage(e))
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw Damaged(path, e);
        }
    }

    public bool Has(string column) => _fields.ContainsKey(column);

    /// <summary>The CLR type of a column's values (e.g. <see cref="double"/>), nullable types unwrapped.</summary>
    public Type ValueType(string column) => Field(column).ClrType;

    public async Task<T[]> ReadAsync<T>(string column, CancellationToken cancellationToken)
        where T : struct
    {
        var parts = new List<T[]>();
        for (int g = 0; g < _reader.RowGroupCount; g++)
        {
            parts.Add(await ReadGroupAsync<T>(column, g, cancellationToken).ConfigureAwait(false));
        }

        return [.. parts.SelectMany(p => p)];
    }

    public async Task<T[]> ReadGroupAsync<T>(string column, int rowGroup, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[RowCount(rowGroup)];
        await ReadGroupIntoAsync(column, rowGroup, values, cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>
    /// Reads one row group of a column into <paramref name="buffer"/> (at least <see cref="LargestRowGroup"/>
    /// long), so a caller scanning a large file reuses one buffer instead of allocating one per group.
    /// </summary>
    /// <returns>The values read, a prefix of the buffer.</returns>
    public Task<ReadOnlyMemory<T>> ReadGroupIntoAsync<T>(string column, int rowGroup, T[] buffer, CancellationToken cancellationToken)
        where T : struct
    {
        var field = Field(column);
        return Guarded(() => ReadFieldGroupIntoAsync(field, rowGroup, buffer, cancellationToken));
    }

    private async Task<ReadOnlyMemory<T>> ReadFieldGroupIntoAsync<T>(DataField field, int rowGroup, T[] buffer, CancellationToken cancellationToken)
        where T : struct
    {
        using var group = _reader.OpenRowGroupReader(rowGroup);
        var values = new Memory<T>(buffer, 0, checked((int)group.RowCount));
        if (field.IsNullable && typeof(T) == typeof(double))
        {
            // A KPI the scenario does not model is null in kpis.parquet and summary.parquet; readers
            // that want plain doubles see it as NaN, the value they already skip as undefined.
            var nullable = new double?[values.Length];
            await group.ReadAsync<double>(field, nullable, null, cancellationToken).ConfigureAwait(false);
            var doubles = (Memory<double>)(object)values;
            for (int i = 0; i < nullable.Length; i++)
            {
                doubles.Span[i] = nullable[i] ?? double.NaN;
            }

            return values;
        }

        await group.ReadAsync<T>(field, values, null, cancellationToken).ConfigureAwait(false);
        return values;
    }

    private long RowCount(int rowGroup)
    {
        using var group = _reader.OpenRowGroupReader(rowGroup);
        return group.RowCount;
    }

    public Task<T?[]> ReadNullableGroupAsync<T>(string column, int rowGroup, CancellationToken cancellationToken)
        where T : struct
    {
        var field = Field(column);
        return Guarded(async () =>
        {
            using var group = _reader.OpenRowGroupReader(rowGroup);
            var values = new T?[group.RowCount];
            await group.ReadAsync<T>(field, values, null, cancellationToken).ConfigureAwait(false);
            return values;
        });
    }

    public async Task<string?[]> ReadStringsAsync(string column, CancellationToken cancellationToken)
    {
        var parts = new List<string?[]>();
        for (int g = 0; g < _reader.RowGroupCount; g++)
        {
            parts.Add(await ReadStringGroupAsync(column, g, cancellationToken).ConfigureAwait(false));
        }

        return [.. parts.SelectMany(p => p)];
    }

    public Task<string?[]> ReadStringGroupAsync(string column, int rowGroup, CancellationToken cancellationToken)
    {
        var field = Field(column);
        return Guarded<string?[]>(async () =>
        {
            using var group = _reader.OpenRowGroupReader(rowGroup);
            var values = new string[group.RowCount];
            await group.ReadAsync(field, values, null, cancellationToken).ConfigureAwait(false);
            return values;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a read of this file. A damaged file can make the decoder fail in many ways (a Thrift header,
    /// an unknown page type, a length past the end, a decompression error); each becomes one error
    /// naming the file, never a crash.
    /// </summary>
    private async Task<T> Guarded<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Damaged(_path, e);
        }
    }

    private static bool IsDamage(Exception e) => e is not OperationCanceledException and not ScenarioInputException;

    private static ScenarioInputException Damaged(string path, Exception e) =>
        new($"'{path}' is not a readable Parquet file: {e.Message}", e);

    private DataField Field(string column) =>
        _fields.TryGetValue(column, out var field)
            ? field
            : throw new ScenarioInputException($"'{_path}' has no column '{column}'; was it written by another version of sim?");
}
