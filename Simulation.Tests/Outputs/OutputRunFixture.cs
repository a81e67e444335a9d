using Simulation.Core.Network;
using Simulation.Core.Replications;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Outputs;

/// <summary>
/// One small run with every output switched on (events, weekly time series, charts and report),
/// shared by the output tests, and the same replications run again in memory to check the files against.
/// </summary>
public sealed class OutputRunFixture : IAsyncLifetime
{
    public const int Replications = 4;
    public const ulong Seed = 11;
    public const int Every = 7;
    public const int Horizon = 400;

    public static readonly string Quickstart = ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    public string Folder { get; } = CliHarness.TempFolder();

    /// <summary>
    /// The quickstart, shortened, with one factory whose alternative market pays far more, so every
    /// replication has an exit (margin) for the exit columns and events to be checked against.
    /// </summary>
    public ScenarioLoadResult Scenario { get; } = ScenarioLoader.Load(Quickstart, [$"horizon_days={Horizon}", "suppliers[cmt-01].alternative_margin=0.5"]);

    /// <summary>The replications' results and event logs, computed in memory.</summary>
    public IReadOnlyList<(NetworkRunResult Result, List<NetworkEvent> Events)> InMemory { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await ScenarioRun.ExecuteAsync(Scenario, new RunSettings
        {
            OutputDirectory = Folder,
            Replications = Replications,
            Seed = Seed,
            Threads = 2,
            TimeSeriesEveryDays = Every,
            RecordEvents = true,
            CommandLine = "sim run quickstart.yaml (test)",
        });

        InMemory = ReplicationRunner.Run(Replications, Seed, context =>
        {
            var events = new List<NetworkEvent>();
            var result = NetworkSimulation.Run(Scenario.Definition!, context, new NetworkRunOptions { TimeSeriesEveryDays = Every, EventRecorder = events.Add });
            return (result, events);
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The test classes that read the fixture's run share one instance of it.</summary>
[CollectionDefinition(Name)]
public sealed class SharedOutputRun : ICollectionFixture<OutputRunFixture>
{
    public const string Name = "output run";
}
