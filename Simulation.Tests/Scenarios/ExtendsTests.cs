using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary><c>extends</c>: a variant merged over its base, by key, by id, with removals and chains.</summary>
public sealed class ExtendsTests : IDisposable
{
    private readonly ScenarioFolder _folder = new();

    public ExtendsTests()
    {
        _folder.Write(
            "base.yaml",
            ScenarioFolder.MinimalWithLine(4, "  - {id: r1, lead_time_multiplier: 1.5}\n  - id: spare") + "economics: {insolvency_exit_days: 45}\n");
    }

    public void Dispose() => _folder.Dispose();

    private static NodeDefinition Node(ScenarioLoadResult result, string id) => result.Definition!.Nodes.Single(n => n.Id == id);

    [Fact]
    public void Variant_MergesListItemsById_AndKeepsEverythingElse()
    {
        ScenarioLoadResult result = _folder.Load("""
            extends: base.yaml
            name: variant
            suppliers:
              - id: s1
                capacity_per_day: 50
            """);

        Assert.Empty(result.Errors);
        Assert.Equal("variant", result.Definition!.Name);
        Assert.Equal(50, Node(result, "s1").CapacityPerDay);
        Assert.Equal(1, Node(result, "s1").Tier);
        Assert.Equal(100, Node(result, "s2").CapacityPerDay);
        Assert.Equal(100, result.Definition.HorizonDays);
    }

    [Fact]
    public void Variant_MergesMappingsKeyByKey()
    {
        ScenarioLoadResult result = _folder.Load("extends: base.yaml\neconomics: {margin_review_days: 90}\n");

        Assert.Empty(result.Errors);
        Assert.Equal(45, result.Definition!.Economics.InsolvencyExitDays);
        Assert.Equal(90, result.Definition.Economics.MarginReviewDays);
    }

    [Fact]
    public void Variant_AddsNewItems_AndRemovesItemsMarkedRemove()
    {
        ScenarioLoadResult result = _folder.Load("""
            extends: base.yaml
            regions:
              - {id: spare, remove: true}
              - {id: r2, lead_time_multiplier: 2}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(["r1", "r2"], result.Definition!.Regions.Select(r => r.Id));
        Assert.Equal(1.5, result.Definition.Regions[0].LeadTimeMultiplier);
        Assert.Equal(2, result.Definition.Regions[1].LeadTimeMultiplier);
        Assert.DoesNotContain("remove", result.ResolvedYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("extends", result.ResolvedYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ListsWithoutIds_AreReplaced()
    {
        ScenarioLoadResult result = _folder.Load("""
            extends: base.yaml
            suppliers:
              - id: s1
                certifications: [bsci]
                inputs:
                  - product: raw
                    initial: 5
                    sources: [{supplier: s2, share: 1}]
            """);

        Assert.Empty(result.Errors);
        StockDefinition input = Assert.Single(Node(result, "s1").Inputs);
        Assert.Equal(5, input.InitialStock);
        Assert.Equal(["bsci"], Node(result, "s1").Certifications);
    }

    [Fact]
    public void Chain_AppliesEachFileOverTheOneItExtends()
    {
        _folder.Write("middle.yaml", "extends: base.yaml\nhorizon_days: 200\nreplications: 3\n");

        ScenarioLoadResult result = _folder.Load("extends: middle.yaml\nreplications: 4\n");

        Assert.Empty(result.Errors);
        Assert.Equal(200, result.Definition!.HorizonDays);
        Assert.Equal(4, result.Definition.Replications);
        Assert.Equal("t", result.Definition.Name);
    }

    [Fact]
    public void Cycle_IsAnErrorAtTheExtendsThatClosesIt()
    {
        _folder.Write("a.yaml", "extends: b.yaml\nname: a\n");
        string b = _folder.Write("b.yaml", "name: b\nextends: a.yaml\n");

        ScenarioLoadResult result = ScenarioLoader.Load(Path.Combine(_folder.Root, "a.yaml"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(b, error.File);
        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.Equal("extends forms a cycle: a.yaml -> b.yaml -> a.yaml", error.Message);
        Assert.Equal("", result.ResolvedYaml);
    }

    [Fact]
    public void MissingBase_IsAnErrorAtTheExtendsKey()
    {
        ScenarioLoadResult result = _folder.Load("name: v\nextends: nowhere.yaml\n");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.Equal("cannot read '" + Path.Combine(_folder.Root, "nowhere.yaml") + "': no such file", error.Message);
    }

    [Fact]
    public void RemovingAnItemTheBaseLacks_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load("extends: base.yaml\nregions:\n  - {id: atlantis, remove: true}\n");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((3, 20), (error.Line, error.Column));
        Assert.Equal("cannot remove 'atlantis': the base has no item with that id", error.Message);
    }

    [Fact]
    public void ErrorsInTheBase_NameTheBaseFile_AndComeAfterTheVariantsErrors()
    {
        _folder.Write("broken.yaml", ScenarioFolder.MinimalWithLine(28, "    capacity_per_day: -1"));

        ScenarioLoadResult result = _folder.Load("extends: broken.yaml\nhorizon_days: abc\n");

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal((Path.Combine(_folder.Root, "scenario.yaml"), 2), (result.Errors[0].File, result.Errors[0].Line));
        Assert.Equal((Path.Combine(_folder.Root, "broken.yaml"), 28), (result.Errors[1].File, result.Errors[1].Line));
        Assert.Equal("capacity_per_day must be >= 0, got -1", result.Errors[1].Message);
    }
}
