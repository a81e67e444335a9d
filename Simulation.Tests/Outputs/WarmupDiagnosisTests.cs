using System.Text.Json;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>
/// The MSER-5 warm-up check end to end: a run whose buyer starts empty warns in manifest.json and
/// report.html; the same run with the suggested warm-up does not (the series, warm-up included, is the
/// same, so the suggestion must clear it).
/// </summary>
public sealed class WarmupDiagnosisTests
{
    private static readonly string[] EmptyStart =
        ["horizon_days=300", "warmup_days=10", "buyers[brand-a].inventory.initial=0"];

    [Fact]
    public async Task EmptyStart_WarnsInManifestAndReport_AndTheSuggestedWarmupClearsIt()
    {
        var scenario = ScenarioLoader.Load(OutputRunFixture.Quickstart, EmptyStart);
        string folder = CliHarness.TempFolder();
        var outcome = await ScenarioRun.ExecuteAsync(scenario, new RunSettings { OutputDirectory = folder, Replications = 4, Seed = 5, Threads = 2 });

        WarmupDiagnosis warmup = outcome.Warmup;
        Assert.True(warmup.BeyondWarmup);
        Assert.InRange(warmup.TruncationDay, 20, 150);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))))
        {
            var diagnosis = manifest.RootElement.GetProperty("warmup_diagnosis");
            Assert.Equal("MSER-5", diagnosis.GetProperty("method").GetString());
            Assert.True(diagnosis.GetProperty("beyond_warmup").GetBoolean());
            Assert.Equal(warmup.SuggestedWarmupDays, diagnosis.GetProperty("suggested_warmup_days").GetDouble());
            Assert.Equal(warmup.FillRateTruncationDay, diagnosis.GetProperty("fill_rate_truncation_day").GetDouble());
        }

        string report = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("id=\"warmup-warning\"", report, StringComparison.Ordinal);
        Assert.Contains(warmup.Warning!.Replace("'", "&#39;", StringComparison.Ordinal)[..40], report, StringComparison.Ordinal);

        var longer = ScenarioLoader.Load(OutputRunFixture.Quickstart, [.. EmptyStart, $"warmup_days={warmup.SuggestedWarmupDays}"]);
        var rerun = await ScenarioRun.ExecuteAsync(longer, new RunSettings { OutputDirectory = CliHarness.TempFolder(), Replications = 4, Seed = 5, Threads = 2, Report = false });
        Assert.False(rerun.Warmup.BeyondWarmup);
        Assert.Null(rerun.Warmup.Warning);
        Assert.Equal(warmup.TruncationDay, rerun.Warmup.TruncationDay);
    }
}
