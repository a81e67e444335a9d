using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>nodes.parquet, node_timeseries.parquet and order_events.parquet as DuckDB reads them.</summary>
public sealed class NodeFilesReadBackTests
{
    [Fact]
    public async Task NewFiles_HaveTheDocumentedColumnsAndTypes_AndAddUpToTheKpis()
    {
        var scenario = ScenarioLoader.Load(OutputRunFixture.Quickstart, ["horizon_days=60", "warmup_days=10"]);
        string folder = CliHarness.TempFolder();
        var results = new List<Simulation.Core.Network.NetworkRunResult>();
        await ScenarioRun.ExecuteAsync(scenario, new RunSettings
        {
            OutputDirectory = folder, Replications = 2, Seed = 3, Threads = 2, RecordOrders = true, Report = false, TimeSeriesEveryDays = 7,
            ReplicationObserver = results.Add,
        });
        string nodes = DuckDb.File(Path.Combine(folder, "nodes.parquet"));
        string series = DuckDb.File(Path.Combine(folder, "node_timeseries.parquet"));
        string orders = DuckDb.File(Path.Combine(folder, "order_events.parquet"));
        int nodeCount = scenario.Definition!.Nodes.Count;

        // A row per replication and node; summed over the buyers, the KPIs.
        Assert.Equal(2 * nodeCount, DuckDb.Long($"SELECT count(*) FROM {nodes}"));
        foreach (var result in results)
        {
            int r = result.Replication;
            Assert.Equal(result.Kpi("revenue"), DuckDb.Double($"SELECT sum(revenue) FROM {nodes} WHERE replication = {r} AND role = 'buyer'"), 6);
            Assert.Equal(result.Kpi("holding_cost"), DuckDb.Double($"SELECT sum(holding_cost) FROM {nodes} WHERE replication = {r} AND role <> 'supplier'"), 6);
            Assert.Equal(result.Kpi("customer_orders"), DuckDb.Double($"SELECT CAST(sum(customer_orders) AS DOUBLE) FROM {nodes} WHERE replication = {r} AND role = 'buyer'"), 9);
        }

        // The largest file is LZ4-compressed for its CPU time; the others keep Zstd (docs/outputs.md).
        Assert.Equal("LZ4_RAW", DuckDb.Scalar($"SELECT DISTINCT compression FROM parquet_metadata('{Path.Combine(folder, "node_timeseries.parquet")}')"));
        Assert.Equal("ZSTD", DuckDb.Scalar($"SELECT DISTINCT compression FROM parquet_metadata('{Path.Combine(folder, "nodes.parquet")}')"));

        // Days 0, 7, ..., 56 for every node; and every order placed ships and arrives as events.
        Assert.Equal(2L * 9 * nodeCount, DuckDb.Long($"SELECT count(*) FROM {series}"));
        Assert.True(DuckDb.Double($"SELECT sum(units_ordered) FROM {series}") > 0);
        Assert.True(DuckDb.Long($"SELECT count(*) FROM {orders} WHERE event_type = 'order_placed'") > 0);
        Assert.Equal(
            DuckDb.Long($"SELECT count(*) FROM {orders} WHERE event_type = 'customer_ordered'"),
            DuckDb.Long($"SELECT count(*) FROM {orders} WHERE event_type = 'customer_ordered' AND supplier = 'brand-a'") +
            DuckDb.Long($"SELECT count(*) FROM {orders} WHERE event_type = 'customer_ordered' AND supplier <> 'brand-a'"));
        string numbered = orders.Replace("')", "', file_row_number = true)", StringComparison.Ordinal);
        Assert.Equal(0, DuckDb.Long($"SELECT count(*) FROM (SELECT time, lag(time) OVER (PARTITION BY replication ORDER BY file_row_number) AS before FROM {numbered}) WHERE time < before"));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["replication"] = "INTEGER", ["node"] = "VARCHAR", ["role"] = "VARCHAR", ["tier"] = "INTEGER", ["region"] = "VARCHAR",
                ["end_on_hand"] = "DOUBLE", ["mean_on_hand"] = "DOUBLE", ["orders_placed"] = "BIGINT", ["units_ordered"] = "DOUBLE",
                ["orders_received"] = "BIGINT", ["units_received"] = "DOUBLE", ["holding_cost"] = "DOUBLE", ["transport_cost"] = "DOUBLE",
                ["purchase_cost"] = "DOUBLE", ["revenue"] = "DOUBLE", ["customer_orders"] = "BIGINT", ["units_sold"] = "DOUBLE",
                ["lost_units"] = "DOUBLE", ["fill_rate"] = "DOUBLE",
            },
            DuckDb.Types(Path.Combine(folder, "nodes.parquet")));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["replication"] = "INTEGER", ["day"] = "INTEGER", ["node"] = "VARCHAR", ["on_hand"] = "DOUBLE", ["backorders"] = "DOUBLE",
                ["on_order"] = "DOUBLE", ["orders_placed"] = "DOUBLE", ["units_ordered"] = "DOUBLE", ["units_received"] = "DOUBLE",
                ["units_demanded"] = "DOUBLE",
            },
            DuckDb.Types(Path.Combine(folder, "node_timeseries.parquet")));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["replication"] = "INTEGER", ["time"] = "DOUBLE", ["event_type"] = "VARCHAR", ["order_id"] = "BIGINT",
                ["customer"] = "VARCHAR", ["supplier"] = "VARCHAR", ["quantity"] = "DOUBLE",
            },
            DuckDb.Types(Path.Combine(folder, "order_events.parquet")));
    }
}
