using System.Globalization;
using System.Text;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Reading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Imports;

/// <summary>The suppliers of one <c>import</c> entry: one mapping per row, read like any supplier.</summary>
/// <remarks>
/// <see cref="Complete"/> is false when the file, its table or the column mapping had errors; the rows
/// that could be read are still checked, but an empty group is then not reported again.
/// </remarks>
internal sealed record ImportedSuppliers(string? Group, SNode GroupNode, string Path, IReadOnlyList<(SMap Row, string Path)> Rows, bool Complete);

/// <summary>
/// Turns a CSV or Parquet supplier master into supplier mappings. Each row becomes a mapping of
/// scenario keys: the import's <c>defaults</c>, overridden by the mapped columns (and by columns named
/// exactly like a supplier key). Cell values keep their file, row and column, so a bad value is reported
/// where it is in the table.
/// </summary>
internal static class SupplierImporter
{
    public static ImportedSuppliers Read(MapReader import, SourceFiles files, string scenarioDirectory)
    {
        Diagnostics errors = import.Errors;
        int errorsBefore = errors.Count;
        string? fileName = import.Text("file");
        IReadOnlyList<(SScalar Key, SScalar Column)> columns = import.TextMap("columns");
        MapReader? defaults = import.Object("defaults", checkRequired: false);
        string? group = import.Text("group");
        ImportedSuppliers Failed() => new(group, import.At("group"), import.Path, [], Complete: false);
        if (fileName is null)
        {
            return Failed();
        }

        SNode fileNode = import.At("file");
        string directory = fileNode.File.Path == SourceFiles.CommandLineName ? scenarioDirectory : fileNode.File.Directory;
        string path = Path.Combine(directory, fileName);
        string extension = Path.GetExtension(fileName).ToUpperInvariant();
        if (extension is not (".CSV" or ".PARQUET"))
        {
            errors.UnsupportedImport(fileNode, import.FieldPathOf("file"), fileName);
            return Failed();
        }

        SourceFile source = files.Register(path, Path.GetDirectoryName(path) is { Length: > 0 } folder ? folder : ".");
        ImportTable? table;
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            files.RecordTable(path, bytes);
            if (extension == ".CSV")
            {
                string text = Encoding.UTF8.GetString(bytes);
                table = CsvTableReader.Read(text.StartsWith('\uFEFF') ? text[1..] : text, source, errors);
            }
            else
            {
                using var stream = new MemoryStream(bytes, writable: false);
                table = ParquetTableReader.Read(stream, source, errors);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.CannotRead(fileNode, import.FieldPathOf("file"), path, "no such file");
            return Failed();
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            errors.CannotRead(fileNode, import.FieldPathOf("file"), path, "it is a folder, not a file");
            return Failed();
        }
#pragma warning disable CA1031 // A corrupt file can fail inside Parquet.Net in many ways; each is one located error, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            errors.CannotRead(fileNode, import.FieldPathOf("file"), path, e.Message);
            return Failed();
        }

        int mappingErrors = errors.Count;
        List<(string[] Key, int Column, FieldKind Kind)>? mapping = table is null ? null : Map(import, columns, table);
        if (table is null || mapping is null || errors.Count > mappingErrors)
        {
            // With a broken mapping every row would repeat the same missing key: fix the mapping first.
            return Failed();
        }

        string rowsPath = FieldPath.Child(import.Path, "rows");
        var rows = new List<(SMap, string)>(table.Rows.Count);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            ImportRow row = table.Rows[r];
            var map = new SMap(source, row.Line, 1, isFlow: false);
            if (defaults is not null)
            {
                foreach (SEntry entry in defaults.Map.Entries)
                {
                    map.Entries.Add(new SEntry(entry.Key, entry.Value));
                }
            }

            foreach ((string[] key, int column, FieldKind kind) in mapping)
            {
                string? cell = row.Cells[column];
                if (cell is null)
                {
                    continue;
                }

                SNode value = kind == FieldKind.TextList ? List(source, row.Line, column + 1, cell) : new SScalar(source, row.Line, column + 1, cell, isPlain: true);
                Set(map, key, value);
            }

            rows.Add((map, FieldPath.Item(rowsPath, (r + 1).ToString(CultureInfo.InvariantCulture))));
        }

        return new ImportedSuppliers(group, import.At("group"), import.Path, rows, Complete: errors.Count == errorsBefore);
    }

    /// <summary>Checks the column mapping and adds columns named like supplier keys; returns (key path, column index, kind).</summary>
    private static List<(string[] Key, int Column, FieldKind Kind)> Map(
        MapReader import, IReadOnlyList<(SScalar Key, SScalar Column)> columns, ImportTable table)
    {
        Diagnostics errors = import.Errors;
        string columnsPath = import.FieldPathOf("columns");
        var mapping = new List<(string[], int, FieldKind)>();
        var mappedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach ((SScalar key, SScalar column) in columns)
        {
            string keyPath = FieldPath.Child(columnsPath, key.Value);
            string[] parts = key.Value.Split('.');
            FieldKind? kind = Resolve(errors, key, keyPath, parts);
            int index = IndexOf(table.Columns, column.Value);
            if (index < 0)
            {
                errors.ColumnNotFound(column, keyPath, column.Value, Path.GetFileName(table.File.Path), table.Columns);
            }

            if (kind is FieldKind k && index >= 0)
            {
                mapping.Add((parts, index, k));
                mappedKeys.Add(key.Value);
            }
        }

        for (int c = 0; c < table.Columns.Count; c++)
        {
            string name = table.Columns[c];
            if (!mappedKeys.Contains(name) && ScenarioFormat.Supplier.Find(name) is { } field && IsMappable(field.Kind))
            {
                mapping.Add(([name], c, field.Kind));
            }
        }

        return mapping;
    }

    private static FieldKind? Resolve(Diagnostics errors, SScalar key, string keyPath, string[] parts)
    {
        ObjectSchema schema = ScenarioFormat.Supplier;
        for (int i = 0; i < parts.Length; i++)
        {
            FieldSchema? field = schema.Find(parts[i]);
            if (field is null)
            {
                errors.UnknownKey(key, keyPath, parts[i], i == 0 ? "supplier" : string.Join('.', parts[..i]), schema.Keys);
                return null;
            }

            if (i < parts.Length - 1)
            {
                if (field.Kind != FieldKind.Object)
                {
                    errors.NotMappable(key, keyPath, key.Value);
                    return null;
                }

                schema = field.Object!;
            }
            else if (!IsMappable(field.Kind))
            {
                errors.NotMappable(key, keyPath, key.Value);
                return null;
            }
            else
            {
                return field.Kind;
            }
        }

        return null;
    }

    private static bool IsMappable(FieldKind kind) =>
        kind is FieldKind.Text or FieldKind.Number or FieldKind.Integer or FieldKind.Choice or FieldKind.Distribution or FieldKind.TextList or FieldKind.Date;

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A list cell: values separated by semicolons ("bsci;sedex").</summary>
    private static SSeq List(SourceFile file, int line, int column, string cell)
    {
        var seq = new SSeq(file, line, column, isFlow: true);
        foreach (string part in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            seq.Items.Add(new SScalar(file, line, column, part, isPlain: false));
        }

        return seq;
    }

    /// <summary>Sets a possibly dotted key, copying nested mappings that come from the shared defaults.</summary>
    private static void Set(SMap map, string[] key, SNode value)
    {
        SMap target = map;
        for (int i = 0; i < key.Length - 1; i++)
        {
            SNode? existing = target.Get(key[i]);
            var copy = new SMap(value.File, value.Line, value.Column, isFlow: false);
            if (existing is SMap nested)
            {
                copy.Entries.AddRange(nested.Entries.Select(e => new SEntry(e.Key, e.Value)));
            }

            target.Set(new SScalar(value.File, value.Line, value.Column, key[i], isPlain: true), copy);
            target = copy;
        }

        target.Set(new SScalar(value.File, value.Line, value.Column, key[^1], isPlain: true), value);
    }
}
