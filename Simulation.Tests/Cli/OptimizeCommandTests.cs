using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Simulation.Core.Optimization;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Cli;

public sealed class OptimizeCommandTests
{
    private static readonly string Quickstart = ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    /// <summary>A short horizon keeps each simulation check to well under a second.</summary>
    private static readonly string[] Short = ["--set", "horizon_days=200", "--scenarios", "30", "--replications", "3"];

    [Fact]
    public async Task Optimize_ThenRunOfMixYaml_ReproducesTheSimulatedFigures()
    {
        string folder = CliHarness.TempFolder();
        var optimize = await CliHarness.RunAsync(["optimize", Quickstart, "--objective", "cost", "--max-share", "0.7", "--out", folder, "--json", .. Short]);
        Assert.True(optimize.ExitCode == 0, optimize.Error);
        using var result = JsonDocument.Parse(optimize.Out);
        var points = result.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal("baseline", points[0].GetProperty("variant").GetString());   // today's mix first
        Assert.Equal(0.6, points[0].GetProperty("mix").EnumerateArray().Single(m => m.GetProperty("supplier").GetString() == "cmt-01").GetProperty("share").GetDouble(), 12);
        var point = points[1];
        var kpis = point.GetProperty("kpis");
        Assert.Equal("optimal", point.GetProperty("status").GetString());
        Assert.Equal(
            point.GetProperty("breaks_caps").GetBoolean() || point.GetProperty("worse_than_baseline").GetBoolean(),
            result.RootElement.GetProperty("no_safe_recommendation").GetBoolean());
        Assert.All(point.GetProperty("mix").EnumerateArray(), m => Assert.InRange(m.GetProperty("share").GetDouble(), 0.01, 0.7 + 1e-9));

        // The folder moved elsewhere: mix.yaml still runs (it extends the scenario by its absolute path).
        string moved = CliHarness.TempFolder();
        Directory.Move(folder, moved);
        string runFolder = CliHarness.TempFolder();
        var run = await CliHarness.RunAsync("run", Path.Combine(moved, "mix.yaml"), "--set", "horizon_days=200", "--out", runFolder, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var summary = JsonDocument.Parse(run.Out);
        double Mean(string kpi) => summary.RootElement.GetProperty("kpis").EnumerateArray()
            .Single(k => k.GetProperty("kpi").GetString() == kpi).GetProperty("mean").GetDouble();

        Assert.Equal(3, summary.RootElement.GetProperty("replications").GetInt32());
        Assert.Equal(1 - Mean("fill_rate"), kpis.GetProperty("shortfall").GetProperty("simulated_mean").GetDouble(), 12);

        // Cost and social risk come from the run's suppliers.parquet: landed cost plus the margin of the
        // sales lost (selling price 12 less the landed cost per delivered unit), per unit of demand; and
        // worker-exposure-days of the suppliers that made units, per delivered unit.
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string File(string name) => Path.Combine(runFolder, name).Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $"SELECT avg((landed + greatest(0, demand_units - delivered_units) * greatest(0, 12 - landed / delivered_units)) / demand_units), avg(exposure / delivered_units) FROM (SELECT replication, sum(landed_cost) AS landed, " +
            $"sum(CASE WHEN units_produced > 0 THEN worker_exposure_days ELSE 0 END) AS exposure FROM read_parquet('{File("suppliers.parquet")}') GROUP BY replication) " +
            $"JOIN read_parquet('{File("kpis.parquet")}') USING (replication)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(reader.GetDouble(0), kpis.GetProperty("cost").GetProperty("simulated_mean").GetDouble(), 12);
        Assert.Equal(reader.GetDouble(1), kpis.GetProperty("social").GetProperty("simulated_mean").GetDouble(), 12);
        double predicted = kpis.GetProperty("cost").GetProperty("predicted").GetDouble();
        Assert.InRange(reader.GetDouble(0), predicted * 0.8, predicted * 1.25);     // the same definition, as the simulation charged it
        Assert.Equal(Mean("co2e_kg_per_unit"), kpis.GetProperty("co2e").GetProperty("simulated_mean").GetDouble(), 12);

        // mix.parquet: a row per buyer and supplier with the share before (today's 0.6 / 0.1 x 4) and after.
        reader.Close();
        string mixFile = Path.Combine(moved, "mix.parquet").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $"SELECT sum(share_before), sum(share_after), max(CASE WHEN supplier = 'cmt-01' THEN share_before END), count(*) FROM read_parquet('{mixFile}')";
        using var mix = command.ExecuteReader();
        Assert.True(mix.Read());
        Assert.Equal(1, mix.GetDouble(0), 9);
        Assert.Equal(1, mix.GetDouble(1), 6);
        Assert.Equal(0.6, mix.GetDouble(2), 12);
        Assert.Equal(5L, Convert.ToInt64(mix.GetValue(3), CultureInfo.InvariantCulture));

        using var manifest = JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(Path.Combine(moved, "manifest.json")));
        Assert.Equal("optimize", manifest.RootElement.GetProperty("kind").GetString());
        Assert.StartsWith("SCIP via Google OR-Tools", manifest.RootElement.GetProperty("solver").GetString(), StringComparison.Ordinal);
        Assert.Equal(1e-4, manifest.RootElement.GetProperty("gap").GetDouble(), 12);
        Assert.Equal(42UL, manifest.RootElement.GetProperty("seed").GetUInt64());
        Assert.True(manifest.RootElement.GetProperty("timings_seconds").GetProperty("simulate").GetDouble() > 0);
    }

    [Theory]
    [InlineData(80, 2)]    // a pipe: levels, then the paired differences, in two tables
    [InlineData(160, 1)]   // a wide terminal: one table
    public async Task PointsTable_FitsTheConsole_WithoutBreakingACell(int width, int tables)
    {
        var (code, output, error) = await CliHarness.RunAtWidthAsync(width, ["optimize", Quickstart, "--objective", "cost", "--out", CliHarness.TempFolder(), .. Short]);

        Assert.True(code == 0, error);
        string[] lines = output.Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length}: {line}"));
        Assert.Equal(tables, lines.Count(l => l.StartsWith("│ point", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("Units: cost currency/unit;", StringComparison.Ordinal));

        // Each KPI row of today's mix and of point 1, once per table; a wrapped cell would add a row
        // with no KPI name but text in another cell.
        string[] names = [.. SourcingKpis.All.Select(SourcingKpis.Name)];
        var rows = lines.TakeWhile(l => !l.Contains("mix of point", StringComparison.Ordinal))
            .Where(l => l.StartsWith('│') && !l.StartsWith("│ point", StringComparison.Ordinal))
            .Select(l => l.Split('│', StringSplitOptions.TrimEntries)[1..^1])
            .Where(cells => cells.Any(c => c.Length > 0))
            .ToList();
        Assert.All(rows, cells => Assert.Contains(cells[1], names));
        Assert.Equal(names.Length * (tables == 1 ? 2 : 3), rows.Count);   // today and point 1; the differences table has no today
        Assert.All(rows.Where(c => c[0] == "today"), cells => Assert.Matches(@"^\[[-0-9.E+]+, [-0-9.E+]+\]$", cells[4]));
    }

    [Fact]
    public async Task Page_ShowsLevelIntervals_ClippedToTheKpisRange()
    {
        // The full quickstart: today's shortfall is rare enough that its normal-theory CI starts below 0.
        string folder = CliHarness.TempFolder();
        var (code, _, error) = await CliHarness.RunAsync(["optimize", Quickstart, "--objective", "cost", "--out", folder]);
        Assert.True(code == 0, error);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT simulated_shortfall_ci95_low, simulated_shortfall_ci95_high FROM read_parquet('{Path.Combine(folder, "pareto.parquet").Replace("'", "''", StringComparison.Ordinal)}') WHERE variant = 'baseline'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.GetDouble(0) < 0, "pareto.parquet keeps the raw bound, here below 0");
        string high = reader.GetDouble(1).ToString("G4", CultureInfo.InvariantCulture);

        string page = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        var row = System.Text.RegularExpressions.Regex.Match(page, "<tr class=\"baseline\" data-point=\"today\"><td></td><td>shortfall</td>(<td[^>]*>[^<]*</td>){3}");
        Assert.True(row.Success, "today's shortfall row");
        Assert.Equal($"[0, {high}]", row.Groups[1].Value[(row.Groups[1].Value.IndexOf('>') + 1)..^"</td>".Length]);
    }

    [Fact]
    public async Task Pareto_WritesOneRowPerPoint_ChartsAndAVariantPerMix()
    {
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync(["optimize", Quickstart, "--objective", "cost", "--pareto", "social:3", "--out", folder, .. Short]);

        Assert.True(code == 0, error);
        Assert.Contains("Pareto frontier over social", output, StringComparison.Ordinal);
        Assert.Contains("sim run", output, StringComparison.Ordinal);
        foreach (string file in new[] { "mix.yaml", "mix.parquet", "manifest.json", "report.html", "pareto.parquet", "charts/frontier.png", "charts/predicted-simulated.png", "charts/mix-suppliers.png", "charts/mix-regions.png", "points/point-01.yaml", "points/baseline/kpis.parquet" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string pareto = Path.Combine(folder, "pareto.parquet").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = "SELECT count(*), CAST(sum(chosen) AS BIGINT), bool_and(predicted_social <= epsilon + 1e-6), " +
            "bool_and(simulated_cost_ci95_low <= simulated_cost_mean AND simulated_cost_mean <= simulated_cost_ci95_high), max(gap), " +
            "bool_and(abs(diff_cost_mean - (simulated_cost_mean - (SELECT simulated_cost_mean FROM p WHERE variant = 'baseline'))) < 1e-9), " +
            "bool_and(worse_than_baseline = (diff_cost_ci95_low > 0 OR diff_shortfall_ci95_low > 999)) " +
            $"FROM p WHERE variant <> 'baseline'";
        command.CommandText = $"WITH p AS (SELECT * FROM read_parquet('{pareto}')) " + command.CommandText;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        long distinct = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        Assert.InRange(distinct, 1, 3);
        Assert.Equal(1L, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        Assert.True(reader.GetBoolean(2));
        Assert.True(reader.GetBoolean(3));
        Assert.InRange(reader.GetDouble(4), 0, 1e-4);
        Assert.True(reader.GetBoolean(5), "each difference is the point's simulated mean less today's");
        Assert.True(reader.GetBoolean(6), "worse_than_baseline is the objective's paired CI above 0 (no caps here)");
        if (distinct < 3)
        {
            // The console wraps long lines at word boundaries.
            string flat = string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"3 frontier points were asked for; {distinct} distinct mixes remain", flat, StringComparison.Ordinal);
        }

        reader.Close();
        command.CommandText = $"SELECT point, variant, label FROM read_parquet('{pareto}') LIMIT 1";
        using var first = command.ExecuteReader();
        Assert.True(first.Read());
        Assert.Equal((0, "baseline", "today"), (Convert.ToInt32(first.GetValue(0), CultureInfo.InvariantCulture), first.GetString(1), first.GetString(2)));

        string page = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.Contains("id=\"verdict\"", page, StringComparison.Ordinal);
        Assert.Contains("data-point=\"today\"", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"frontier\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http", page, StringComparison.Ordinal);
        Assert.Equal(page, Simulation.Scenarios.Optimization.OptimizeReportPage.Render(folder));   // rendered again from the files alone

        // `sim report` on the optimize folder rewrites the same page.
        File.Delete(Path.Combine(folder, "report.html"));
        var (reportCode, _, reportError) = await CliHarness.RunAsync("report", folder, "--quiet");
        Assert.True(reportCode == 0, reportError);
        Assert.Equal(page, await File.ReadAllTextAsync(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public async Task ProgrammeBudget_EnrolsWhatItPaysFor_AndTheMixYamlRunsTheEnrolment()
    {
        // smart-mix's SCORE programme costs 700 a month; a year's enrolment over the 2-year measured
        // window (day 60 to 790) costs 700 / 30.4375 x 305 / 730 x 365 = 3,507 a year, so 4,000 pays for one.
        string folder = CliHarness.TempFolder();
        string smartMix = ReadmeExampleTests.RepoFile("scenarios/smart-mix.yaml");
        var optimize = await CliHarness.RunAsync(["optimize", smartMix, "--objective", "social", "--programme-budget", "4000",
            "--set", "horizon_days=790", "--scenarios", "30", "--replications", "2", "--out", folder, "--json"]);
        Assert.True(optimize.ExitCode == 0, optimize.Error);
        using var result = JsonDocument.Parse(optimize.Out);
        var point = result.RootElement.GetProperty("points").EnumerateArray().Last();
        var enrolment = Assert.Single(point.GetProperty("enrolments").EnumerateArray());
        Assert.Equal("score", enrolment.GetProperty("programme").GetString());
        Assert.Equal(700 / 30.4375 * 305 / 730 * 365, enrolment.GetProperty("cost_per_year").GetDouble(), 6);

        string supplier = enrolment.GetProperty("supplier").GetString()!;
        string mix = await File.ReadAllTextAsync(Path.Combine(folder, "mix.yaml"));
        Assert.Contains("- {id: 'score', target: {min_tier: 2}, max_suppliers: 3}", mix, StringComparison.Ordinal);
        Assert.Contains($"target: {{suppliers: ['{supplier}']}}", mix, StringComparison.Ordinal);

        var run = await CliHarness.RunAsync("run", Path.Combine(folder, "mix.yaml"), "--set", "horizon_days=790", "--out", CliHarness.TempFolder(), "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var summary = JsonDocument.Parse(run.Out);
        double programmeCost = summary.RootElement.GetProperty("kpis").EnumerateArray()
            .Single(k => k.GetProperty("kpi").GetString() == "programme_cost").GetProperty("mean").GetDouble();
        Assert.True(programmeCost >= 700 / 30.4375 * 305, $"the chosen supplier's enrolment after the warm-up alone costs 7,014; got {programmeCost}");
    }

    [Fact]
    public async Task Refine_FeedsTheSimulationBack_EndsWithAMix_AndPrintsPredictedAgainstSimulated()
    {
        // smart-mix has a social section: violations, audits and certification premiums, so cost and
        // social risk are fed back as well as availability.
        string folder = CliHarness.TempFolder();
        string smartMix = ReadmeExampleTests.RepoFile("scenarios/smart-mix.yaml");
        var (code, output, error) = await CliHarness.RunAsync(
            "optimize", smartMix, "--objective", "cost", "--refine", "2", "--set", "horizon_days=250", "--scenarios", "20", "--replications", "2", "--out", folder);

        Assert.True(code == 0, error);
        Assert.Contains("refinement: simulated supply, cost, social risk, tail, exits fed back", output, StringComparison.Ordinal);
        foreach (string column in new[] { "predicted", "simulated", "re-solved", "share change", "social", "shortfall" })
        {
            Assert.Contains(column, output, StringComparison.Ordinal);
        }

        Assert.Contains("mix of point ", output, StringComparison.Ordinal);
        Assert.True(output.Contains("NO SAFE RECOMMENDATION", StringComparison.Ordinal) || output.Contains("meets its caps in simulation", StringComparison.Ordinal),
            "the verdict leads the output");
        Assert.True(File.Exists(Path.Combine(folder, "mix.yaml")));
        Assert.True(File.Exists(Path.Combine(folder, "points/refine-01.yaml")));
        Assert.Contains("sources:", await File.ReadAllTextAsync(Path.Combine(folder, "mix.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfeasibleCaps_ExitWith2_NamingTheBindingConstraint_AndWriteNothing()
    {
        string folder = CliHarness.TempFolder();
        var (code, _, error) = await CliHarness.RunAsync(["optimize", Quickstart, "--cap", "cost=1", "--out", folder, .. Short]);

        Assert.Equal(2, code);
        Assert.Contains("No mix meets every constraint", error, StringComparison.Ordinal);
        Assert.Contains("--cap cost 1 cannot be met; the lowest reachable is 4.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("capacity of", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task ProgrammeBudget_OnAScenarioWithoutProgrammes_ExitsWith2_SayingSo()
    {
        var (code, _, error) = await CliHarness.RunAsync("optimize", Quickstart, "--programme-budget", "1000", "--out", CliHarness.TempFolder());

        Assert.Equal(2, code);
        Assert.Contains("--programme-budget needs capacity-building programmes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pareto", "co2e", "expected kpi:points")]
    [InlineData("--cap", "carbon=2", "unknown KPI 'carbon'")]
    [InlineData("--objective", "profit", "unknown KPI 'profit'")]
    [InlineData("--certification-premium", "NaN", "must be finite and >= 0, got 0, NaN and 0.")]
    [InlineData("--compliance-cost", "Infinity", "must be finite and >= 0, got 0, 0 and Infinity.")]
    [InlineData("--relationship-cost", "-5", "must be finite and >= 0, got -5, 0 and 0.")]
    [InlineData("--period-days", "0", "The period length must be positive, got 0 days.")]
    public async Task BadOptions_ExitWith2_AndSayWhatWasExpected(string option, string value, string message)
    {
        var (code, _, error) = await CliHarness.RunAsync("optimize", Quickstart, option, value, "--out", CliHarness.TempFolder());

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal); // the engine's argument names mean nothing to the user
    }
}
