using Simulation.Scenarios.Loading;

namespace Simulation.Scenarios.Imports;

/// <summary>A table read from a CSV or Parquet file: column names and rows of cells as text (null = empty).</summary>
internal sealed class ImportTable
{
    public ImportTable(SourceFile file, IReadOnlyList<string> columns)
    {
        File = file;
        Columns = columns;
    }

    public SourceFile File { get; }

    public IReadOnlyList<string> Columns { get; }

    public List<ImportRow> Rows { get; } = [];
}

/// <summary>One row: where it is (the CSV line of its first character, or the Parquet row number) and its cells.</summary>
internal sealed record ImportRow(int Line, string?[] Cells);
