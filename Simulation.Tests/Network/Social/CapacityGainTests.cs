using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// Capacity building's <c>capacity_gain</c>: capacity = capacity_per_day * (1 + k * G), G = C - C(0),
/// set at every review (docs/model.md, mechanism 7).
/// </summary>
public sealed class CapacityGainTests
{
    private const double BaseCapacity = 100;
    private const double C0 = 0.2;
    private const double GainPerYear = 0.5;
    private const double DurationDays = 365;
    private const double ReviewDays = 7;
    private const double Horizon = 730;

    /// <summary>G(t) = (1 - C0)(1 - exp(-g min(t, duration) / 365)): enrolled at day 0, then it stays.</summary>
    private static double Gain(double t) => (1 - C0) * (1 - Math.Exp(-GainPerYear * Math.Min(t, DurationDays) / 365));

    /// <summary>
    /// One supplier, enrolled at day 0, saturated: the buyer orders far more at day 0 than it can make
    /// over the horizon. <paramref name="batchSize"/> infinite = daily runs.
    /// </summary>
    private static NetworkDefinition Saturated(double capacityGain, double batchSize) =>
        new NetworkBuilder(Horizon)
            .Supplier("s", capacityPerDay: BaseCapacity, configure: n => n with { Capability = C0, BatchSize = batchSize })
            .Buyer("b", DailyDemand(10), BaseStock(1e6), initialStock: 0, [From("s")])
            .Build() with
        {
            Social = new SocialDefinition
            {
                Compliance = new ComplianceDefinition { ReviewDays = ReviewDays },
                CapacityBuilding =
                [
                    new CapacityBuildingDefinition
                    {
                        Id = "ta",
                        Target = new SupplierTarget { Suppliers = ["s"] },
                        CapabilityGainPerYear = GainPerYear,
                        DurationDays = DurationDays,
                        CapacityGain = capacityGain,
                    },
                ],
            },
        };

    [Theory]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(10, 10)]
    public void SaturatedSupplier_MakesTheIntegralOfItsGrownCapacity(double batchSize, double unfinishedBatch)
    {
        // Capacity is set at each review r = 7, 14, ... from the capability then and holds until the
        // next: a step function cap(t) = B (1 + k G(7 floor(t / 7))). Saturated, the supplier makes
        // exactly its integral over [0, H]: a daily run planned at the end of day d (after that day's
        // review) makes cap(d) by the end of day d + 1; a batch runs at the rate cap(t), re-timed at
        // each review, and the batch still running at the horizon (at most one) is not counted.
        const double k = 0.3;
        double stepped = 0;
        for (double r = 0; r < Horizon; r += ReviewDays)
        {
            stepped += BaseCapacity * (1 + (k * Gain(r))) * (Math.Min(r + ReviewDays, Horizon) - r);
        }

        // The continuous curve: B (H + k (1 - C0) (D - 365 / g (1 - exp(-g D / 365)) + (1 - exp(-g D / 365)) (H - D))).
        double a = GainPerYear / 365;
        double decayed = 1 - Math.Exp(-a * DurationDays);
        double continuous = BaseCapacity * (Horizon + (k * (1 - C0) * (DurationDays - (decayed / a) + (decayed * (Horizon - DurationDays)))));

        double produced = Run(Saturated(k, batchSize)).Suppliers[0].UnitsProduced;

        Assert.InRange(produced, stepped - unfinishedBatch - 1e-6, stepped + 1e-6);

        // The steps sample G at the start of each window, so they lag the curve: G rises, so the
        // integral falls short of the continuous one, by at most B k R G(H) (each window loses at most
        // R times its rise in G, and the rises add up to G(H)); about half that, as G is nearly linear
        // over a window.
        double lagBound = BaseCapacity * k * ReviewDays * Gain(Horizon);
        Assert.InRange(continuous - stepped, 0.3 * lagBound, 0.7 * lagBound);
        Assert.True(produced > BaseCapacity * Horizon * 1.07, $"produced {produced}: capacity building should add about 7.5%");
    }

    [Fact]
    public void Disruptions_TakeTheirShareOfTheGrownCapacity()
    {
        // A disruption halves capacity for 4.4 days in every 49.7 (up first, from day 0), so its
        // transitions fall inside days, batches and review windows. A saturated batch producer runs at
        // the rate cap(t) * f(t) throughout, re-timed at every change of either factor, so it makes the
        // integral of their product, less the batch still running at the horizon.
        const double k = 0.3;
        const double up = 45.3;
        const double down = 4.4;
        const double batch = 10;
        var definition = Saturated(k, batch);
        definition = definition with
        {
            Disruptions =
            [
                new DisruptionDefinition
                {
                    Id = "flood",
                    Scope = DisruptionScope.Supplier,
                    TargetId = "s",
                    TimeBetweenDays = Distribution.Constant(up),
                    DurationDays = Distribution.Constant(down),
                    CapacityLost = 0.5,
                },
            ],
        };

        var breaks = new SortedSet<double> { Horizon };
        for (double r = 0; r < Horizon; r += ReviewDays)
        {
            breaks.Add(r);
        }

        for (double start = up; start < Horizon; start += up + down)
        {
            breaks.Add(start);
            breaks.Add(Math.Min(start + down, Horizon));
        }

        double expected = 0;
        double from = 0;
        foreach (double to in breaks.Where(b => b > 0))
        {
            double middle = (from + to) / 2;
            double fraction = middle % (up + down) >= up ? 0.5 : 1;
            double capacity = BaseCapacity * (1 + (k * Gain(ReviewDays * Math.Floor(middle / ReviewDays))));
            expected += capacity * fraction * (to - from);
            from = to;
        }

        double produced = Run(definition).Suppliers[0].UnitsProduced;

        Assert.InRange(produced, expected - batch - 1e-6, expected + 1e-6);
    }

    [Fact]
    public void WithoutCapacityGain_TheSaturatedSupplierMakesItsDefinedCapacity()
    {
        Assert.Equal(BaseCapacity * Horizon, Run(Saturated(0, double.PositiveInfinity)).Suppliers[0].UnitsProduced, 9);
    }

    [Fact]
    public void Utilisation_IsMeasuredAgainstTheGrownCapacity_SoAFullSupplierStaysAtOne()
    {
        // With the utilisation weight on, a supplier saturated at its grown capacity is at utilisation 1
        // in every window, so its hazard is rate * (1 + w * (1 - u0) / (1 - u0)) = rate * (1 + w) with
        // or without capacity gain: the same violations arise on the same streams.
        NetworkDefinition WithHazard(double k)
        {
            var definition = Saturated(k, double.PositiveInfinity);
            return definition with
            {
                Social = definition.Social! with
                {
                    Compliance = new ComplianceDefinition
                    {
                        ReviewDays = ReviewDays,
                        Categories = [new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 20, 1)],
                        CapabilityReduction = 0,
                        EnforcementDeterrence = 0,
                        UtilisationWeight = 2,
                        LiquidityStressWeight = 0,
                        SqueezeWeight = 0,
                        RemediationDays = Distribution.Constant(10),
                    },
                },
            };
        }

        var grown = Run(WithHazard(0.3), 1);
        var flat = Run(WithHazard(0), 1);

        Assert.True(grown.Suppliers[0].UnitsProduced > flat.Suppliers[0].UnitsProduced * 1.07);
        Assert.True(flat.Kpi("violations_arisen") > 20);
        Assert.Equal(flat.Kpi("violations_arisen"), grown.Kpi("violations_arisen"));
    }

    [Fact]
    public void CapacityGainZero_GivesTheSameResultsAsNoKey()
    {
        // Through the loader: a programme raising capability of a supplier whose capacity binds, once
        // without the key and once with capacity_gain: 0; every KPI, series value and supplier outcome
        // is identical (the default is neutral). A positive value does change the outcome.
        const string Scenario = """
            name: t
            horizon_days: 200
            regions:
              - id: r1
            products:
              - id: good
            buyers:
              - id: b1
                region: r1
                product: good
                demand: {quantity: {dist: normal, mean: 120, sd: 40}}
                inventory: {policy: {type: base_stock, review_period_days: 1, order_up_to: 500}}
                sources: [{supplier: s1, share: 1}]
            suppliers:
              - {id: s1, tier: 1, region: r1, product: good, capacity_per_day: 100, capability: 0.2, unit_cost: 2, price: 4}
            social:
              compliance:
                wages_and_hours: {violations_per_supplier_year: 3}
              capacity_building:
                - id: ta
                  target: {suppliers: [s1]}
                  capability_gain_per_year: 2
                  productivity_gain: 0.2

            """;
        using var folder = new ScenarioFolder();
        NetworkRunResult Run(string yaml)
        {
            ScenarioLoadResult loaded = folder.Load(yaml);
            Assert.Empty(loaded.Errors);
            return NetworkBuilder.Run(loaded.Definition!, 2);
        }

        var omitted = Run(Scenario);
        var zero = Run(Scenario + "      capacity_gain: 0\n");
        var positive = Run(Scenario + "      capacity_gain: 0.5\n");

        Assert.Equal(omitted.KpiValues, zero.KpiValues);
        Assert.Equal(omitted.Suppliers, zero.Suppliers);
        for (int m = 0; m < omitted.Daily.Metrics.Count; m++)
        {
            Assert.Equal(omitted.Daily.Column(m).ToArray(), zero.Daily.Column(m).ToArray());
        }

        Assert.Equal(omitted.EventCount, zero.EventCount);
        Assert.True(positive.Kpi("units_produced") > omitted.Kpi("units_produced") * 1.05, $"{positive.Kpi("units_produced")} {omitted.Kpi("units_produced")} {omitted.Kpi("mean_capability")}");
    }
}
