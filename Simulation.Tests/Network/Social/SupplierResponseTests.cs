using Simulation.Core.Network.Definitions;
using Simulation.Core.Statistics;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// Suppliers that respond (Social/SupplierResponse.cs): under an outcome-linked finance offer worth
/// more than the investment, responsive suppliers raise mean capability faster than passive ones, paired
/// on common random numbers, and the offer's cost is counted.
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
        var passive = Load([.. Offer]);
        var responsive = Load([.. Offer, "social.supplier_response.rule=responsive"]);
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
        var passive = NetworkBuilder.Run(Load(), 0);
        var responsive = NetworkBuilder.Run(Load("social.supplier_response.rule=responsive"), 0);

        Assert.Equal(passive.Kpi("mean_capability"), responsive.Kpi("mean_capability"));
        Assert.Equal(0, responsive.Kpi("capability_investment_cost"));
    }

    private static NetworkDefinition Load(params string[] overrides)
    {
        var result = ScenarioLoader.Load(ReadmeExampleTests.RepoFile("scenarios/smart-mix.yaml"), overrides);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }
}
