using System.Globalization;
using Simulation.Scenarios.Output;

namespace Simulation.Tests.Outputs;

/// <summary>Row groups sized in bytes: several full groups and a partial one, read back with DuckDB.</summary>
public sealed class ParquetStreamWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sim-stream-").FullName;

    [Fact]
    public void RowGroupRows_HoldsAboutTheTargetBytes_ForWideAndNarrowRows()
    {
        var narrow = new ColumnBuffer[] { new ValueColumn<int>("a"), new ValueColumn<double>("b") };
        var wide = Enumerable.Range(0, 40).Select(i => (ColumnBuffer)new ValueColumn<double>($"m{i}")).ToArray();

        // 12 bytes per row and 320 bytes per row: 2 MiB / 12 and 2 MiB / 320.
        Assert.Equal(174_762, ParquetStreamWriter.RowGroupRows(narrow));
        Assert.Equal(6_553, ParquetStreamWriter.RowGroupRows(wide));
        Assert.Equal(ParquetStreamWriter.MinRowGroupRows, ParquetStreamWriter.RowGroupRows(Enumerable.Range(0, 10_000).Select(i => (ColumnBuffer)new ValueColumn<double>($"m{i}")).ToArray()));
    }

    [Fact]
    public async Task Rows_SpanSeveralGroups_AndReadBackInOrder()
    {
        // 400 doubles per row (3,200 bytes): 655 rows fit in 2 MiB, so the floor of 1,024 rows applies.
        var index = new ValueColumn<int>("index");
        var label = new StringColumn("label", nullable: true);
        var values = Enumerable.Range(0, 400).Select(i => new ValueColumn<double>($"v{i}")).ToArray();
        ColumnBuffer[] columns = [index, label, .. values];
        int groupRows = ParquetStreamWriter.RowGroupRows(columns);
        Assert.Equal(ParquetStreamWriter.MinRowGroupRows, groupRows);

        int rows = (2 * groupRows) + 100;
        string path = Path.Combine(_folder, "wide.parquet");
        await using (var writer = await ParquetStreamWriter.CreateAsync(path, columns))
        {
            for (int r = 0; r < rows; r++)
            {
                index.Add(r);
                label.Add(r % 3 == 0 ? null : $"row {r}");
                foreach (var (column, c) in values.Select((v, c) => (v, c)))
                {
                    column.Add(r + (c / 1000.0));
                }

                writer.EndRow();
            }

            Assert.Equal(rows, writer.RowCount);
            await writer.CompleteAsync();
        }

        var groups = DuckDb.Query($"SELECT row_group_id, max(row_group_num_rows) FROM parquet_metadata('{path}') GROUP BY row_group_id ORDER BY row_group_id");
        Assert.Equal([groupRows, groupRows, 100], groups.Select(g => Convert.ToInt32(g[1], CultureInfo.InvariantCulture)));
        Assert.Equal(rows, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)}"));
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)} WHERE abs(v399 - (index + 0.399)) > 1e-9 OR v0 <> index"));
        Assert.Equal((rows + 2) / 3, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)} WHERE label IS NULL"));
        Assert.Equal("row 2050", DuckDb.Scalar($"SELECT label FROM {DuckDb.File(path)} WHERE index = 2050"));
    }

    [Fact]
    public async Task Groups_WrittenInTheBackground_KeepEveryValueAndTheirOrder()
    {
        // Five full groups and a partial one: each column's two arrays take turns (one filling while
        // the other is written), so a value or label left over from an earlier group would show here.
        var index = new ValueColumn<int>("index");
        var label = new StringColumn("label", nullable: true);
        var values = Enumerable.Range(0, 400).Select(i => new ValueColumn<double>($"v{i}")).ToArray();
        ColumnBuffer[] columns = [index, label, .. values];
        int groupRows = ParquetStreamWriter.RowGroupRows(columns);
        int rows = (5 * groupRows) + 7;
        string path = Path.Combine(_folder, "background.parquet");
        await using (var writer = await ParquetStreamWriter.CreateAsync(path, columns))
        {
            for (int r = 0; r < rows; r++)
            {
                index.Add(r);
                label.Add(r % 5 == 0 ? null : $"row {r}");
                foreach (var (column, c) in values.Select((v, c) => (v, c)))
                {
                    column.Add((r * 0.5) + c);
                }

                writer.EndRow();
            }

            await writer.CompleteAsync();
        }

        var groups = DuckDb.Query($"SELECT row_group_id, max(row_group_num_rows) FROM parquet_metadata('{path}') GROUP BY row_group_id ORDER BY row_group_id");
        Assert.Equal([groupRows, groupRows, groupRows, groupRows, groupRows, 7], groups.Select(g => Convert.ToInt32(g[1], CultureInfo.InvariantCulture)));
        Assert.Equal(rows, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)}"));
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM read_parquet('{path}', file_row_number = true) WHERE index <> file_row_number"));
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)} WHERE v0 <> index * 0.5 OR v399 <> index * 0.5 + 399"));
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)} WHERE (index % 5 = 0) <> (label IS NULL) OR label <> 'row ' || index"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
