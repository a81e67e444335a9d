using System.IO.Compression;
using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Output;

/// <summary>
/// A small columnar table for writing Parquet: typed columns added by name, written in row groups.
/// Keeps the writers declarative (name, type, values) and every file's options in one place.
/// </summary>
internal sealed class ParquetColumns
{
    /// <summary>Rows per row group of these in-memory tables (KPI rows, sweep points): large enough for fast scans.</summary>
    public const int RowGroupSize = 50_000;

    /// <summary>
    /// Writer options shared by every Parquet file: Zstd at its standard level. Parquet.Net's default
    /// level is the smallest size, which costs several milliseconds per column chunk and made writing
    /// twice as slow for files 3% smaller (benchmarks/README.md, "Outputs").
    /// </summary>
    public static ParquetOptions WriterOptions() => WriterOptions(CompressionMethod.Zstd, CompressionLevel.Optimal);

    /// <summary>Writer options with another codec, for a file whose size matters less than its CPU time.</summary>
    public static ParquetOptions WriterOptions(CompressionMethod method, CompressionLevel level) => new() { CompressionMethod = method, CompressionLevel = level };

    private readonly List<(DataField Field, Func<int, int, Task> Write)> _columns = [];
    private ParquetRowGroupWriter? _currentGroup;

    public ParquetColumns(int rowCount)
    {
        RowCount = rowCount;
    }

    public int RowCount { get; }

    public void Add(string name, int[] values) => AddStruct(name, values);

    public void Add(string name, long[] values) => AddStruct(name, values);

    /// <summary>
    /// Seeds as Parquet INT64: the same 64 bits read as a signed number (two's complement), because
    /// many readers (Spark before 3.2, for one) refuse unsigned 64-bit columns. docs/outputs.md says how to get the unsigned value back.
    /// </summary>
    public static long[] SeedBits(IReadOnlyList<ulong> seeds) => [.. seeds.Select(s => unchecked((long)s))];

    public void Add(string name, double[] values) => AddStruct(name, values);

    public void Add(string name, bool[] values) => AddStruct(name, values);

    /// <summary>An optional double column: null where there is no value.</summary>
    public void Add(string name, double?[] values)
    {
        Check(values.Length);
        var field = new DataField<double?>(name);
        _columns.Add((field, (start, count) => _currentGroup!.WriteAsync<double>(field, new ReadOnlyMemory<double?>(values, start, count), null, null, default)));
    }

    public void Add(string name, string[] values)
    {
        Check(values.Length);
        var field = new DataField<string>(name, false);
        _columns.Add((field, (start, count) => _currentGroup!.WriteAsync(field, new ArraySegment<string>(values, start, count))));
    }

    /// <summary>Writes the table to <paramref name="path"/> (Zstd-compressed).</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        var schema = new ParquetSchema(_columns.Select(c => (Field)c.Field).ToArray());
        var options = WriterOptions();
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var writer = await ParquetWriter.CreateAsync(schema, stream, options, append: false, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            for (int start = 0; start < Math.Max(RowCount, 1); start += RowGroupSize)
            {
                int count = Math.Min(RowGroupSize, RowCount - start);
                using (_currentGroup = writer.CreateRowGroup())
                {
                    foreach (var (_, write) in _columns)
                    {
                        await write(start, count).ConfigureAwait(false);
                    }
                }

                _currentGroup = null;
            }
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void AddStruct<T>(string name, T[] values)
        where T : struct
    {
        Check(values.Length);
        var field = new DataField<T>(name, false);
        _columns.Add((field, (start, count) => _currentGroup!.WriteAsync<T>(field, new ReadOnlyMemory<T>(values, start, count))));
    }

    private void Check(int length)
    {
        if (length != RowCount)
        {
            throw new ArgumentException($"A column has {length} values; the table has {RowCount} rows.");
        }
    }
}
