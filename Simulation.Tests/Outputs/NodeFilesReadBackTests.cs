using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>nodes.parquet, node_timeseries.parquet and order_events.parquet as DuckDB reads them.</summary>
public sealed class NodeFilesReadBackTests
{
    [Fact]
    public async Task NewFiles_HaveTheDocumentedColumnsAndTypes()
    {
        var scenario = ScenarioLoader.Load(OutputRunFixture.Quickstart, ["horizon_days=60", "warmup_days=10"]);
        string folder = CliHarness.TempFolder();
        await ScenarioRun.ExecuteAsync(scenario, new RunSettings
        {
            OutputDirectory = folder, Replications = 2, Seed = 3, Threads = 2, RecordOrders = true, Report = false, TimeSeriesEveryDays = 7,
        });

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
