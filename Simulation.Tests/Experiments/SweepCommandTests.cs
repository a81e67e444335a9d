using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Simulation.Cli;
using Simulation.Tests.Cli;
using Simulation.Tests.Outputs;
using Spectre.Console;

namespace Simulation.Tests.Experiments;

public sealed class SweepCommandTests
{
    [Fact]
    public async Task GridSweep_WritesATypedRowPerPointAndReplication_ReadableWithDuckDb()
    {
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync("sweep", SweepFixture.Grid(), "-o", folder, "--json");
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(12, json.RootElement.GetProperty("points").GetInt32());
            Assert.True(json.RootElement.GetProperty("finished").GetBoolean());
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string sweep = Path.Combine(folder, "sweep.parquet");
        string points = Path.Combine(folder, "points.parquet");
        command.CommandText =
            $"SELECT count(*), count(DISTINCT point), typeof(any_value(suppliers_cmt_01_capacity_per_day)), typeof(any_value(terms)), " +
            $"min(terms), max(terms), count(DISTINCT seed), " +
            $"(SELECT max(abs(p.fill_rate_mean - s.m)) FROM read_parquet('{points}') p JOIN " +
            $"  (SELECT point, avg(fill_rate) m FROM read_parquet('{sweep}') GROUP BY point) s USING (point)) " +
            $"FROM read_parquet('{sweep}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(24L, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        Assert.Equal(12L, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        Assert.Equal("BIGINT", reader.GetString(2));
        Assert.Equal("DOUBLE", reader.GetString(3));
        Assert.Equal(30.0, reader.GetDouble(4));
        Assert.Equal(75.0, reader.GetDouble(5));
        // Common random numbers: replication r has the same seed at every point, so 2 seeds in all.
        Assert.Equal(2L, Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture));
        Assert.True(reader.GetDouble(7) < 1e-12);
        Assert.True(File.Exists(Path.Combine(folder, "charts", "heatmap-fill_rate.png")));
        ChartFonts.AssertAllSans(Path.Combine(folder, "charts"));
    }

    [Fact]
    public async Task GridSweep_IsByteIdentical_WithOneThreadAndWithFour()
    {
        string design = SweepFixture.Grid();
        string one = CliHarness.TempFolder();
        string four = CliHarness.TempFolder();
        var first = await CliHarness.RunAsync("sweep", design, "-o", one, "--threads", "1", "--quiet");
        var second = await CliHarness.RunAsync("sweep", design, "-o", four, "--threads", "4", "--quiet");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        SweepFixture.AssertSameDataset(one, four, "sweep.parquet", "points.parquet", "sweep.json");
    }

    [Fact]
    public async Task FourShardProcesses_ThenMerge_GiveTheBytesOfOneProcess()
    {
        string design = SweepFixture.Grid();
        string single = CliHarness.TempFolder();
        var whole = await CliHarness.RunAsync("sweep", design, "-o", single, "--quiet");
        Assert.True(whole.ExitCode == 0, whole.Error);

        // Each shard writes its own folder, as on machines without a shared file system.
        string[] shardFolders = [.. Enumerable.Range(0, 4).Select(_ => CliHarness.TempFolder())];
        var processes = Enumerable.Range(0, 4)
            .Select(i => SweepFixture.Start("sweep", design, "-o", shardFolders[i], "--shard", $"{i}/4", "--threads", "1", "--quiet"))
            .ToList();
        foreach (var process in processes)
        {
            using (process)
            {
                string stderr = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, stderr);
            }
        }

        Assert.All(shardFolders, f => Assert.False(File.Exists(Path.Combine(f, "sweep.parquet"))));
        Assert.Equal(12, shardFolders.Sum(f => Directory.GetFiles(Path.Combine(f, "parts")).Length));

        string merged = CliHarness.TempFolder();
        var merge = await CliHarness.RunAsync(["merge", merged, .. shardFolders, "--quiet"]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        SweepFixture.AssertSameDataset(single, merged, "sweep.parquet", "points.parquet", "sweep.json");
    }

    [Fact]
    public async Task ShardsSharingOneFolder_MergeInPlace_AndMergeRefusesMissingPoints()
    {
        string design = SweepFixture.Grid();
        string single = CliHarness.TempFolder();
        Assert.Equal(0, (await CliHarness.RunAsync("sweep", design, "-o", single, "--quiet")).ExitCode);

        string shared = CliHarness.TempFolder();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await CliHarness.RunAsync("sweep", design, "-o", shared, "--shard", $"{i}/3", "--quiet")).ExitCode);
            if (i == 1)
            {
                var early = await CliHarness.RunAsync("merge", shared);
                Assert.Equal(2, early.ExitCode);
                Assert.Contains("4 of 12 points are not finished", early.Error, StringComparison.Ordinal);
            }
        }

        Assert.Equal(0, (await CliHarness.RunAsync("merge", shared, "--quiet")).ExitCode);
        SweepFixture.AssertSameDataset(single, shared, "sweep.parquet", "points.parquet");
    }

    [Fact]
    public async Task KilledSweep_ResumesAndEndsByteIdenticalToAnUninterruptedRun()
    {
        // Points of two years, killed after the second: on a busy machine this test's own polling can
        // lag the sweep by several points, and the kill must still come before the twelfth.
        string design = SweepFixture.Grid(horizonDays: 730);
        string reference = CliHarness.TempFolder();
        Assert.Equal(0, (await CliHarness.RunAsync("sweep", design, "-o", reference, "--quiet")).ExitCode);

        string folder = CliHarness.TempFolder();
        string parts = Path.Combine(folder, "parts");
        int finishedAtKill;
        using (var process = SweepFixture.Start("sweep", design, "-o", folder, "--threads", "1", "--quiet"))
        {
            // The sweep runs at the lowest priority so that, on a loaded machine, this polling loop still
            // gets the processor in time to kill it after its second point (it ran all 12 once at load 12).
            process.PriorityClass = ProcessPriorityClass.Idle;

            await SweepFixture.WhenPointsFinished(folder, 2, () => process.HasExited, () => process.Kill(entireProcessTree: true)); // SIGKILL: no chance to clean up
            await process.WaitForExitAsync();
            finishedAtKill = Directory.GetFiles(parts, "*.parquet").Length;
        }

        Assert.InRange(finishedAtKill, 2, 11);
        Assert.False(File.Exists(Path.Combine(folder, "sweep.parquet")));

        var resumed = await CliHarness.RunAsync("sweep", design, "-o", folder, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        using var json = JsonDocument.Parse(resumed.Out);
        Assert.Equal(finishedAtKill, json.RootElement.GetProperty("points_skipped").GetInt32());
        Assert.Equal(12 - finishedAtKill, json.RootElement.GetProperty("points_run").GetInt32());
        SweepFixture.AssertSameDataset(reference, folder, "sweep.parquet", "points.parquet");
    }

    [Fact]
    public async Task CancelledSweep_ExitsWithCode130_SaysHowToResume_AndResumesToTheSameBytes()
    {
        // Points of two years, as in KilledSweep: with 120-day points the whole sweep took about 0.2 s,
        // short enough to end before a loaded machine let the watcher cancel it.
        string design = SweepFixture.Grid(horizonDays: 730);
        string reference = CliHarness.TempFolder();
        Assert.Equal(0, (await CliHarness.RunAsync("sweep", design, "-o", reference, "--quiet")).ExitCode);

        string folder = CliHarness.TempFolder();
        using var cancel = new CancellationTokenSource();
        int sweepEnded = 0; // so that a sweep that fails before its first point cannot leave the watcher polling
        var watcher = SweepFixture.WhenPointsFinished(folder, 1, () => Volatile.Read(ref sweepEnded) != 0, cancel.Cancel);
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No });
        int code = await SimApp.RunAsync(["sweep", design, "-o", folder, "--threads", "1", "--quiet"], new CliContext(console, new StringWriter(), error), cancel.Token);
        Volatile.Write(ref sweepEnded, 1);
        await watcher;

        Assert.Equal(130, code);
        Assert.Contains("run the same command again to resume", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "sweep.parquet")));
        Assert.Equal(0, (await CliHarness.RunAsync("sweep", design, "-o", folder, "--quiet")).ExitCode);
        SweepFixture.AssertSameDataset(reference, folder, "sweep.parquet", "points.parquet");
    }

    [Fact]
    public async Task SobolSweep_WritesIndicesForEveryKpiAndParameter_AndTheirCharts()
    {
        string design = SweepFixture.Design("""
            set: [horizon_days=100]
            design: sobol
            samples: 4
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                range: [600, 1000]
                integer: true
              - path: buyers[brand-a].payment_terms_days
                name: terms
                range: [30, 90]
            replications: 1
            kpis: [fill_rate, total_cost]
            bootstrap: 50
            """);
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync("sweep", design, "-o", folder, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(4 * (2 + 2), json.RootElement.GetProperty("points").GetInt32());
        Assert.Equal(2 * 2, json.RootElement.GetProperty("sensitivity").GetArrayLength());

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT parameter), bool_and(total_ci95_low <= total_ci95_high) FROM read_parquet('{Path.Combine(folder, "sensitivity.parquet")}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(4L, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        Assert.Equal(2L, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        Assert.True(reader.GetBoolean(2));
        Assert.True(File.Exists(Path.Combine(folder, "charts", "sensitivity-total_cost.png")));
        ChartFonts.AssertAllSans(Path.Combine(folder, "charts"));
    }

    [Fact]
    public async Task OneParameterSweep_DrawsResponseCurves()
    {
        string design = SweepFixture.Design("""
            set: [horizon_days=100]
            design: latin_hypercube
            samples: 5
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                range: [600, 1000]
            kpis: [fill_rate]
            """);
        string folder = CliHarness.TempFolder();
        var (code, _, error) = await CliHarness.RunAsync("sweep", design, "-o", folder, "--quiet");
        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(folder, "charts", "response-fill_rate.png")));
        ChartFonts.AssertAllSans(Path.Combine(folder, "charts"));
    }

    [Fact]
    public async Task ChangedDesign_IntoAnExistingSweepFolder_IsRefusedUnlessForced()
    {
        string folder = CliHarness.TempFolder();
        Assert.Equal(0, (await CliHarness.RunAsync("sweep", SweepFixture.Grid(), "-o", folder, "--quiet")).ExitCode);

        var refused = await CliHarness.RunAsync("sweep", SweepFixture.Grid(horizonDays: 130), "-o", folder, "--quiet");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("holds a different sweep", refused.Error, StringComparison.Ordinal);

        var forced = await CliHarness.RunAsync("sweep", SweepFixture.Grid(horizonDays: 130), "-o", folder, "--quiet", "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
    }
}
