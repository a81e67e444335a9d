using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
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
        var point = Assert.Single(result.RootElement.GetProperty("points").EnumerateArray());
        var kpis = point.GetProperty("kpis");
        Assert.Equal("optimal", point.GetProperty("status").GetString());
        Assert.All(point.GetProperty("mix").EnumerateArray(), m => Assert.InRange(m.GetProperty("share").GetDouble(), 0.01, 0.7 + 1e-9));

        string runFolder = CliHarness.TempFolder();
        var run = await CliHarness.RunAsync("run", Path.Combine(folder, "mix.yaml"), "--set", "horizon_days=200", "--out", runFolder, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var summary = JsonDocument.Parse(run.Out);
        double Mean(string kpi) => summary.RootElement.GetProperty("kpis").EnumerateArray()
            .Single(k => k.GetProperty("kpi").GetString() == kpi).GetProperty("mean").GetDouble();

        Assert.Equal(3, summary.RootElement.GetProperty("replications").GetInt32());
        Assert.Equal(1 - Mean("fill_rate"), kpis.GetProperty("shortfall").GetProperty("simulated_mean").GetDouble(), 12);

        // Cost and social risk come from the run's suppliers.parquet: landed cost, and worker-exposure-days
        // of the suppliers that made units, per delivered unit.
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string File(string name) => Path.Combine(runFolder, name).Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $"SELECT avg(landed / delivered_units), avg(exposure / delivered_units) FROM (SELECT replication, sum(landed_cost) AS landed, " +
            $"sum(CASE WHEN units_produced > 0 THEN worker_exposure_days ELSE 0 END) AS exposure FROM read_parquet('{File("suppliers.parquet")}') GROUP BY replication) " +
            $"JOIN read_parquet('{File("kpis.parquet")}') USING (replication)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(reader.GetDouble(0), kpis.GetProperty("cost").GetProperty("simulated_mean").GetDouble(), 12);
        Assert.Equal(reader.GetDouble(1), kpis.GetProperty("social").GetProperty("simulated_mean").GetDouble(), 12);
        double predicted = kpis.GetProperty("cost").GetProperty("predicted").GetDouble();
        Assert.InRange(reader.GetDouble(0), predicted * 0.9, predicted * 1.1);     // the same cost, as the simulation charged it
        Assert.Equal(Mean("co2e_kg_per_unit"), kpis.GetProperty("co2e").GetProperty("simulated_mean").GetDouble(), 12);
    }

    [Fact]
    public async Task Pareto_WritesOneRowPerPoint_ChartsAndAVariantPerMix()
    {
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync(["optimize", Quickstart, "--objective", "cost", "--pareto", "social:3", "--out", folder, .. Short]);

        Assert.True(code == 0, error);
        Assert.Contains("Pareto frontier over social", output, StringComparison.Ordinal);
        Assert.Contains("sim run", output, StringComparison.Ordinal);
        foreach (string file in new[] { "mix.yaml", "pareto.parquet", "charts/frontier.png", "charts/mix-suppliers.png", "charts/mix-regions.png", "points/point-01.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string pareto = Path.Combine(folder, "pareto.parquet").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = "SELECT count(*), CAST(sum(chosen) AS BIGINT), bool_and(predicted_social <= epsilon + 1e-6), " +
            $"bool_and(simulated_cost_ci95_low <= simulated_cost_mean AND simulated_cost_mean <= simulated_cost_ci95_high), max(gap) FROM read_parquet('{pareto}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(3L, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        Assert.True(reader.GetBoolean(2));
        Assert.True(reader.GetBoolean(3));
        Assert.InRange(reader.GetDouble(4), 0, 0.01);
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
        var point = Assert.Single(result.RootElement.GetProperty("points").EnumerateArray());
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
        Assert.Contains("refinement: simulated availability, cost and social risk per supplier fed back", output, StringComparison.Ordinal);
        foreach (string column in new[] { "predicted", "simulated", "re-solved", "share change", "social", "shortfall" })
        {
            Assert.Contains(column, output, StringComparison.Ordinal);
        }

        Assert.Contains("mix of point 1 (mix.yaml)", output, StringComparison.Ordinal);
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
        Assert.Contains("cap cost (currency/unit): requested 1, needs 4.", error, StringComparison.Ordinal);
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
    public async Task BadOptions_ExitWith2_AndSayWhatWasExpected(string option, string value, string message)
    {
        var (code, _, error) = await CliHarness.RunAsync("optimize", Quickstart, option, value, "--out", CliHarness.TempFolder());

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
