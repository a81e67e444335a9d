using System.Globalization;
using System.IO.Compression;
using Parquet;
using Parquet.Schema;
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

    [Theory]
    [InlineData(0, CompressionMethod.Zstd)]
    [InlineData(1, CompressionMethod.Zstd)]
    [InlineData(1_024, CompressionMethod.Zstd)]
    [InlineData((9 * 1_024) + 333, CompressionMethod.Zstd)]
    [InlineData((9 * 1_024) + 333, CompressionMethod.Lz4Raw)] // node_timeseries.parquet's codec
    public async Task Groups_EncodedApart_AreTheBytesOfOneWriterWritingThemInTurn(int rows, CompressionMethod codec)
    {
        // Nine full groups (more than GroupsInFlight, so encodings overlap and finish out of order) and
        // a partial one, with a nullable column, a string column and statistics in every chunk: the
        // assembled file must be the very bytes Parquet.Net writes group after group into one stream.
        var index = new ValueColumn<int>("index");
        var label = new StringColumn("label", nullable: true);
        var optional = new NullableValueColumn<double>("optional");
        var values = Enumerable.Range(0, 400).Select(i => new ValueColumn<double>($"v{i}")).ToArray();
        ColumnBuffer[] columns = [index, label, optional, .. values];
        int groupRows = ParquetStreamWriter.RowGroupRows(columns);
        Assert.True(ParquetStreamWriter.GroupsInFlight < 9);
        string Label(int r) => r % 7 == 0 ? null! : $"node-{r % 13}";
        double? Optional(int r) => r % 3 == 0 ? null : r / 8.0;
        double Value(int r, int c) => Math.Sin(r + c) * 1000;

        string assembled = Path.Combine(_folder, $"assembled-{rows}-{codec}.parquet");
        await using (var writer = await ParquetStreamWriter.CreateAsync(assembled, columns, ParquetColumns.WriterOptions(codec, CompressionLevel.Fastest)))
        {
            for (int r = 0; r < rows; r++)
            {
                index.Add(r);
                label.Add(Label(r));
                optional.Add(Optional(r));
                for (int c = 0; c < values.Length; c++)
                {
                    values[c].Add(Value(r, c));
                }

                writer.EndRow();
            }

            await writer.CompleteAsync();
        }

        string sequential = Path.Combine(_folder, $"sequential-{rows}-{codec}.parquet");
        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
        await using (var stream = File.Create(sequential))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, ParquetColumns.WriterOptions(codec, CompressionLevel.Fastest));
            for (int start = 0; start == 0 || start < rows; start += groupRows)
            {
                int count = Math.Min(groupRows, rows - start);
                var range = Enumerable.Range(start, count).ToArray();
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<int>(schema.DataFields[0], range.AsMemory());
                await group.WriteAsync(schema.DataFields[1], range.Select(Label).ToArray());
                await group.WriteAsync<double>(schema.DataFields[2], range.Select(Optional).ToArray().AsMemory());
                for (int c = 0; c < values.Length; c++)
                {
                    await group.WriteAsync<double>(schema.DataFields[3 + c], range.Select(r => Value(r, c)).ToArray().AsMemory());
                }
            }
        }

        Assert.Equal(await File.ReadAllBytesAsync(sequential), await File.ReadAllBytesAsync(assembled));
        Assert.Equal(rows, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(assembled)}"));
        Assert.Equal(codec == CompressionMethod.Zstd ? "ZSTD" : "LZ4_RAW", DuckDb.Scalar($"SELECT DISTINCT compression FROM parquet_metadata('{assembled}')"));
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM read_parquet('{assembled}', file_row_number = true) WHERE index <> file_row_number OR v399 <> sin(index + 399) * 1000"));
        Assert.Equal(Enumerable.Range(0, rows).Sum(Optional) ?? 0, DuckDb.Double($"SELECT coalesce(sum(optional), 0) FROM {DuckDb.File(assembled)}"), 6);
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(assembled)} WHERE (index % 7 = 0) <> (label IS NULL) OR label <> 'node-' || (index % 13)"));
    }

    [Fact]
    public void Assembler_RefusesBytesThatAreNotAOneGroupParquetFile()
    {
        var assembler = new RowGroupAssembler(new MemoryStream());
        Assert.Throws<InvalidDataException>(() => assembler.Append("PAR1 not a footer PAR1"u8));
        Assert.Throws<InvalidOperationException>(assembler.Complete);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
