using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary>The reference scenario that doubles as the format's example loads and builds the network it describes.</summary>
public sealed class QuickstartTests
{
    private static readonly ScenarioLoadResult Result = ScenarioLoader.Load(RepositoryFiles.Path("scenarios", "quickstart.yaml"));

    private static NodeDefinition Node(string id) => Result.Definition!.Nodes.Single(n => n.Id == id);

    [Fact]
    public void Quickstart_LoadsWithoutErrors()
    {
        Assert.Empty(Result.Errors);
        Assert.Equal("quickstart", Result.Definition!.Name);
        Assert.Equal((730.0, 60.0, 20, 42UL), (Result.Definition.HorizonDays, Result.Definition.WarmupDays, Result.Definition.Replications, Result.Definition.Seed));
        Assert.Equal(new DateOnly(2026, 1, 1), Result.Definition.StartDate);
    }

    [Fact]
    public void Quickstart_HasTwelveNodesOnFourTiers()
    {
        NetworkDefinition network = Result.Definition!;

        Assert.Equal(12, network.Nodes.Count);
        Assert.Equal(
            ["brand-a", "cmt-01", "cmt-small-1", "cmt-small-2", "cmt-small-3", "cmt-small-4", "gin-1", "gin-2", "gin-3", "mill-01", "mill-02", "mill-03"],
            network.Nodes.Select(n => n.Id));
        Assert.Equal([0, 1, 1, 1, 1, 1, 3, 3, 3, 2, 2, 2], network.Nodes.Select(n => n.Tier));
        Assert.Equal(NodeRole.Buyer, Node("brand-a").Role);
        Assert.Equal(["bangladesh", "india", "eu"], network.Regions.Select(r => r.Id));
        Assert.Equal(["cotton", "fabric", "tshirt"], network.Products.Select(p => p.Id));
    }

    [Fact]
    public void Quickstart_BuyerSourcesSixtyPercentFromCmt01_AndTheRestFromTheGroup()
    {
        IReadOnlyList<SourceLink> sources = Node("brand-a").Stock.Sources;

        Assert.Equal(["cmt-01", "cmt-small-1", "cmt-small-2", "cmt-small-3", "cmt-small-4"], sources.Select(s => s.SupplierId));
        Assert.Equal(0.6, sources[0].Share);
        Assert.All(sources.Skip(1), s => Assert.Equal(0.1, s.Share, 12));
        Assert.Equal(0.3, sources[0].TransportCostPerUnit);
        Assert.Equal(InventoryPolicyKind.BaseStock, Node("brand-a").Stock.Policy.Kind);
        Assert.Equal(ShortagePolicy.LostSales, Node("brand-a").Shortage);
    }

    [Fact]
    public void Quickstart_MillsComeFromTheCsv_AndBuyCottonFromTheGins()
    {
        NodeDefinition mill = Node("mill-02");

        Assert.Equal(("mills", 150.0, 120, 0.5, 0.4), (mill.Group, mill.CapacityPerDay, mill.Workers, mill.WageToLivingWage, mill.Capability));
        StockDefinition cotton = Assert.Single(mill.Inputs);
        Assert.Equal("cotton", cotton.ProductId);
        Assert.Equal(["gin-1", "gin-2", "gin-3"], cotton.Sources.Select(s => s.SupplierId));
    }

    [Fact]
    public void Quickstart_HasTheFactoryDisruptionAndTheFloods()
    {
        Assert.Equal(
            [("cmt-01/disruption", DisruptionScope.Supplier, "cmt-01"), ("monsoon-floods", DisruptionScope.Region, "bangladesh")],
            Result.Definition!.Disruptions.Select(d => (d.Id, d.Scope, d.TargetId)));
    }

    [Fact]
    public void Quickstart_ResolvedYaml_LoadsToTheSameNetwork()
    {
        string folder = Path.Combine(Path.GetTempPath(), "quickstart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(RepositoryFiles.Path("scenarios", "quickstart-suppliers.csv"), Path.Combine(folder, "quickstart-suppliers.csv"));
            string resolved = Path.Combine(folder, "scenario.resolved.yaml");
            File.WriteAllText(resolved, Result.ResolvedYaml);

            ScenarioLoadResult again = ScenarioLoader.Load(resolved);

            Assert.Empty(again.Errors);
            Assert.Equal(Result.ScenarioHash, again.ScenarioHash);
            Assert.Equal(Result.Definition!.Nodes.Select(n => (n.Id, n.CapacityPerDay)), again.Definition!.Nodes.Select(n => (n.Id, n.CapacityPerDay)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
