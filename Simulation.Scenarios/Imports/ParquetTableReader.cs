using System.Globalization;
using Parquet;
using Parquet.Data;
using Parquet.Schema;
using Simulation.Scenarios.Loading;

namespace Simulation.Scenarios.Imports;

/// <summary>
/// Reads a flat Parquet file (Parquet.Net 6) into an <see cref="ImportTable"/>: every row group, column
/// by column, each value turned into invariant-culture text so that imported rows are checked exactly
/// like YAML values. A row's "line" is its 1-based row number.
/// </summary>
internal static class ParquetTableReader
{
    public static ImportTable? Read(Stream stream, SourceFile file, Diagnostics errors)
    {
        // Parquet.Net is asynchronous only; loading is synchronous and runs no other work meanwhile.
        return ReadAsync(stream, file, errors).GetAwaiter().GetResult();
    }

    private static async Task<ImportTable?> ReadAsync(Stream stream, SourceFile file, Diagnostics errors)
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        DataField[] fields = reader.Schema.GetDataFields();
        if (reader.Schema.Fields.Count != fields.Length)
        {
            errors.MalformedTable(file, 1, 1, "the file has nested columns; only flat tables can be imported");
            return null;
        }

        for (int c = 0; c < fields.Length; c++)
        {
            if (fields[c].IsArray)
            {
                errors.UnsupportedColumnType(file, c + 1, fields[c].Name, "list");
                return null;
            }
        }

        var columns = new List<string?[]>[fields.Length];
        for (int c = 0; c < fields.Length; c++)
        {
            columns[c] = [];
        }

        long rows = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            for (int c = 0; c < fields.Length; c++)
            {
                using RawColumnData raw = await group.ReadRawColumnDataBaseAsync(fields[c]).ConfigureAwait(false);
                string?[]? cells = ToText(raw, fields[c].IsNullable);
                if (cells is null)
                {
                    errors.UnsupportedColumnType(file, c + 1, fields[c].Name, fields[c].ClrType.Name);
                    return null;
                }

                columns[c].Add(cells);
            }

            rows += group.RowCount;
        }

        var table = new ImportTable(file, [.. fields.Select(f => f.Name)]);
        string?[][] flat = [.. columns.Select(parts => parts.SelectMany(p => p).ToArray())];
        for (int r = 0; r < rows; r++)
        {
            var cells = new string?[fields.Length];
            for (int c = 0; c < fields.Length; c++)
            {
                cells[c] = r < flat[c].Length ? flat[c][r] : null;
            }

            table.Rows.Add(new ImportRow(r + 1, cells));
        }

        return table;
    }

    private static string?[]? ToText(RawColumnData raw, bool nullable) => raw switch
    {
        RawColumnData<ReadOnlyMemory<char>> v => Cells(v, nullable, x => x.ToString()),
        RawColumnData<double> v => Cells(v, nullable, x => x.ToString("R", CultureInfo.InvariantCulture)),
        RawColumnData<float> v => Cells(v, nullable, x => x.ToString("R", CultureInfo.InvariantCulture)),
        RawColumnData<decimal> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<long> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<int> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<short> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<sbyte> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<ulong> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<uint> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<ushort> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<byte> v => Cells(v, nullable, x => x.ToString(CultureInfo.InvariantCulture)),
        RawColumnData<bool> v => Cells(v, nullable, x => x ? "true" : "false"),
        RawColumnData<DateOnly> v => Cells(v, nullable, x => x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        RawColumnData<DateTime> v => Cells(v, nullable, x => x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>
    /// The cells of one column chunk. A required (non-nullable) column has no definition levels, so its
    /// values are read directly; an optional one through <see cref="RawColumnData{T}.NullableValues"/>.
    /// </summary>
    private static string?[] Cells<T>(RawColumnData<T> data, bool nullable, Func<T, string> format)
        where T : struct
    {
        if (nullable)
        {
            return [.. data.NullableValues.Select(x => x.HasValue ? format(x.Value) : null)];
        }

        Span<T> values = data.Values;
        var cells = new string?[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            cells[i] = format(values[i]);
        }

        return cells;
    }
}
