using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Simulation.Core.Network;
using Simulation.Tests.Cli;
using Simulation.Tests.Examples;
using Simulation.Tests.Outputs;

namespace Simulation.Tests.Experiments;

public sealed class CompareCommandTests
{
    private static readonly string Quickstart = ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    [Fact]
    public async Task Compare_SmallBaseStockChange_PairedCiIsAtMostHalfTheUnpairedWidth()
    {
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync(
            "compare", Quickstart, "--set", "horizon_days=365", "-r", "10", "-o", folder, "--json",
            "--variant", "stock60k", "--set", "buyers[brand-a].inventory.policy.order_up_to=60000");
        Assert.True(code == 0, error);

        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("differences").EnumerateArray().ToList();
        // A small policy change (base stock 58,000 -> 60,000) on the buyer's costs. (Its fill rate is 1 in
        // every replication of both: with a steady-state start the shipped stock never runs out.)
        foreach (string kpi in new[] { "holding_cost", "total_cost", "purchase_cost" })
        {
            var row = rows.Single(r => r.GetProperty("kpi").GetString() == kpi);
            double paired = row.GetProperty("diff_ci95_high").GetDouble() - row.GetProperty("diff_ci95_low").GetDouble();
            double unpaired = row.GetProperty("unpaired_ci95_high").GetDouble() - row.GetProperty("unpaired_ci95_low").GetDouble();
            Assert.True(paired <= 0.5 * unpaired, $"{kpi}: paired CI width {paired} vs unpaired {unpaired}");
            Assert.True(row.GetProperty("variance_reduction").GetDouble() >= 0.75, kpi);
        }

        // Demand is drawn from the buyer's own streams, which its stock policy does not touch:
        // on common random numbers it is identical in every replication.
        var demand = rows.Single(r => r.GetProperty("kpi").GetString() == "demand_units");
        Assert.Equal(0, demand.GetProperty("diff_mean").GetDouble());
        Assert.True(File.Exists(Path.Combine(folder, "charts", "compare.png")));
        ChartFonts.AssertAllSans(Path.Combine(folder, "charts"));
        Assert.True(File.Exists(Path.Combine(folder, "scenarios", "stock60k.resolved.yaml")));
    }

    [Fact]
    public async Task Compare_ParquetReadsBackWithDuckDb_AndKpisPairReplicationsBySeed()
    {
        string variantFile = CliHarness.TempFolder() + "-variant.yaml";
        File.WriteAllText(variantFile, $"extends: {Quickstart}\nbuyers:\n  - id: brand-a\n    payment_terms_days: 45\n");
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync(
            "compare", Quickstart, "--set", "horizon_days=200", "-r", "3", "-o", folder, "--quiet",
            "--variant", $"terms45={variantFile}", "--variant", "cap900", "--set", "suppliers[cmt-01].capacity_per_day=900");
        Assert.True(code == 0, error);
        Assert.Equal(folder, output.Trim());

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string compare = Path.Combine(folder, "compare.parquet");
        string kpis = Path.Combine(folder, "kpis.parquet");
        command.CommandText =
            $"SELECT (SELECT count(*) FROM read_parquet('{compare}')), " +
            $"(SELECT count(DISTINCT variant) FROM read_parquet('{compare}')), " +
            $"(SELECT count(*) FROM read_parquet('{kpis}')), " +
            $"(SELECT count(DISTINCT seed) FROM read_parquet('{kpis}')), " +
            $"(SELECT max(abs(c.diff_mean - (v.m - b.m))) FROM read_parquet('{compare}') c, " +
            $"  (SELECT avg(total_cost) m FROM read_parquet('{kpis}') WHERE variant = 'base') b, " +
            $"  (SELECT avg(total_cost) m FROM read_parquet('{kpis}') WHERE variant = 'cap900') v " +
            $"  WHERE c.variant = 'cap900' AND c.kpi = 'total_cost')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(2L * KpiCatalog.All.Count, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        Assert.Equal(2L, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        Assert.Equal(9L, Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        Assert.Equal(3L, Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture));
        Assert.True(reader.GetDouble(4) < 1e-6);
    }

    [Theory]
    [InlineData("no variant")]
    [InlineData("--variant", "base", "--set", "horizon_days=100")]
    [InlineData("--variant", "a", "--variant", "a")]
    [InlineData("--variant", "bad name")]
    public async Task Compare_BadVariants_ExitWithCode2(params string[] variantArguments)
    {
        string[] extra = variantArguments[0] == "no variant" ? [] : variantArguments;
        var (code, _, error) = await CliHarness.RunAsync(["compare", Quickstart, "-o", CliHarness.TempFolder(), .. extra]);
        Assert.Equal(2, code);
        Assert.Contains("variant", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Compare_VariantOverrideError_IsLocatedAndNamesTheVariant()
    {
        string folder = CliHarness.TempFolder();
        var (code, _, error) = await CliHarness.RunAsync(
            "compare", Quickstart, "-o", folder, "--variant", "typo", "--set", "suppliers[cmt-01].capacity_per_dy=900");
        Assert.Equal(2, code);
        Assert.Contains("typo: 1 error(s)", error, StringComparison.Ordinal);
        Assert.Contains("capacity_per_day", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }
}
