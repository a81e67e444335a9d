using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary><c>--set path=value</c>: scalars, nested keys, list items by id, flow values and mistakes.</summary>
public sealed class OverrideTests : IDisposable
{
    private static readonly string Scenario = ScenarioFolder.MinimalWithLine(4, "  - {id: r1, credit: {annual_rate: 0.1, limit_days_of_cost: 20}}") + """
        supplier_groups:
          - {id: g, count: 2, tier: 2, region: r1, product: raw, capacity_per_day: 5}

        """;

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static NodeDefinition Node(ScenarioLoadResult result, string id) => result.Definition!.Nodes.Single(n => n.Id == id);

    [Fact]
    public void TopLevelScalar_IsReplaced()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "horizon_days=365");

        Assert.Empty(result.Errors);
        Assert.Equal(365, result.Definition!.HorizonDays);
        Assert.Contains("horizon_days: 365\n", result.ResolvedYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ListItem_IsPickedById()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "suppliers[s1].capacity_per_day=42", "buyers[b1].payment_terms_days=75");

        Assert.Empty(result.Errors);
        Assert.Equal(42, Node(result, "s1").CapacityPerDay);
        Assert.Equal(100, Node(result, "s2").CapacityPerDay);
        Assert.Equal(75, Node(result, "b1").PaymentTermsDays);
    }

    [Fact]
    public void NestedKeys_ThatAreAbsent_AreCreated()
    {
        ScenarioLoadResult result = _folder.Load(
            Scenario,
            "buyers[b1].inventory.policy={type: base_stock, review_period_days: 7, order_up_to: 300}",
            "buyers[b1].inventory.policy.order_up_to=450");

        Assert.Empty(result.Errors);
        InventoryPolicy policy = Node(result, "b1").Stock.Policy;
        Assert.Equal(InventoryPolicyKind.BaseStock, policy.Kind);
        Assert.Equal(7, policy.ReviewPeriodDays);
        Assert.Equal(450, policy.OrderUpTo);
    }

    [Fact]
    public void NestedKeyOfAListItem_IsReplaced()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "regions[r1].credit.annual_rate=0.06");

        Assert.Empty(result.Errors);
        Assert.Equal(new CreditTerms(0.06, 20), result.Definition!.Regions[0].Credit);
    }

    [Fact]
    public void GroupCount_CanBeSet()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "supplier_groups[g].count=3");

        Assert.Empty(result.Errors);
        Assert.Equal(["g-1", "g-2", "g-3"], result.Definition!.Nodes.Where(n => n.Group == "g").Select(n => n.Id));
    }

    [Fact]
    public void FlowValue_IsParsedAsYaml()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "buyers[b1].demand.quantity={dist: uniform, min: 5, max: 15}");

        Assert.Empty(result.Errors);
        Assert.Equal(Distribution.Uniform(5, 15), Node(result, "b1").Demand!.Quantity);
    }

    [Fact]
    public void ListItemByIndex_AndInputByProduct_CanBeSet()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "suppliers[0].inputs[raw].initial=12");

        Assert.Empty(result.Errors);
        Assert.Equal(12, Node(result, "s1").Inputs[0].InitialStock);
    }

    [Fact]
    public void UnknownKey_IsAnErrorWithTheNearestKeySuggested()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "horizon_days=200", "suppliers[s1].capcity_per_day=5");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("--set", error.File);
        Assert.Equal((2, 15), (error.Line, error.Column));
        Assert.Equal("suppliers[s1].capcity_per_day", error.Field);
        Assert.Equal("unknown key 'capcity_per_day' in suppliers[s1]; did you mean 'capacity_per_day'?", error.Message);
        Assert.Equal("--set:2:15: error: unknown key 'capcity_per_day' in suppliers[s1]; did you mean 'capacity_per_day'?", error.ToString());
    }

    [Fact]
    public void UnknownItem_IsAnErrorWithTheNearestIdSuggested()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "suppliers[s3].capacity_per_day=5");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("no item 's3' in suppliers; did you mean 's1'?", error.Message);
    }

    [Fact]
    public void ValueOfTheWrongType_IsReportedAtTheValue()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "horizon_days=abc");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(("--set", 1, 14), (error.File, error.Line, error.Column));
        Assert.Equal("expected a number, got 'abc'", error.Message);
    }

    [Fact]
    public void MissingEquals_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "horizon_days");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("expected path=value, got 'horizon_days'", error.Message);
    }

    [Fact]
    public void KeyBelowASingleValue_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(Scenario, "horizon_days.days=3");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("cannot go into 'horizon_days': it is a single value, or a list (pick an item with [id])", error.Message);
    }

    [Fact]
    public void Overrides_ChangeTheHash_AndTheSameOverridesGiveTheSameHash()
    {
        ScenarioLoadResult plain = _folder.Load(Scenario);
        ScenarioLoadResult first = _folder.Load(Scenario, "horizon_days=365");
        ScenarioLoadResult second = _folder.Load(Scenario, "horizon_days=365");

        Assert.NotEqual(plain.ScenarioHash, first.ScenarioHash);
        Assert.Equal(first.ScenarioHash, second.ScenarioHash);
    }
}
