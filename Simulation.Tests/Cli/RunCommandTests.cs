using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Simulation.Core.Network;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Cli;

public sealed class RunCommandTests
{
    private static readonly string Quickstart = ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    [Fact]
    public async Task Run_Quickstart_PrintsKpiTableAndWritesParquet()
    {
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync("run", Quickstart, "--replications", "3", "--out", folder, "--set", "horizon_days=200");

        Assert.True(code == 0, error);
        Assert.Contains("Fill rate (%)", output, StringComparison.Ordinal);
        Assert.Contains("95% CI", output, StringComparison.Ordinal);
        foreach (string file in new[] { "kpis.parquet", "summary.parquet", "manifest.json", "scenario.resolved.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }
    }

    [Fact]
    public async Task Run_KpisParquet_ReadsBackWithDuckDb_WithOneTypedRowPerReplication()
    {
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync("run", Quickstart, "-r", "4", "-o", folder, "--json", "--set", "horizon_days=200");
        Assert.True(code == 0, error);

        using var json = JsonDocument.Parse(output);
        double fillRateMean = json.RootElement.GetProperty("kpis").EnumerateArray()
            .Single(k => k.GetProperty("kpi").GetString() == "fill_rate").GetProperty("mean").GetDouble();
        // No social section in quickstart: its social KPIs have n = 0 and null statistics, as in summary.parquet.
        var compliance = json.RootElement.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == "social_compliance_index");
        Assert.Equal(0, compliance.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, compliance.GetProperty("mean").ValueKind);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string kpis = Path.Combine(folder, "kpis.parquet").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $"SELECT count(*), avg(fill_rate), typeof(any_value(fill_rate)), typeof(any_value(replication)) FROM read_parquet('{kpis}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(4L, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        Assert.Equal(fillRateMean, reader.GetDouble(1), 12);
        Assert.Equal("DOUBLE", reader.GetString(2));
        Assert.Equal("INTEGER", reader.GetString(3));
    }

    [Fact]
    public async Task Run_SameSeed_GivesIdenticalBytes_WithOneThreadAndWithAllCores()
    {
        string single = CliHarness.TempFolder();
        string parallel = CliHarness.TempFolder();
        string[] common = ["--replications", "6", "--seed", "7", "--set", "horizon_days=200", "--quiet"];
        var one = await CliHarness.RunAsync(["run", Quickstart, "--threads", "1", "--out", single, .. common]);
        var all = await CliHarness.RunAsync(["run", Quickstart, "--threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), "--out", parallel, .. common]);
        Assert.True(one.ExitCode == 0, one.Error);
        Assert.True(all.ExitCode == 0, all.Error);

        foreach (string file in new[] { "kpis.parquet", "summary.parquet", "scenario.resolved.yaml" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(single, file)), File.ReadAllBytes(Path.Combine(parallel, file)));
        }
    }

    [Fact]
    public async Task Run_ExistingRunFolder_IsRefusedWithExitCode2_UnlessForced()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);

        var refused = await CliHarness.RunAsync("run", Quickstart, "-r", "1", "-o", folder, "--quiet", "--set", "horizon_days=100");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists", refused.Error, StringComparison.Ordinal);

        var forced = await CliHarness.RunAsync("run", Quickstart, "-r", "1", "-o", folder, "--quiet", "--force", "--set", "horizon_days=100");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.True(File.Exists(Path.Combine(folder, "kpis.parquet")));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.partial-*"));
    }

    [Fact]
    public async Task Run_BadScenario_ReportsLocatedErrors_ExitCode2_AndWritesNothing()
    {
        string scenario = Path.Combine(CliHarness.TempFolder() + "-scenario.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Quickstart).Replace("horizon_days:", "horizon_dayz:", StringComparison.Ordinal));
        string folder = CliHarness.TempFolder();

        var (code, _, error) = await CliHarness.RunAsync("run", scenario, "--out", folder);

        Assert.Equal(2, code);
        Assert.Matches(@"-scenario\.yaml:\d+:\d+: error: .*horizon_dayz.*did you mean 'horizon_days'", error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Run_Summary_CoversEveryKpiOfTheCatalogue()
    {
        string folder = CliHarness.TempFolder();
        var (code, output, error) = await CliHarness.RunAsync("run", Quickstart, "-r", "2", "-o", folder, "--json", "--set", "horizon_days=150");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.GetProperty("kpis").EnumerateArray().Select(k => k.GetProperty("kpi").GetString()).ToList();
        Assert.Equal(KpiCatalog.All.Select(k => k.Name), names);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "missing.yaml", "--replications", "abc")]
    [InlineData("frobnicate")]
    public async Task Usage_Errors_ExitWithCode2(params string[] args)
    {
        var (code, _, error) = await CliHarness.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains("error", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Validate_Quickstart_IsValid()
    {
        var (code, output, error) = await CliHarness.RunAsync("validate", Quickstart);
        Assert.True(code == 0, error);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_PrintsJsonSchemaNamingTheTopLevelKeys()
    {
        var (code, output, _) = await CliHarness.RunAsync("schema");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var properties = json.RootElement.GetProperty("properties");
        foreach (string key in new[] { "name", "horizon_days", "regions", "products", "buyers", "suppliers", "supplier_groups", "disruptions" })
        {
            Assert.True(properties.TryGetProperty(key, out _), key);
        }
    }
}
