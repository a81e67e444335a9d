using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios;
using static Simulation.Tests.Scenarios.ScenarioFolder;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// <c>buyers[].demand</c> as one stream or a list of streams (ids, first order day, delivery leg), and
/// <c>inventory.initial: steady_state</c>: what they load to, and the located errors for each misuse.
/// Line numbers refer to <see cref="ScenarioFolder.Minimal"/> (line 13 is the buyer's demand).
/// </summary>
public sealed class DemandStreamFormatTests : IDisposable
{
    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SingleStream_LoadsAsOneStreamWithDefaults()
    {
        ScenarioLoadResult result = _folder.Load(Minimal);

        NodeDefinition buyer = result.Definition!.Nodes[0];
        DemandDefinition stream = Assert.Single(buyer.DemandStreams);
        Assert.Same(stream, buyer.Demand);
        Assert.Null(stream.Id);
        Assert.Equal(0, stream.FirstOrderDay);
        Assert.Null(stream.Delivery);
    }

    [Fact]
    public void StreamList_LoadsEveryStreamInOrder_WithItsDeliveryLeg()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, """
                demand:
                  - {id: retail, quantity: 40, selling_price: 12}
                  - id: wholesale
                    quantity: 600
                    interarrival_days: 14
                    first_order_day: 3
                    delivery: {lead_time_days: 2, cost_per_order: 150, cost_per_unit: 0.2, co2e_kg_per_unit: 0.5}
            """));

        Assert.Empty(result.Errors);
        NodeDefinition buyer = result.Definition!.Nodes[0];
        Assert.Equal(["retail", "wholesale"], buyer.DemandStreams.Select(s => s.Id));
        Assert.Same(buyer.DemandStreams[0], buyer.Demand);
        DemandDefinition wholesale = buyer.DemandStreams[1];
        Assert.Equal(3, wholesale.FirstOrderDay);
        Assert.Equal(14, ((ConstantDistribution)wholesale.InterarrivalDays).Value);
        CustomerDeliveryDefinition delivery = wholesale.Delivery!;
        Assert.Equal(2, ((ConstantDistribution)delivery.LeadTimeDays).Value);
        Assert.Equal((150, 0.2, 0.5), (delivery.CostPerOrder, delivery.CostPerUnit, delivery.Co2eKgPerUnit));
    }

    [Fact]
    public void StreamList_CanBeOverriddenByStreamId()
    {
        ScenarioLoadResult result = _folder.Load(
            MinimalWithLine(13, "    demand: [{id: retail, quantity: 40}, {id: web, quantity: 5}]"),
            "buyers[b1].demand[web].first_order_day=2.5");

        Assert.Empty(result.Errors);
        Assert.Equal(2.5, result.Definition!.Nodes[0].DemandStreams[1].FirstOrderDay);
    }

    [Fact]
    public void DuplicateStreamIds_AreALocatedError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: [{id: a, quantity: 1}, {id: a, quantity: 2}]"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(13, error.Line);
        Assert.Equal("buyers[b1].demand[a].id", error.Field);
        Assert.Equal("demand stream id 'a' is used twice in this buyer", error.Message);
    }

    [Fact]
    public void EmptyStreamList_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: []"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((13, 13), (error.Line, error.Column));
        Assert.Equal("buyers[b1].demand", error.Field);
        Assert.Contains("a mapping or a non-empty list of mappings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeFirstOrderDay_AndNegativeDeliveryCost_AreRangeErrors()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(
            13, "    demand: {quantity: 10, first_order_day: -1, delivery: {lead_time_days: 1, cost_per_unit: -2}}"));

        Assert.Equal(
            ["buyers[b1].demand.delivery.cost_per_unit", "buyers[b1].demand.first_order_day"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.Equal(13, e.Line));
    }

    [Fact]
    public void UnknownDeliveryKey_SuggestsTheNearest()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: {quantity: 10, delivery: {lead_time_dys: 2}}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("unknown key 'lead_time_dys' in buyers[b1].demand.delivery; did you mean 'lead_time_days'?", error.Message);
    }

    [Fact]
    public void SteadyStateInitial_LoadsAsAFlag()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(
            13, "    demand: {quantity: 10}\n    inventory: {initial: steady_state, policy: {type: base_stock, review_period_days: 7, order_up_to: 200}}"));

        Assert.Empty(result.Errors);
        StockDefinition stock = result.Definition!.Nodes[0].Stock;
        Assert.True(stock.InitialSteadyState);
        Assert.Equal(0, stock.InitialStock);
        Assert.False(result.Definition.Nodes[1].Stock.InitialSteadyState);
    }

    [Fact]
    public void SteadyStateWithoutAPolicy_IsALocatedError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: {quantity: 10}\n    inventory: {initial: steady_state}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((14, 26), (error.Line, error.Column));
        Assert.Equal("buyers[b1].inventory.initial", error.Field);
        Assert.StartsWith("steady_state needs a replenishment policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherWordForInitial_SaysWhatIsExpected()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: {quantity: 10}\n    inventory: {initial: steady}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("buyers[b1].inventory.initial", error.Field);
        Assert.Contains("expected a number or steady_state, got 'steady'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonSchema_AcceptsAStreamListAndSteadyState()
    {
        string schema = ScenarioSchema.JsonSchema();

        Assert.Contains("\"first_order_day\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"cost_per_order\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"steady_state\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"minItems\": 1", schema, StringComparison.Ordinal);
    }
}
