using Simulation.Scenarios;
using static Simulation.Tests.Scenarios.ScenarioFolder;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// Each kind of error the loader reports, with its exact line, column and field. The scenarios are
/// <see cref="ScenarioFolder.Minimal"/> with one line replaced, so the line numbers can be read off it.
/// </summary>
public sealed class ScenarioValidationTests : IDisposable
{
    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Minimal_LoadsWithoutErrors()
    {
        ScenarioLoadResult result = _folder.Load(Minimal);

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        Assert.Equal(["b1", "s1", "s2"], result.Definition!.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void UnclosedFlowList_IsReportedWhereItsBracketOpened()
    {
        ScenarioLoadResult result = _folder.Load("name: t\nhorizon_days: [1, 2\nregions: []\n");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(Path.Combine(_folder.Root, "scenario.yaml"), error.File);
        Assert.Equal((2, 15), (error.Line, error.Column));
        Assert.StartsWith("malformed YAML: the '[' opened here is not closed", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
        Assert.Equal("", result.ResolvedYaml);
    }

    [Fact]
    public void DuplicateYamlKey_IsReportedWithTheFirstKeysLine()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(2, "horizon_days: 100\nname: u"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.Contains("duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsOneError()
    {
        ScenarioLoadResult result = ScenarioLoader.Load(Path.Combine(_folder.Root, "nope.yaml"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("cannot read the file: no such file", error.Message);
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Fact]
    public void UnknownKey_SuggestsTheNearestKey_AndIsNotAlsoReportedMissing()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capcity_per_day: 100"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((20, 5), (error.Line, error.Column));
        Assert.Equal("suppliers[s1].capcity_per_day", error.Field);
        Assert.Equal("unknown key 'capcity_per_day' in suppliers[s1]; did you mean 'capacity_per_day'?", error.Message);
    }

    [Fact]
    public void UnknownTopLevelKey_SuggestsTheNearestKey()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(2, "horizon_days: 100\nreplicatons: 5"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.Equal("unknown key 'replicatons' in the scenario; did you mean 'replications'?", error.Message);
    }

    [Fact]
    public void UnknownKey_WithNothingClose_HasNoSuggestion()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: 100\n    favourite_colour: blue"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((21, 5), (error.Line, error.Column));
        Assert.Equal("unknown key 'favourite_colour' in suppliers[s1]", error.Message);
    }

    [Fact]
    public void TextWhereANumberBelongs_IsATypeError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: abc"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((20, 23), (error.Line, error.Column));
        Assert.Equal("suppliers[s1].capacity_per_day", error.Field);
        Assert.Equal("expected a number, got 'abc'", error.Message);
        Assert.Equal(
            $"{error.File}:20:23: error: suppliers[s1].capacity_per_day: expected a number, got 'abc'",
            error.ToString());
    }

    [Fact]
    public void QuotedNumber_IsATypeErrorThatSaysSo()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: \"100\""));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((20, 23), (error.Line, error.Column));
        Assert.Equal("expected a number, got the quoted text '100' (remove the quotes)", error.Message);
    }

    [Fact]
    public void FractionalWorkers_IsNotAWholeNumber()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: 100\n    workers: 4.5"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((21, 14), (error.Line, error.Column));
        Assert.Equal("expected a whole number, got 4.5", error.Message);
    }

    [Fact]
    public void NegativeCapacity_IsOutOfRange()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: -5"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((20, 23), (error.Line, error.Column));
        Assert.Equal("capacity_per_day must be >= 0, got -5", error.Message);
    }

    [Fact]
    public void InfiniteCost_IsOutOfRange_ButInfiniteCapacityIsNot()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: .inf\n    unit_cost: .inf"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((21, 16), (error.Line, error.Column));
        Assert.Equal("unit_cost must be finite and >= 0, got .inf", error.Message);
    }

    [Theory]
    [InlineData("    unit_cost: -1", 16, "unit_cost must be >= 0, got -1")]
    [InlineData("    fixed_cost_per_day: -250", 25, "fixed_cost_per_day must be >= 0, got -250")]
    [InlineData("    starting_cash_days: -3", 25, "starting_cash_days must be >= 0, got -3")]
    [InlineData("    holding_cost_per_unit_day: -0.1", 32, "holding_cost_per_unit_day must be >= 0, got -0.1")]
    [InlineData("    lead_time_days: -2", 21, "lead_time_days cannot be negative, but {dist: constant, value: -2} can draw values below 0")]
    [InlineData("    lead_time_days: {dist: uniform, min: -1, max: 3}", 21, "lead_time_days cannot be negative, but {dist: uniform, min: -1, max: 3} can draw values below 0")]
    [InlineData("    size: huge", 11, "'huge' is not one of micro, small, medium, large")]
    public void NegativeCostsCashAndLeadTimes_AndBadChoices_AreRefused(string line, int column, string message)
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: 100\n" + line));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((21, column), (error.Line, error.Column));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ShareAboveOne_IsOutOfRange_AndTheSharesDoNotSumToOne()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(14, "    sources: [{supplier: s1, share: 1.5}]"));

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal((14, 14), (result.Errors[0].Line, result.Errors[0].Column));
        Assert.Equal("buyers[b1].sources", result.Errors[0].Field);
        Assert.Equal("the shares of these sources sum to 1.5; they must sum to 1", result.Errors[0].Message);
        Assert.Equal((14, 37), (result.Errors[1].Line, result.Errors[1].Column));
        Assert.Equal("buyers[b1].sources[s1].share", result.Errors[1].Field);
        Assert.Equal("share must be in (0, 1], got 1.5", result.Errors[1].Message);
    }

    [Fact]
    public void SharesThatDoNotSumToOne_AreReportedAtTheSourcesList()
    {
        string yaml = MinimalWithLine(14, "    sources: [{supplier: s1, share: 0.5}, {supplier: s2, share: 0.4}]");

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError shares = Assert.Single(result.Errors, e => e.Field == "buyers[b1].sources");
        Assert.Equal((14, 14), (shares.Line, shares.Column));
        Assert.Equal("the shares of these sources sum to 0.9; they must sum to 1", shares.Message);
    }

    [Fact]
    public void SharesWithinOneMillionth_SumToOne()
    {
        string yaml = MinimalWithLine(14, "    sources: [{supplier: s1, share: 0.3333333}, {supplier: s1, share: 0.6666667}]");

        ScenarioLoadResult result = _folder.Load(yaml);

        // The only problem is listing s1 twice.
        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("'s1' appears more than once among these sources", error.Message);
        Assert.Equal((14, 60), (error.Line, error.Column));
    }

    [Fact]
    public void ProbabilityAboveOne_IsOutOfRange()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(4, "  - {id: r1, inspection_detection_probability: 1.2}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((4, 48), (error.Line, error.Column));
        Assert.Equal("regions[r1].inspection_detection_probability", error.Field);
        Assert.Equal("inspection_detection_probability must be in [0, 1], got 1.2", error.Message);
    }

    [Fact]
    public void CapabilityAboveOne_IsOutOfRange()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: 100\n    capability: 1.5"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((21, 17), (error.Line, error.Column));
        Assert.Equal("capability must be in [0, 1], got 1.5", error.Message);
    }

    [Fact]
    public void NegativeReviewPeriod_IsOutOfRange()
    {
        string yaml = MinimalWithLine(13, "    demand: {quantity: 10}\n    inventory: {policy: {type: base_stock, review_period_days: -1, order_up_to: 50}}");

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((14, 64), (error.Line, error.Column));
        Assert.Equal("buyers[b1].inventory.policy.review_period_days", error.Field);
        Assert.Equal("review_period_days must be >= 0, got -1", error.Message);
    }

    [Fact]
    public void OrderUpToBelowReorderPoint_IsInconsistent()
    {
        string yaml = MinimalWithLine(13, "    demand: {quantity: 10}\n    inventory: {policy: {type: min_max, reorder_point: 50, order_up_to: 40}}");

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((14, 73), (error.Line, error.Column));
        Assert.Equal("order_up_to (40) must be >= reorder_point (50)", error.Message);
    }

    [Fact]
    public void PolicyKeyOfAnotherType_DoesNotApply_AndAMissingParameterIsReported()
    {
        string yaml = MinimalWithLine(13, "    demand: {quantity: 10}\n    inventory: {policy: {type: rq, reorder_point: 5, order_up_to: 40}}");

        ScenarioLoadResult result = _folder.Load(yaml);

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal((14, 25), (result.Errors[0].Line, result.Errors[0].Column));
        Assert.Equal("missing required key 'order_quantity' in buyers[b1].inventory.policy (rq)", result.Errors[0].Message);
        Assert.Equal((14, 54), (result.Errors[1].Line, result.Errors[1].Column));
        Assert.Equal("'order_up_to' does not apply to policy type rq", result.Errors[1].Message);
    }

    [Fact]
    public void WarmupNotBelowHorizon_IsInconsistent()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(2, "horizon_days: 100\nwarmup_days: 100"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((3, 14), (error.Line, error.Column));
        Assert.Equal("warmup_days (100) must be less than horizon_days (100)", error.Message);
    }

    [Fact]
    public void WarmupNotBelowAnOverriddenHorizon_SaysTheHorizonWasOverridden()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(2, "horizon_days: 100\nwarmup_days: 30"), "horizon_days=30");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((3, 14), (error.Line, error.Column));
        Assert.Equal("warmup_days (30) must be less than horizon_days (30, as overridden)", error.Message);
    }

    [Fact]
    public void WarmupNotBelowTheHorizonOfAnExtendingScenario_SaysWhereTheHorizonIs()
    {
        _folder.Write("base.yaml", MinimalWithLine(2, "horizon_days: 100\nwarmup_days: 30"));

        ScenarioLoadResult result = _folder.Load("extends: base.yaml\nhorizon_days: 25\n");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((3, 14), (error.Line, error.Column));
        Assert.EndsWith("base.yaml", error.File, StringComparison.Ordinal);
        Assert.Matches(@"^warmup_days \(30\) must be less than horizon_days \(25, from .*scenario\.yaml:2\)$", error.Message);
    }

    [Theory]
    [InlineData("replications: 0", "replications must be in [1, 100000], got 0")]
    [InlineData("replications: 100001", "replications must be in [1, 100000], got 100001")]
    public void Replications_AreCheckedAgainstTheirRange(string line, string message)
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(2, "horizon_days: 100\n" + line));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((3, 15), (error.Line, error.Column));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void MissingRequiredKey_IsReportedAtItsMapping()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(2, "description: no horizon"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("horizon_days", error.Field);
        Assert.Equal("missing required key 'horizon_days' in the scenario", error.Message);
    }

    [Fact]
    public void MissingRequiredKeyOfAListItem_NamesTheItem()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(28, "    size: small"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((24, 5), (error.Line, error.Column));
        Assert.Equal("suppliers[s2].capacity_per_day", error.Field);
        Assert.Equal("missing required key 'capacity_per_day' in suppliers[s2]", error.Message);
    }

    [Fact]
    public void BadDistributionParameter_GivesTheFactorysMessage()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: {quantity: {dist: normal, mean: 10, sd: -1}}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((13, 24), (error.Line, error.Column));
        Assert.Equal("buyers[b1].demand.quantity", error.Field);
        Assert.Equal("normal: sd must be >= 0, got -1", error.Message);
    }

    [Fact]
    public void UnknownDistribution_SuggestsTheNearestName()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: {quantity: {dist: normla, mean: 10, sd: 1}}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((13, 31), (error.Line, error.Column));
        Assert.Equal(
            "'normla' is not one of normal, lognormal, triangular, uniform, exponential, gamma, poisson, constant; did you mean 'normal'?",
            error.Message);
    }

    [Fact]
    public void MissingDistributionParameter_IsAMissingKey()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: {quantity: {dist: uniform, min: 1}}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((13, 24), (error.Line, error.Column));
        Assert.Equal("missing required key 'max' in buyers[b1].demand.quantity", error.Message);
    }

    [Fact]
    public void UnknownDistributionParameter_SuggestsOneOfItsParameters()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(13, "    demand: {quantity: {dist: normal, mean: 10, sdd: 1}}"));

        Assert.Contains(result.Errors, e => e.Message == "unknown key 'sdd' in buyers[b1].demand.quantity (normal); did you mean 'sd'?" && e.Line == 13 && e.Column == 49);
    }

    [Fact]
    public void NormalLeadTime_IsRefusedBecauseItCanDrawNegativeDays()
    {
        string yaml = MinimalWithLine(20, "    capacity_per_day: 100\n    lead_time_days: {dist: normal, mean: 5, sd: 1}");

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((21, 21), (error.Line, error.Column));
        Assert.Equal("lead_time_days cannot be negative, but {dist: normal, mean: 5, sd: 1} can draw values below 0", error.Message);
    }

    [Fact]
    public void DistributionOutsideAGroup_IsATypeError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(20, "    capacity_per_day: {dist: uniform, min: 1, max: 2}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((20, 23), (error.Line, error.Column));
        Assert.Equal("expected a number (distributions are allowed only in supplier_groups), got a mapping", error.Message);
    }

    [Fact]
    public void UnknownRegion_SuggestsTheNearestRegion()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(26, "    region: r2"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((26, 13), (error.Line, error.Column));
        Assert.Equal("suppliers[s2].region", error.Field);
        Assert.Equal("unknown region 'r2'; did you mean 'r1'?", error.Message);
    }

    [Fact]
    public void UnknownProduct_SuggestsTheNearestProduct()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(8, "    inputs: [{product: rwa, quantity_per_unit: 2}]"));

        Assert.Contains(
            result.Errors,
            e => e.Line == 8 && e.Column == 24 && e.Field == "products[good].inputs[rwa].product" && e.Message == "unknown product 'rwa'; did you mean 'raw'?");
    }

    [Fact]
    public void UnknownSupplier_SuggestsTheNearestId()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(14, "    sources: [{supplier: s11, share: 1}]"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((14, 26), (error.Line, error.Column));
        Assert.Equal("buyers[b1].sources[s11].supplier", error.Field);
        Assert.Equal("unknown supplier 's11'; did you mean 's1'?", error.Message);
    }

    [Fact]
    public void UnknownGroup_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(14, "    sources: [{group: smalls, share: 1}]"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((14, 23), (error.Line, error.Column));
        Assert.Equal("unknown group 'smalls'", error.Message);
    }

    [Fact]
    public void SourceWithBothSupplierAndGroup_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(14, "    sources: [{supplier: s1, group: g, share: 1}]"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((14, 15), (error.Line, error.Column));
        Assert.Equal("give 'supplier' or 'group', not both", error.Message);
    }

    [Fact]
    public void DuplicateSupplierId_NamesTheFirstDefinition()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(24, "  - id: s1"));

        Assert.Contains(
            result.Errors,
            e => e.Line == 24 && e.Column == 9 && e.Field == "suppliers[s1].id" && e.Message == "duplicate id 's1' (first defined at " + e.File + ":16)");
    }

    [Fact]
    public void GroupWithASuppliersId_IsADuplicate()
    {
        string yaml = Minimal + """
            supplier_groups:
              - {id: s2, count: 2, tier: 2, region: r1, product: raw, capacity_per_day: 5}

            """;

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((30, 10), (error.Line, error.Column));
        Assert.Equal("duplicate id 's2' (first defined at " + error.File + ":24)", error.Message);
    }

    [Fact]
    public void MissingInput_NamesTheBillOfMaterialsLine()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(21, "    workers: 10").Replace(
            "      - product: raw\n        sources: [{supplier: s2, share: 1}]\n",
            "",
            StringComparison.Ordinal));

        // s2 now supplies nobody, which is allowed; s1 lacks its input.
        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((16, 5), (error.Line, error.Column));
        Assert.Equal("'s1' makes good, whose bill of materials needs input 'raw', but it has no such input", error.Message);
    }

    [Fact]
    public void InputNotInTheBillOfMaterials_IsAnError()
    {
        string yaml = MinimalWithLine(23, "        sources: [{supplier: s2, share: 1}]\n      - product: good\n        sources: [{supplier: s2, share: 1}]");

        ScenarioLoadResult result = _folder.Load(yaml);

        Assert.Contains(result.Errors, e => e.Line == 24 && e.Column == 18 && e.Message == "input 'good' is not in the bill of materials of good");
    }

    [Fact]
    public void SourceOfTheWrongProduct_AndTier_AreBothReported()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(14, "    sources: [{supplier: s2, share: 1}]"));

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal((14, 26), (e.Line, e.Column)));
        Assert.Equal("'s2' supplies raw, but this stock holds good", result.Errors[0].Message);
        Assert.Equal("'s2' is tier 2 but supplies 'b1' (tier 0); a supplier of a tier-0 node must be tier 1", result.Errors[1].Message);
    }

    [Fact]
    public void TierInconsistency_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(25, "    tier: 3"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((23, 30), (error.Line, error.Column));
        Assert.Equal("suppliers[s1].inputs[raw].sources[s2].tier", error.Field);
        Assert.Equal("'s2' is tier 3 but supplies 's1' (tier 1); a supplier of a tier-1 node must be tier 2", error.Message);
    }

    [Fact]
    public void CycleInTheSupplyGraph_ReportsThePath()
    {
        string yaml = MinimalWithLine(14, "    sources: [{supplier: dc1, share: 1}]") + """
            distribution_centres:
              - {id: dc1, region: r1, product: good, sources: [{supplier: dc2, share: 1}]}
              - {id: dc2, region: r1, product: good, sources: [{supplier: dc1, share: 1}]}

            """;

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((31, 63), (error.Line, error.Column));
        Assert.Equal("the supply graph has a cycle: dc1 -> dc2 -> dc1", error.Message);
    }

    [Fact]
    public void CycleInTheBillsOfMaterials_ReportsThePath()
    {
        ScenarioLoadResult result = _folder.Load(MinimalWithLine(6, "  - {id: raw, inputs: [{product: good, quantity_per_unit: 1}]}"));

        Assert.Contains(
            result.Errors,
            e => e.Line == 8 && e.Column == 24 && e.Message == "the bill of materials has a cycle: raw -> good -> raw");
    }

    [Fact]
    public void TooManyNodes_IsRefusedBeforeGeneratingThem()
    {
        string yaml = Minimal + """
            supplier_groups:
              - {id: g, count: 200001, tier: 2, region: r1, product: raw, capacity_per_day: 5}

            """;

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("the network has 200,004 nodes; the cap is 200,000", error.Message);
    }

    [Fact]
    public void TooManyLinks_IsRefusedBeforeExpandingThem()
    {
        string yaml = MinimalWithLine(14, "    sources: [{group: a, share: 1}]") + """
            supplier_groups:
              - id: a
                count: 2500
                tier: 1
                region: r1
                product: good
                capacity_per_day: 5
                inputs: [{product: raw, sources: [{group: b, share: 1}]}]
              - {id: b, count: 2500, tier: 2, region: r1, product: raw, capacity_per_day: 5}

            """;

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("the network has 6,252,501 links; the cap is 5,000,000", error.Message);
    }

    [Fact]
    public void ThreeDistinctErrors_AreAllReported_InLineOrder()
    {
        string yaml = MinimalWithLine(26, "    region: r9");
        yaml = WithLine(yaml, 20, "    capacity_per_day: lots");
        yaml = WithLine(yaml, 12, "    prodct: good");

        ScenarioLoadResult result = _folder.Load(yaml);

        Assert.Equal(3, result.Errors.Count);
        Assert.Equal([12, 20, 26], result.Errors.Select(e => e.Line));
        Assert.Equal("unknown key 'prodct' in buyers[b1]; did you mean 'product'?", result.Errors[0].Message);
        Assert.Equal("expected a number, got 'lots'", result.Errors[1].Message);
        Assert.Equal("unknown region 'r9'; did you mean 'r1'?", result.Errors[2].Message);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void ScenarioThatIsAList_IsATypeError()
    {
        ScenarioLoadResult result = _folder.Load("- name: t\n");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("expected a mapping of scenario keys (name: ..., horizon_days: ...), got a list; is this a scenario file?", error.Message);
    }

    [Fact]
    public void ScenarioHash_IsStableForTheSameInput_AndChangesWithIt()
    {
        ScenarioLoadResult first = _folder.Load(Minimal);
        ScenarioLoadResult second = _folder.Load(Minimal);
        ScenarioLoadResult other = _folder.Load(MinimalWithLine(2, "horizon_days: 101"));

        Assert.Equal(64, first.ScenarioHash.Length);
        Assert.Equal(first.ScenarioHash, second.ScenarioHash);
        Assert.Equal(first.ResolvedYaml, second.ResolvedYaml);
        Assert.NotEqual(first.ScenarioHash, other.ScenarioHash);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(first.ResolvedYaml))),
            first.ScenarioHash);
    }

    [Fact]
    public void ScenarioHash_IgnoresComments_BecauseItHashesTheResolvedDocument()
    {
        ScenarioLoadResult plain = _folder.Load(Minimal);
        ScenarioLoadResult commented = _folder.Load("# a comment\n" + Minimal);

        Assert.Equal(plain.ScenarioHash, commented.ScenarioHash);
    }
}
