using Simulation.Core.Network;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// Per-supplier social and cost figures (<see cref="SupplierOutcome.WorkerExposureDays"/>,
/// <see cref="SupplierOutcome.LandedCost"/>) add up to the chain's KPIs, on the smart-mix scenario (every
/// detection channel, certification premiums, follow-up audits, escalations, due-diligence penalties and
/// the buyer's share of remediation costs).
/// </summary>
public sealed class SupplierAttributionTests
{
    private static readonly Lazy<NetworkRunResult[]> SmartMix = new(() =>
    {
        var loaded = ScenarioLoader.Load(RepositoryFiles.Path("scenarios", "smart-mix.yaml"), ["horizon_days=730", "buyers[brand-a].remediation_cost_share=0.5"]);
        Assert.Empty(loaded.Errors);
        return [Run(loaded.Definition!, 0), Run(loaded.Definition!, 1)];
    });

    [Fact]
    public void SupplierExposure_AddsUpExactlyToTheKpi()
    {
        foreach (var result in SmartMix.Value)
        {
            double sum = 0;
            foreach (var supplier in result.Suppliers)
            {
                sum += supplier.WorkerExposureDays;
            }

            Assert.True(result.Kpi("worker_exposure_days") > 1000, "the scenario should expose workers");
            Assert.Equal(result.Kpi("worker_exposure_days"), sum);
            Assert.True(result.Suppliers.Count(s => s.WorkerExposureDays > 0) > 5);
        }
    }

    [Fact]
    public void SupplierLandedCost_AddsUpToTheBuyersPurchaseLogisticsAndSocialCosts()
    {
        foreach (var result in SmartMix.Value)
        {
            double expected = result.Kpi("purchase_cost") + result.Kpi("logistics_cost") + result.Kpi("certification_cost")
                + result.Kpi("audit_cost") + result.Kpi("grievance_escalation_cost") + result.Kpi("penalty_cost")
                + result.Kpi("remediation_support_cost");
            Assert.True(result.Kpi("audit_cost") > 0 && result.Kpi("certification_cost") > 0 && result.Kpi("grievance_escalation_cost") > 0);
            Assert.True(result.Kpi("remediation_support_cost") > 0);
            Assert.Equal(expected, result.Suppliers.Sum(s => s.LandedCost), tolerance: expected * 1e-12);
            Assert.Equal(result.Kpi("delivered_units") > 0, result.Suppliers.Sum(s => s.UnitsToBuyers) > 0);
        }
    }

    [Fact]
    public void LandedCost_IsPricePlusTransportOfTheUnitsDelivered()
    {
        // Ten units a day, from t = 1, each day's order made and shipped at the next day end and
        // delivered a day later. Measured period [20, 100): deliveries at t = 20..99 (80 x 10 units at
        // price 7 = 5,600); shipments at the day ends 20..100 (81, the last one closing the books at the
        // horizon, its goods still in transit) at 15 + 0.5 x 10 = 20 each: 1,620. Landed cost 7,220.
        var definition = new NetworkBuilder(100, warmupDays: 20)
            .Supplier("s", capacityPerDay: 100, leadTimeDays: 1, configure: n => n with { Price = 7, UnitCost = 3 })
            .Buyer("b", DailyDemand(10), BaseStock(20), initialStock: 20,
                [From("s") with { TransportCostPerOrder = 15, TransportCostPerUnit = 0.5 }])
            .Build();

        var outcome = Run(definition).Suppliers.Single();

        Assert.Equal(800, outcome.UnitsToBuyers, 9);
        Assert.Equal(7220, outcome.LandedCost, 9);
        Assert.Equal(0, outcome.WorkerExposureDays);
    }
}
