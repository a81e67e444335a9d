using Simulation.Core.Network.Definitions;
using Simulation.Core.Statistics;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// Suppliers that respond (Social/SupplierResponse.cs): under an outcome-linked finance offer worth
/// more than the investment, responsive suppliers raise mean capability faster than passive ones, and
/// the offer's cost is counted; under an exit threat they remediate by the deadline. Paired on common
/// random numbers, 95% t intervals of the differences.
/// </summary>
public sealed class SupplierResponseTests
{
    private const int Pairs = 20;

    // A 5-point discount at capability 0.6; investing costs 2 days of costs a year and gains 0.6 a year.
    private static readonly string[] Offer =
    [
        "social.supply_chain_finance[brand-a-scf].rate_discount=0.05",
        "social.supplier_response.capability_gain_per_year=0.6",
        "social.supplier_response.investment_cost_days_per_year=2",
    ];

    [Fact]
    public void ResponsiveSuppliers_RaiseCapabilityFaster_AndTheOffersCostIsCounted()
    {
        var passive = LoadSmartMix([.. Offer]);
        var responsive = LoadSmartMix([.. Offer, "social.supplier_response.rule=responsive"]);
        Assert.Equal(SupplierResponseRule.Responsive, responsive.Social!.SupplierResponse.Rule);

        var capability = new RunningStatistics();
        var offerCost = new RunningStatistics();
        for (int r = 0; r < Pairs; r++)
        {
            var a = NetworkBuilder.Run(passive, r);
            var b = NetworkBuilder.Run(responsive, r);
            capability.Add(b.Kpi("mean_capability") - a.Kpi("mean_capability"));
            offerCost.Add(b.Kpi("outcome_linked_discount_cost") - a.Kpi("outcome_linked_discount_cost"));
            Assert.Equal(0, a.Kpi("capability_investment_cost"));
            Assert.True(b.Kpi("capability_investment_cost") > 0);
            Assert.True(a.Kpi("outcome_linked_discount_cost") > 0);
        }

        double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, Pairs - 1, 0.975) / Math.Sqrt(Pairs);
        Assert.True(capability.Mean - (half * capability.StandardDeviation) > 0, $"capability +{capability.Mean} +- {half * capability.StandardDeviation}");
        Assert.True(offerCost.Mean - (half * offerCost.StandardDeviation) > 0, $"offer cost +{offerCost.Mean} +- {half * offerCost.StandardDeviation}");
    }

    [Fact]
    public void ShippedOffer_IsNotWorthInvestingIn_SoResponsiveEqualsPassive()
    {
        // smart-mix's 1-point discount is worth less than the investment (the rule's benefit test).
        var passive = NetworkBuilder.Run(LoadSmartMix(), 0);
        var responsive = NetworkBuilder.Run(LoadSmartMix("social.supplier_response.rule=responsive"), 0);

        Assert.Equal(passive.Kpi("mean_capability"), responsive.Kpi("mean_capability"));
        Assert.Equal(0, responsive.Kpi("capability_investment_cost"));
    }

    [Fact]
    public void UnderTheExitThreat_ResponsiveSuppliersRemediateByTheDeadline_SoFewerAreTerminated_AndFillStaysNearEngage()
    {
        var passive = Load("scenarios/smart-mix-backup.yaml", "social.corrective_actions.response=exit");
        var responsive = Load("scenarios/smart-mix-backup.yaml", "social.corrective_actions.response=exit", "social.supplier_response.rule=responsive");
        var engage = Load("scenarios/smart-mix-backup.yaml", "social.supplier_response.rule=responsive");

        var terminated = new RunningStatistics();
        var gap = new RunningStatistics();
        for (int r = 0; r < 10; r++)
        {
            var a = NetworkBuilder.Run(passive, r);
            var b = NetworkBuilder.Run(responsive, r);
            var e = NetworkBuilder.Run(engage, r);
            terminated.Add(b.Kpi("exits_terminated") - a.Kpi("exits_terminated"));
            gap.Add(e.Kpi("fill_rate") - b.Kpi("fill_rate"));
            Assert.True(b.Kpi("expedited_remediations") > 0);
            Assert.Equal(0, a.Kpi("expedited_remediations"));
            Assert.Equal(0, e.Kpi("expedited_remediations"));
        }

        double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 9, 0.975) / Math.Sqrt(10);
        Assert.True(terminated.Mean + (half * terminated.StandardDeviation) < 0, $"terminations {terminated.Mean} +- {half * terminated.StandardDeviation}");
        Assert.True(gap.Mean + (half * gap.StandardDeviation) < 0.06, $"engage - exit fill {gap.Mean} +- {half * gap.StandardDeviation}");
    }

    private static NetworkDefinition LoadSmartMix(params string[] overrides) => Load("scenarios/smart-mix.yaml", overrides);

    private static NetworkDefinition Load(string scenario, params string[] overrides)
    {
        var result = ScenarioLoader.Load(ReadmeExampleTests.RepoFile(scenario), overrides);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }
}
