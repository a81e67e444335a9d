using Parquet;
using Parquet.Schema;
using Simulation.Core.Network;
using Simulation.Scenarios.Output;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>
/// node_timeseries.parquet as our own column-chunk writer encodes it, against the same rows written by
/// Parquet.Net (what the file was before): DuckDB must read the same values in the same order, with the
/// same schema and the same statistics per row group and column.
/// </summary>
public sealed class NodeSeriesEncodingTests
{
    // Not in byte order, with a non-ASCII id (UTF-8 byte order, not UTF-16 order, decides min and max).
    private static readonly string[] SomeNodes = ["mill-b", "brand-z", "Zeta", "ünit-7", "alpha", "mill-a", "yarn-ü", "x"];

    // Groups hold at most 30,840 rows (2 MiB of 68-byte rows) and whole pieces: a replication's rows
    // split evenly into as few pieces as fit, small replications packed together, one page per piece.
    [Theory]
    [InlineData(1, 3, 101, new[] { 303 })]                       // one node (bit width 1); three replications, three pages per chunk
    [InlineData(8, 3, 1_400, new[] { 22_400, 11_200 })]          // two replications fit a group, the third starts the next
    [InlineData(300, 2, 70, new[] { 21_000, 21_000 })]           // 9-bit indices, as apparel's 337 nodes
    [InlineData(40, 2, 1_600, new[] { 21_334, 21_333, 21_333, 21_334, 21_333, 21_333 })] // 64,000 rows a replication: three pieces each
    public async Task OurChunks_ReadBackAsParquetNetsFile(int nodeCount, int replications, int days, int[] groups)
    {
        string[] nodes = [.. Enumerable.Range(0, nodeCount).Select(n => n < SomeNodes.Length ? SomeNodes[n] : $"node-{n:D3}")];
        var series = Enumerable.Range(0, replications).Select(r => Series(nodes, days, seed: r)).ToArray();
        string folder = Folder();
        string ours = Path.Combine(folder, "ours.parquet"), reference = Path.Combine(folder, "parquet-net.parquet");

        await using (var file = await NodeTimeSeriesFile.CreateAsync(ours, CancellationToken.None))
        {
            Assert.Equal(30_840, file.Encoder.RowsPerGroup);
            for (int r = 0; r < replications; r++)
            {
                file.Append(r, series[r]);
            }

            await file.CompleteAsync();
        }

        Assert.Equal(groups.Select(g => (long)g), DuckDb.Query($"SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('{ours}') ORDER BY 1").Select(r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        await WriteWithParquetNet(reference, series, groups);

        long rows = (long)replications * days * nodeCount;
        Assert.Equal(rows, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(ours)}"));
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM (SELECT * FROM {DuckDb.File(ours)} EXCEPT ALL SELECT * FROM {DuckDb.File(reference)})"));
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM (SELECT * FROM {DuckDb.File(reference)} EXCEPT ALL SELECT * FROM {DuckDb.File(ours)})"));
        string numbered(string path) => DuckDb.File(path).Replace("')", "', file_row_number = true)", StringComparison.Ordinal);
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM (SELECT * FROM {numbered(ours)} EXCEPT ALL SELECT * FROM {numbered(reference)})"));
        Assert.Equal(DuckDb.Types(reference), DuckDb.Types(ours));
        Assert.Equal(
            Schema(reference),
            Schema(ours));

        // The same row groups, and per group and column the same count, statistics and codec.
        string metadata = "SELECT row_group_id, path_in_schema, type, num_values, stats_min, stats_max, stats_null_count, stats_min_value, stats_max_value, compression FROM parquet_metadata('{0}') ORDER BY 1, 2";
        var expected = DuckDb.Query(string.Format(metadata, reference));
        var actual = DuckDb.Query(string.Format(metadata, ours));
        Assert.Equal(groups.Length * (3 + NodeTimeSeries.Metrics.Count), actual.Count);
        Assert.Equal(expected.Select(r => string.Join('|', r)), actual.Select(r => string.Join('|', r)));
        Assert.Equal("LZ4_RAW", DuckDb.Scalar($"SELECT DISTINCT compression FROM parquet_metadata('{ours}')"));

        // The node ids are dictionary-encoded (each group: one dictionary page of the ids, then indices).
        Assert.All(
            DuckDb.Query($"SELECT encodings, dictionary_page_offset FROM parquet_metadata('{ours}') WHERE path_in_schema = 'node'"),
            r =>
            {
                Assert.Contains("RLE_DICTIONARY", (string)r[0]!, StringComparison.Ordinal);
                Assert.NotNull(r[1]);
            });
    }

    [Fact]
    public async Task NaN_IsLeftOutOfTheStatistics()
    {
        // 6,000 rows (one group); one NaN among the on_hand values.
        var random = new Random(5);
        double[][] values = [.. NodeTimeSeries.Metrics.Select(_ => Enumerable.Range(0, 6_000).Select(_ => random.NextDouble() * 100).ToArray())];
        double[] onHand = values[NodeTimeSeries.OnHand];
        onHand[17] = double.NaN;
        var series = new NodeTimeSeries([.. Enumerable.Range(0, 2_000).Select(d => (double)d)], ["a", "b", "c"], values, owner: null);
        string path = Path.Combine(Folder(), "nan.parquet");
        await using (var file = await NodeTimeSeriesFile.CreateAsync(path, CancellationToken.None))
        {
            file.Append(0, series);
            await file.CompleteAsync();
        }

        var finite = onHand.Where(v => !double.IsNaN(v)).ToArray();
        var stats = DuckDb.Query($"SELECT stats_min_value, stats_max_value FROM parquet_metadata('{path}') WHERE path_in_schema = 'on_hand'").Single();
        Assert.Equal(finite.Min(), double.Parse((string)stats[0]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(finite.Max(), double.Parse((string)stats[1]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)} WHERE isnan(on_hand)"));
    }

    [Fact]
    public async Task NoSeries_IsAFileOfNoRowsWithTheSchema()
    {
        string path = Path.Combine(Folder(), "empty.parquet");
        await using (var file = await NodeTimeSeriesFile.CreateAsync(path, CancellationToken.None))
        {
            file.Append(0, null);
            await file.CompleteAsync();
        }

        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)}"));
        Assert.Equal(["replication", "day", "node", .. NodeTimeSeries.Metrics], DuckDb.Types(path).Keys);
        Assert.Equal("VARCHAR", DuckDb.Types(path)["node"]);
    }

    [Fact]
    public async Task SeriesEncodedOnManyThreadsAtOnce_ShareOneDictionary_AndReadBackInOrder()
    {
        // Each replication's series has its own (equal) node list, as each replication's result does.
        var encoder = new NodeSeriesEncoder(rowsPerGroup: 1_000);
        var series = Enumerable.Range(0, 64).Select(r => Series([.. SomeNodes], days: 5, seed: r)).ToArray();
        var encoded = new EncodedNodeSeries[series.Length];
        using (var start = new Barrier(4))
        {
            // Threads of their own: all four must be running for the barrier to open.
            var workers = Enumerable.Range(0, 4).Select(worker => new Thread(() =>
            {
                start.SignalAndWait();
                for (int r = worker; r < series.Length; r += 4)
                {
                    encoded[r] = encoder.Encode(r, series[r]);
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }

        Assert.Single(encoded.Select(e => e.Dictionary).Distinct());
        string path = Path.Combine(Folder(), "parallel.parquet");
        await using (var file = await NodeTimeSeriesFile.CreateAsync(path, CancellationToken.None))
        {
            foreach (var e in encoded)
            {
                file.Append(e);
            }

            await file.CompleteAsync();
        }

        Assert.Equal(64L * 5 * SomeNodes.Length, DuckDb.Long($"SELECT count(*) FROM {DuckDb.File(path)}"));
        Assert.Equal(series[37].Values(NodeTimeSeries.OnHand)[13], DuckDb.Double($"SELECT on_hand FROM {DuckDb.File(path)} WHERE replication = 37 AND day = 7 AND node = '{SomeNodes[5]}'"));
    }

    [Fact]
    public async Task SeriesOfOtherNodes_AreRefused()
    {
        string path = Path.Combine(Folder(), "mixed.parquet");
        await using var file = await NodeTimeSeriesFile.CreateAsync(path, CancellationToken.None);
        file.Append(0, Series(["a", "b"], 3, seed: 0));
        var error = Assert.Throws<InvalidOperationException>(() => file.Append(1, Series(["a", "c"], 3, seed: 1)));
        Assert.Contains("same nodes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A series of whole sampled days with values of every sign and size, and exact zeros.</summary>
    private static NodeTimeSeries Series(string[] nodes, int days, int seed)
    {
        var random = new Random(seed);
        double[][] values = [.. NodeTimeSeries.Metrics.Select(_ => Enumerable.Range(0, days * nodes.Length)
            .Select(_ => random.Next(4) == 0 ? 0.0 : (random.NextDouble() - 0.2) * Math.Pow(10, random.Next(7))).ToArray())];
        return new NodeTimeSeries([.. Enumerable.Range(0, days).Select(d => d * 7.0)], nodes, values, owner: null);
    }

    /// <summary>The rows as Parquet.Net writes them: the same columns and codec, groups of <paramref name="groups"/> rows.</summary>
    private static async Task WriteWithParquetNet(string path, NodeTimeSeries[] series, int[] groups)
    {
        var replication = new List<int>();
        var day = new List<int>();
        var node = new List<string>();
        var metrics = NodeTimeSeries.Metrics.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < series.Length; r++)
        {
            var s = series[r];
            for (int row = 0; row < s.Days.Count; row++)
            {
                foreach (string id in s.Nodes)
                {
                    replication.Add(r);
                    day.Add((int)s.Days[row]);
                    node.Add(id);
                }
            }

            for (int m = 0; m < metrics.Length; m++)
            {
                metrics[m].AddRange(s.Values(m).ToArray());
            }
        }

        DataField[] fields = [new DataField<int>("replication", false), new DataField<int>("day", false), new DataField<string>("node", false), .. NodeTimeSeries.Metrics.Select(m => new DataField<double>(m, false))];
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, ParquetColumns.WriterOptions(CompressionMethod.Lz4Raw, System.IO.Compression.CompressionLevel.Fastest));
        Assert.Equal(replication.Count, groups.Sum());
        int start = 0;
        foreach (int count in groups)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], replication.ToArray().AsMemory(start, count));
            await group.WriteAsync<int>(fields[1], day.ToArray().AsMemory(start, count));
            await group.WriteAsync(fields[2], new ArraySegment<string>(node.ToArray(), start, count));
            for (int m = 0; m < metrics.Length; m++)
            {
                await group.WriteAsync<double>(fields[3 + m], metrics[m].ToArray().AsMemory(start, count));
            }

            start += count;
        }
    }

    private static string Folder() => Directory.CreateDirectory(CliHarness.TempFolder()).FullName;

    private static List<string> Schema(string path) =>
        [.. DuckDb.Query($"SELECT name, type, repetition_type, num_children, converted_type, logical_type FROM parquet_schema('{path}')").Select(r => string.Join('|', r))];
}
