using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

public sealed class DeterminismTests
{
    /// <summary>Two tiers, two regions, credit, lognormal lead times, disruptions, seasonality.</summary>
    internal static NetworkDefinition Stochastic() =>
        new NetworkBuilder(365, warmupDays: 30)
            .Region("r", leadTimeMultiplier: 1.2, credit: new CreditTerms(0.12, 20))
            .Region("q", leadTimeMultiplier: 1.5)
            .Supplier("t2a", product: "yarn", tier: 2, capacityPerDay: 80, region: "q",
                configure: n => n with { LeadTimeDays = Distribution.LognormalFromMeanAndSd(3, 1), UnitCost = 1, Price = 2, FixedCostPerDay = 20 })
            .Supplier("t2b", product: "yarn", tier: 2, capacityPerDay: 80,
                configure: n => n with { LeadTimeDays = Distribution.Triangular(1, 2, 4), UnitCost = 1, Price = 2, FixedCostPerDay = 20 })
            .Supplier("t1", product: "shirt", tier: 1, capacityPerDay: 120, leadTimeDays: 2,
                configure: n => n with { UnitCost = 2, Price = 6, FixedCostPerDay = 50, Co2eKgPerUnit = 1.5 },
                inputs: Input("yarn", MinMax(200, 500, reviewDays: 0), 400, From("t2a", 0.6), From("t2b", 0.4)))
            .Buyer("b1", DailyDemand(Distribution.Gamma(4, 25)) with { SeasonalAmplitude = 0.2 }, BaseStock(500, reviewDays: 2), initialStock: 400,
                [From("t1")], product: "shirt", configure: n => n with { HoldingCostPerUnitDay = 0.01 })
            .Disruption("strike", "q", Distribution.Exponential(60), Distribution.Exponential(6), scope: DisruptionScope.Region)
            .Disruption("fire", "t1", Distribution.Exponential(120), Distribution.Exponential(3), capacityLost: 0.5)
            .Build();

    [Fact]
    public void SameDefinitionAndSeed_GiveIdenticalResults()
    {
        var a = Run(Stochastic(), replication: 3);
        var b = Run(Stochastic(), replication: 3);

        Assert.Equal(a.KpiValues, b.KpiValues);
        Assert.Equal(a.Daily.Days, b.Daily.Days);
        for (int m = 0; m < a.Daily.Metrics.Count; m++)
        {
            Assert.Equal(a.Daily.Column(m).ToArray(), b.Daily.Column(m).ToArray());
        }

        Assert.Equal(a.Suppliers, b.Suppliers);
        Assert.Equal(a.EventCount, b.EventCount);
        Assert.Equal(3, a.Replication);
    }

    [Fact]
    public void DifferentReplications_Differ()
    {
        var a = Run(Stochastic(), replication: 0);
        var b = Run(Stochastic(), replication: 1);

        Assert.NotEqual(a.Seed, b.Seed);
        Assert.NotEqual(a.Kpi("demand_units"), b.Kpi("demand_units"));
        Assert.NotEqual(a.Kpi("disrupted_supplier_days"), b.Kpi("disrupted_supplier_days"));
    }

    [Fact]
    public void AllKpis_AreFiniteAndTheTimeSeriesSpansTheHorizon()
    {
        var result = Run(Stochastic());

        Assert.Equal(KpiCatalog.All.Count, result.KpiValues.Count);
        Assert.All(result.KpiValues, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(366, result.Daily.Days.Count);
        Assert.Equal(0, result.Daily.Days[0]);
        Assert.Equal(365, result.Daily.Days[^1]);
        Assert.Equal(TimeSeriesCatalog.All.Select(k => k.Name), result.Daily.Metrics);
        Assert.Equal(["t2a", "t2b", "t1"], result.Suppliers.Select(s => s.Id));
        Assert.True(result.Kpi("demand_units") > 0);
        Assert.True(result.Kpi("co2e_kg") > 0);
        Assert.True(result.EventCount > 365);

        // Flows in the series add up to the KPI over the measured period [30, 365): row d holds (d - 1, d].
        double demand = 0;
        var column = result.Daily.Column("demand_units");
        for (int day = 30; day <= 365; day++)
        {
            demand += column[day];
        }

        Assert.Equal(result.Kpi("demand_units"), demand, 6);
    }

    [Fact]
    public void CancelledToken_StopsTheRun()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var context = new Simulation.Core.Replications.ReplicationContext(0, 1, cts.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => NetworkSimulation.Run(Stochastic(), context));
    }

    [Fact]
    public void KpiCatalog_NamesAreUniqueSnakeCaseAndIndexed()
    {
        var names = KpiCatalog.All.Select(k => k.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", n));
        for (int i = 0; i < names.Count; i++)
        {
            Assert.Equal(i, KpiCatalog.IndexOf(names[i]));
        }

        Assert.Equal(-1, KpiCatalog.IndexOf("no_such_kpi"));
        foreach (var required in new[]
        {
            "fill_rate", "lost_sales_units", "backorder_unit_days", "stockout_days", "demand_units", "delivered_units",
            "purchase_cost", "logistics_cost", "holding_cost", "financing_cost", "total_cost", "cost_per_unit",
            "co2e_kg", "co2e_kg_per_unit", "water_l", "supplier_exits", "supplier_exits_tier_1", "supplier_exits_tier_2",
            "supplier_exits_tier_3", "supplier_exits_tier_4_plus", "exits_insolvency", "exits_margin", "exits_micro",
            "exits_small", "exits_medium", "exits_large", "active_suppliers", "liquidity_stress_days",
            "disrupted_supplier_days", "mean_supplier_cash_days",
        })
        {
            Assert.True(KpiCatalog.IndexOf(required) >= 0, required);
        }
    }
}
