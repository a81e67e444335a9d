using System.Text;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Reading;

namespace Simulation.Scenarios.Imports;

/// <summary>
/// Reads CSV as RFC 4180 describes it: a header row, comma-separated fields, optional double quotes
/// around a field (a quote inside one doubled), line breaks CRLF or LF. Cells are text; numbers in them
/// are read later with the invariant culture. Blank lines are skipped.
/// </summary>
internal static class CsvTableReader
{
    public static ImportTable? Read(string text, SourceFile file, Diagnostics errors)
    {
        List<(int Line, List<string> Fields)> records = [];
        if (!Parse(text, file, errors, records))
        {
            return null;
        }

        if (records.Count == 0)
        {
            errors.MalformedTable(file, 1, 1, "the file is empty; expected a header row");
            return null;
        }

        List<string> header = records[0].Fields;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            header[i] = header[i].Trim();
            if (header[i].Length == 0 || !seen.Add(header[i]))
            {
                errors.MalformedTable(
                    file,
                    records[0].Line,
                    i + 1,
                    header[i].Length == 0 ? "the header has an empty column name" : "the header names column '" + header[i] + "' twice");
                return null;
            }
        }

        var table = new ImportTable(file, header);
        foreach ((int line, List<string> fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                errors.MalformedTable(file, line, 1, InvariantText.Format($"this row has {fields.Count} fields; the header has {header.Count}"));
                continue;
            }

            table.Rows.Add(new ImportRow(line, [.. fields.Select(f => f.Trim() is { Length: > 0 } cell ? cell : null)]));
        }

        return table;
    }

    private static bool Parse(string text, SourceFile file, Diagnostics errors, List<(int Line, List<string> Fields)> records)
    {
        int line = 1;
        int lineStart = 0;
        int i = 0;
        var field = new StringBuilder();
        while (i < text.Length)
        {
            int recordLine = line;
            var fields = new List<string>();
            bool endOfRecord = false;
            while (!endOfRecord)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    int quoteLine = line;
                    int quoteColumn = i - lineStart + 1;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            errors.MalformedTable(file, quoteLine, quoteColumn, "a quoted field is not closed");
                            return false;
                        }

                        char c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                            lineStart = i + 1;
                        }

                        field.Append(c);
                        i++;
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        errors.MalformedTable(file, line, i - lineStart + 1, "expected a comma or the end of the line after a closing quote");
                        return false;
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        field.Append(text[i]);
                        i++;
                    }
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                endOfRecord = true;
                if (i < text.Length && text[i] == '\r')
                {
                    i++;
                }

                if (i < text.Length && text[i] == '\n')
                {
                    i++;
                }

                line++;
                lineStart = i;
            }

            bool blank = fields.Count == 1 && fields[0].Trim().Length == 0;
            if (!blank)
            {
                records.Add((recordLine, fields));
            }
        }

        return true;
    }
}
