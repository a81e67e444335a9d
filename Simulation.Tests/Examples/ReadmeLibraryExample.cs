using Simulation.Core.Network;
using Simulation.Core.Replications;
using Simulation.Core.Statistics;
using Simulation.Scenarios;

namespace Simulation.Tests.Examples;

// Quoted verbatim in README.md ("Use it as a library"); ReadmeExampleTests keeps the two identical.
public static class ReadmeLibraryExample
{
    // README:library-begin
    public static Summary QuickstartFillRate(string scenarioPath)
    {
        var scenario = ScenarioLoader.Load(scenarioPath, overrides: ["horizon_days=365"]);
        var network = scenario.Definition
            ?? throw new InvalidOperationException(string.Join('\n', scenario.Errors));
        var results = ReplicationRunner.Run(network.Replications, network.Seed,
            replication => NetworkSimulation.Run(network, replication));
        int fillRate = KpiCatalog.IndexOf("fill_rate");
        return Summary.Of(results.Select(r => r.KpiValues[fillRate]).ToArray());
    }
    // README:library-end
}
