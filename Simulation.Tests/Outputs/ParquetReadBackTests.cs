using System.Globalization;
using System.Text.Json;
using Simulation.Core.Network;

namespace Simulation.Tests.Outputs;

/// <summary>Every Parquet file of a run, read back with DuckDB and checked against the same replications run in memory.</summary>
[Collection(SharedOutputRun.Name)]
public sealed class ParquetReadBackTests(OutputRunFixture run)
{
    private string F(string name) => DuckDb.File(Path.Combine(run.Folder, name));

    [Fact]
    public void TimeSeries_HasOneTypedRowPerReplicationAndSampledDay_WithCalendarDates()
    {
        int rowsPerReplication = (OutputRunFixture.Horizon / OutputRunFixture.Every) + 1;
        Assert.Equal(OutputRunFixture.Replications * rowsPerReplication, DuckDb.Long($"SELECT count(*) FROM {F("timeseries.parquet")}"));

        var types = DuckDb.Types(Path.Combine(run.Folder, "timeseries.parquet"));
        Assert.Equal("INTEGER", types["replication"]);
        Assert.Equal("INTEGER", types["day"]);
        Assert.Equal("DATE", types["date"]);
        foreach (var metric in TimeSeriesCatalog.All)
        {
            Assert.Equal("DOUBLE", types[metric.Name]);
        }

        // Day 0 is the scenario's start date (2026-01-01); rows are 7 days apart.
        Assert.Equal(0L, DuckDb.Long($"SELECT count(*) FROM {F("timeseries.parquet")} WHERE date <> DATE '2026-01-01' + day::INTEGER"));
        Assert.Equal(
            OutputRunFixture.Every * (rowsPerReplication - 1),
            DuckDb.Long($"SELECT max(day) FROM {F("timeseries.parquet")} WHERE replication = 3"));
    }

    [Fact]
    public void TimeSeries_ValuesEqualTheInMemoryResults()
    {
        foreach (string metric in new[] { "cost", "fill_rate", "active_suppliers_tier_1", "co2e_kg", "suppliers_in_stress" })
        {
            var rows = DuckDb.Query($"SELECT replication, day, {metric} FROM {F("timeseries.parquet")} ORDER BY replication, day");
            int i = 0;
            for (int r = 0; r < OutputRunFixture.Replications; r++)
            {
                var series = run.InMemory[r].Result.Daily;
                var column = series.Column(metric);
                for (int k = 0; k < series.Days.Count; k++, i++)
                {
                    Assert.Equal(r, Convert.ToInt32(rows[i][0], CultureInfo.InvariantCulture));
                    Assert.Equal(series.Days[k], Convert.ToDouble(rows[i][1], CultureInfo.InvariantCulture));
                    Assert.Equal(column[k], (double)rows[i][2]!);
                }
            }

            Assert.Equal(rows.Count, i);
        }
    }

    [Fact]
    public void Suppliers_HaveARowPerReplicationAndSupplier_MatchingTheOutcomes()
    {
        string file = Path.Combine(run.Folder, "suppliers.parquet");
        var expected = run.InMemory.SelectMany((x, r) => x.Result.Suppliers.Select(s => (Replication: r, Outcome: s))).ToList();
        var rows = DuckDb.Query($"SELECT replication, supplier_id, tier, region, size, final_state, exit_day, exit_cause, units_produced, revenue, final_cash, liquidity_stress_days, disrupted_days, units_to_buyers, landed_cost, worker_exposure_days FROM {DuckDb.File(file)}");
        Assert.Equal(expected.Count, rows.Count);
        Assert.True(expected.Any(e => !e.Outcome.Active), "the fixture run should see at least one exit");
        for (int i = 0; i < rows.Count; i++)
        {
            var (r, s) = expected[i];
            var row = rows[i];
            Assert.Equal(r, Convert.ToInt32(row[0], CultureInfo.InvariantCulture));
            Assert.Equal(s.Id, row[1]);
            Assert.Equal(s.Tier, Convert.ToInt32(row[2], CultureInfo.InvariantCulture));
            Assert.Equal(s.RegionId, row[3]);
            Assert.Equal(s.Size.ToString().ToLowerInvariant(), row[4]);
            Assert.Equal(s.Active ? "active" : "exited", row[5]);
            Assert.Equal(s.ExitDay, row[6] is null ? null : (double)row[6]!);
            Assert.Equal(s.ExitCause, row[7]);
            Assert.Equal(s.UnitsProduced, (double)row[8]!);
            Assert.Equal(s.Revenue, (double)row[9]!);
            Assert.Equal(s.FinalCash, (double)row[10]!);
            Assert.Equal(s.LiquidityStressDays, (double)row[11]!);
            Assert.Equal(s.DisruptedDays, (double)row[12]!);
            Assert.Equal(s.UnitsToBuyers, (double)row[13]!);
            Assert.Equal(s.LandedCost, (double)row[14]!);
            Assert.Equal(s.WorkerExposureDays, (double)row[15]!);
        }

        // Summed per replication in DuckDB, the landed cost is what the buyers paid for purchases and transport.
        var sums = DuckDb.Query($"SELECT replication, sum(landed_cost), sum(units_to_buyers) FROM {DuckDb.File(file)} GROUP BY replication ORDER BY replication");
        Assert.Equal(OutputRunFixture.Replications, sums.Count);
        for (int r = 0; r < sums.Count; r++)
        {
            var result = run.InMemory[r].Result;
            double paid = result.Kpi("purchase_cost") + result.Kpi("logistics_cost");
            Assert.True(paid > 0);
            Assert.Equal(paid, (double)sums[r][1]!, tolerance: paid * 1e-12);
            Assert.True((double)sums[r][2]! > 0);
        }

        var types = DuckDb.Types(file);
        Assert.Equal("INTEGER", types["tier"]);
        Assert.Equal("VARCHAR", types["supplier_id"]);
        Assert.Equal("DOUBLE", types["exit_day"]);
        Assert.Equal("DOUBLE", types["units_produced"]);
        Assert.Equal("DOUBLE", types["landed_cost"]);
        Assert.Equal("DOUBLE", types["worker_exposure_days"]);
    }

    [Fact]
    public void Events_AreTheRecordedEvents_InReplicationAndTimeOrder()
    {
        string file = Path.Combine(run.Folder, "events.parquet");
        var expected = run.InMemory.SelectMany((x, r) => x.Events.Select(e => (Replication: r, Event: e))).ToList();
        var rows = DuckDb.Query($"SELECT replication, time, entity, event_type, value, detail FROM {DuckDb.File(file)}");
        Assert.Equal(expected.Count, rows.Count);
        Assert.Contains(expected, e => e.Event.Type == NetworkEventTypes.SupplierExit);
        Assert.Contains(expected, e => e.Event.Type == NetworkEventTypes.DisruptionStart);
        for (int i = 0; i < rows.Count; i++)
        {
            var (r, e) = expected[i];
            Assert.Equal(r, Convert.ToInt32(rows[i][0], CultureInfo.InvariantCulture));
            Assert.Equal(e.Time, (double)rows[i][1]!);
            Assert.Equal(e.Entity, rows[i][2]);
            Assert.Equal(e.Type, rows[i][3]);
            Assert.Equal(e.Value, (double)rows[i][4]!);
            Assert.Equal(e.Detail, rows[i][5]);
        }

        var types = DuckDb.Types(file);
        Assert.Equal("INTEGER", types["replication"]);
        Assert.Equal("DOUBLE", types["time"]);
        Assert.Equal("VARCHAR", types["event_type"]);

        // Every exit in suppliers.parquet has its event, on the same day.
        Assert.Equal(0L, DuckDb.Long($"""
            SELECT count(*) FROM {F("suppliers.parquet")} s
            WHERE s.final_state = 'exited' AND NOT EXISTS (
              SELECT 1 FROM {F("events.parquet")} e
              WHERE e.replication = s.replication AND e.entity = s.supplier_id AND e.event_type = 'supplier_exit' AND e.time = s.exit_day AND e.detail = s.exit_cause)
            """));
    }

    [Fact]
    public void KpisAndSummary_MatchTheInMemoryKpis_WithNullsForThePartsQuickstartDoesNotModel()
    {
        var names = KpiCatalog.All.Select(k => k.Name).ToArray();
        // Quickstart has no social section: its social KPIs are null (the rule the table and report
        // use to hide them), everything else is the in-memory value. Its regions offer credit, so
        // financing_cost is a number.
        var shown = Simulation.Scenarios.Reporting.KpiPresentation.ForFolder(run.Folder);
        bool[] applies = [.. KpiCatalog.All.Select(k => shown.Applies(k.Name))];
        Assert.Equal(KpiCatalog.All.Where(k => k.Group == KpiGroup.Social).Select(k => k.Name), KpiCatalog.All.Where(k => k.Group == KpiGroup.Social && !shown.Applies(k.Name)).Select(k => k.Name));
        Assert.True(shown.Applies("financing_cost") && shown.Applies("fill_rate"));
        var rows = DuckDb.Query($"SELECT {string.Join(", ", names)} FROM {F("kpis.parquet")} ORDER BY replication");
        Assert.Equal(OutputRunFixture.Replications, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var expected = run.InMemory[r].Result.KpiValues.Select((v, k) => applies[k] ? v : (double?)null);
            Assert.Equal(expected, rows[r].Select(v => (double?)v));
        }

        var types = DuckDb.Types(Path.Combine(run.Folder, "kpis.parquet"));
        Assert.All(names, n => Assert.Equal("DOUBLE", types[n]));
        Assert.Equal(0L, DuckDb.Long($"SELECT count(*) FROM {F("kpis.parquet")} WHERE social_compliance_index IS NOT NULL OR worker_exposure_days IS NOT NULL OR audit_cost IS NOT NULL"));
        Assert.Equal(0L, DuckDb.Long($"SELECT count(*) FROM {F("kpis.parquet")} WHERE fill_rate IS NULL OR fill_rate <= 0.5 OR financing_cost IS NULL"));

        var summary = DuckDb.Query($"SELECT kpi, n, mean, sd, ci95_low, ci95_high, p5, p50, p95 FROM {F("summary.parquet")}");
        Assert.Equal(names, summary.Select(s => (string)s[0]!));
        for (int k = 0; k < names.Length; k++)
        {
            int n = Convert.ToInt32(summary[k][1], CultureInfo.InvariantCulture);
            if (!applies[k])
            {
                Assert.Equal(0, n);
                Assert.All(summary[k][2..], Assert.Null);
                continue;
            }

            double mean = run.InMemory.Average(x => x.Result.KpiValues[k]);
            Assert.Equal(OutputRunFixture.Replications, n);
            Assert.Equal(mean, (double)summary[k][2]!, 1e-12 * Math.Max(1, Math.Abs(mean)));
        }
    }

    [Fact]
    public void Manifest_RecordsProvenance()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Folder, "manifest.json")));
        var m = json.RootElement;
        Assert.Equal(run.Scenario.ScenarioHash, m.GetProperty("scenario_hash").GetString());
        Assert.Equal(OutputRunFixture.Seed, m.GetProperty("master_seed").GetUInt64());
        Assert.Equal(
            run.InMemory.Select(x => x.Result.Seed),
            m.GetProperty("replication_seeds").EnumerateArray().Select(s => s.GetUInt64()));
        Assert.Equal(2, m.GetProperty("threads").GetInt32());
        Assert.Equal("sim run quickstart.yaml (test)", m.GetProperty("command_line").GetString());
        Assert.False(string.IsNullOrEmpty(m.GetProperty("tool_version").GetString()));
        Assert.True(m.GetProperty("finished_utc").GetDateTimeOffset() >= m.GetProperty("started_utc").GetDateTimeOffset());
        Assert.True(m.GetProperty("wall_seconds").GetDouble() > 0);
        Assert.Equal(OutputRunFixture.Every, m.GetProperty("timeseries_every_days").GetInt32());

        // The file list names exactly what is in the folder.
        var listed = m.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToHashSet();
        var present = Directory.EnumerateFiles(run.Folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(run.Folder, f).Replace(Path.DirectorySeparatorChar, '/')).ToHashSet();
        Assert.Equal(present, listed);
        Assert.Contains("events.parquet", listed);
    }
}
