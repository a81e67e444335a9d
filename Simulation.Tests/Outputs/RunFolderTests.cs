using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>Streaming outputs: the same bytes for any thread count, and nothing complete-looking after a cancelled run.</summary>
public sealed class RunFolderTests
{
    [Fact]
    public async Task StreamedFiles_AreIdenticalBytes_WithOneAndTwoThreads()
    {
        var scenario = ScenarioLoader.Load(OutputRunFixture.Quickstart, ["horizon_days=200"]);
        string one = CliHarness.TempFolder();
        string two = CliHarness.TempFolder();
        foreach (var (folder, threads) in new[] { (one, 1), (two, 2) })
        {
            await ScenarioRun.ExecuteAsync(scenario, new RunSettings
            {
                OutputDirectory = folder, Replications = 7, Seed = 3, Threads = threads, RecordEvents = true, Report = false,
            });
        }

        foreach (string file in new[] { "timeseries.parquet", "suppliers.parquet", "events.parquet", "kpis.parquet", "summary.parquet" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, file)), File.ReadAllBytes(Path.Combine(two, file)));
        }
    }

    [Fact]
    public async Task CancelledMidway_LeavesNoRunFolderAndNoStagingFolder()
    {
        var scenario = ScenarioLoader.Load(OutputRunFixture.Quickstart, ["horizon_days=200"]);
        string folder = CliHarness.TempFolder();
        using var cancel = new CancellationTokenSource();
        int finished = 0;
        var settings = new RunSettings
        {
            OutputDirectory = folder,
            Replications = 200,
            Threads = 2,
            RecordEvents = true,
            Progress = new Inline(done =>
            {
                finished = done;
                if (done == 5)
                {
                    cancel.Cancel();
                }
            }),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ScenarioRun.ExecuteAsync(scenario, settings, cancel.Token));

        Assert.InRange(finished, 5, 199);
        Assert.False(Directory.Exists(folder), "a cancelled run must not leave its run folder");
        string parent = Path.GetDirectoryName(folder)!;
        Assert.Empty(Directory.GetDirectories(parent, $".{Path.GetFileName(folder)}.partial-*"));
    }

    [Fact]
    public async Task TimeSeriesEvery_BelowOne_IsRejectedAsBadInput()
    {
        var scenario = ScenarioLoader.Load(OutputRunFixture.Quickstart);
        var error = await Assert.ThrowsAsync<ScenarioInputException>(() => ScenarioRun.ExecuteAsync(scenario, new RunSettings
        {
            OutputDirectory = CliHarness.TempFolder(), TimeSeriesEveryDays = 0,
        }));
        Assert.Contains("--timeseries-every", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the pool, too late to cancel in step).</summary>
    private sealed class Inline(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
