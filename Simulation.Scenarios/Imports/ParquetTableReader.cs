using System.Globalization;
using Parquet;
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
                var read = ReadTextAsync(group, fields[c]);
                if (read is null)
                {
                    errors.UnsupportedColumnType(file, c + 1, fields[c].Name, fields[c].ClrType.Name);
                    return null;
                }

                columns[c].Add(await read.ConfigureAwait(false));
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

    /// <summary>
    /// One column chunk as text, or null for a column type an import cannot hold. Each type is read
    /// through its own typed call: Parquet.Net's untyped read picks the type by reflection and
    /// <c>dynamic</c>, which the natively compiled <c>sim</c> cannot run.
    /// </summary>
    private static Task<string?[]>? ReadTextAsync(ParquetRowGroupReader group, DataField field)
    {
        if (field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            // How Parquet.Net 6 types a text column it reads.
            return Text(group, field);
        }

        if (field.ClrType == typeof(DateOnly))
        {
            return Cells<DateOnly>(group, field, x => x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return Type.GetTypeCode(field.ClrType) switch
        {
            TypeCode.String => Text(group, field),
            TypeCode.Double => Cells<double>(group, field, x => x.ToString("R", CultureInfo.InvariantCulture)),
            TypeCode.Single => Cells<float>(group, field, x => x.ToString("R", CultureInfo.InvariantCulture)),
            TypeCode.Decimal => Cells<decimal>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.Int64 => Cells<long>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.Int32 => Cells<int>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.Int16 => Cells<short>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.SByte => Cells<sbyte>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.UInt64 => Cells<ulong>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.UInt32 => Cells<uint>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.UInt16 => Cells<ushort>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.Byte => Cells<byte>(group, field, x => x.ToString(CultureInfo.InvariantCulture)),
            TypeCode.Boolean => Cells<bool>(group, field, x => x ? "true" : "false"),
            TypeCode.DateTime => Cells<DateTime>(group, field, x => x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    /// <summary>
    /// The cells of one column chunk of a flat column: a required column is read as plain values, an
    /// optional one as nullable values (a null cell stays null).
    /// </summary>
    private static async Task<string?[]> Cells<T>(ParquetRowGroupReader group, DataField field, Func<T, string> format)
        where T : struct
    {
        var cells = new string?[checked((int)group.RowCount)];
        if (field.IsNullable)
        {
            var values = new T?[cells.Length];
            await group.ReadAsync<T>(field, values).ConfigureAwait(false);
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = values[i] is { } value ? format(value) : null;
            }

            return cells;
        }

        var required = new T[cells.Length];
        await group.ReadAsync<T>(field, required).ConfigureAwait(false);
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = format(required[i]);
        }

        return cells;
    }

    private static async Task<string?[]> Text(ParquetRowGroupReader group, DataField field)
    {
        var cells = new string[checked((int)group.RowCount)];
        await group.ReadAsync(field, cells).ConfigureAwait(false);
        return cells;
    }
}
