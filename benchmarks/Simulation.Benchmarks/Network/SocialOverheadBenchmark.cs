using BenchmarkDotNet.Attributes;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;
using Simulation.Scenarios;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// What the social mechanisms (DESIGN.md section 5, mechanisms 4-11) cost: one replication of a
/// reference scenario as shipped (with its <c>social</c> section) against the same network with the
/// section removed. Issue 4 asks for at most twice the time without them.
/// </summary>
/// <remarks>
/// The scenario is loaded once in the global setup (not measured); each invocation runs replication 0
/// to the scenario's horizon. The result is the replication's KPI vector's worker-exposure-days, so the
/// run cannot be optimised away.
/// </remarks>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class SocialOverheadBenchmark
{
    private NetworkDefinition _definition = null!;

    /// <summary>The reference scenario, a file under <c>scenarios/</c>.</summary>
    [Params("apparel-bangladesh.yaml", "palm-oil-smallholders.yaml")]
    public string Scenario { get; set; } = "";

    /// <summary>Whether the social section is kept (true) or removed (false).</summary>
    [Params(false, true)]
    public bool Social { get; set; }

    /// <summary>Loads the scenario and removes its social section when <see cref="Social"/> is false.</summary>
    [GlobalSetup]
    public void Load()
    {
        var result = ScenarioLoader.Load(ScenarioPath(Scenario));
        var definition = result.Definition ?? throw new InvalidOperationException("The scenario did not load: " + string.Join("; ", result.Errors));
        _definition = Social ? definition : definition with { Social = null };
    }

    /// <summary>One replication to the horizon.</summary>
    [Benchmark]
    public double RunOneReplication()
    {
        var context = new ReplicationContext(0, SeedSequence.ReplicationSeed(_definition.Seed, 0));
        return NetworkSimulation.Run(_definition, context).Kpi("worker_exposure_days");
    }

    private static string ScenarioPath(string file)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Simulation.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Simulation.sln not found"), "scenarios", file);
    }
}
