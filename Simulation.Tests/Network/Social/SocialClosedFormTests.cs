using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Statistics;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network.Social;

public sealed class SocialClosedFormTests
{
    /// <summary>A compliance model with one category and every hazard factor switched off: Poisson arrivals.</summary>
    private static ComplianceDefinition PoissonCompliance(double perYear, double remediationDays) => new()
    {
        Categories = [new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, perYear, 1)],
        CapabilityReduction = 0,
        EnforcementDeterrence = 0,
        UtilisationWeight = 0,
        LiquidityStressWeight = 0,
        SqueezeWeight = 0,
        RemediationDays = Distribution.Constant(remediationDays),
        AssistedRemediationFactor = 1,
    };

    private static NetworkDefinition Suppliers(int count, double horizon, double warmup, SocialDefinition social, int workers = 0)
    {
        var builder = new NetworkBuilder(horizon, warmup);
        var sources = new SourceLink[count];
        for (int i = 0; i < count; i++)
        {
            string id = "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Supplier(id, configure: n => n with { Workers = workers });
            sources[i] = From(id, 1.0 / count);
        }

        builder.Buyer("b", DailyDemand(10), BaseStock(20), initialStock: 20, sources);
        return builder.Build() with { Social = social };
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void OpenViolations_FollowLittlesLaw_WithPeriodicAuditsAndFixedRemediation(double detection)
    {
        // Violations arrive as a Poisson process of rate lambda per supplier; audits every T days find
        // each open one with probability p; remediation takes R days. Each violation is open for the
        // time to detection (T/2 for the first audit after a uniform arrival, plus T (1-p)/p for the
        // audits it survives) plus R, so by Little's law (an M/G/infinity queue) the mean number open is
        //   L = n * lambda * (T/2 + T (1 - p) / p + R).
        const int suppliers = 40;
        const double perYear = 6;
        const double interval = 60;
        const double remediation = 20;
        var social = new SocialDefinition
        {
            Compliance = PoissonCompliance(perYear, remediation),
            CorrectiveActions = new CorrectiveActionDefinition { DeadlineDays = 1e6 },
            AuditProgrammes =
            [
                new AuditProgrammeDefinition
                {
                    Id = "a",
                    Buyers = ["b"],
                    DetectionProbability = detection,
                    IntervalDaysHigh = interval,
                    IntervalDaysMedium = interval,
                    IntervalDaysLow = interval,
                },
            ],
        };
        var definition = Suppliers(suppliers, horizon: 2600, warmup: 600, social, workers: 10);
        double expected = suppliers * perYear / 365 * ((interval / 2) + (interval * (1 - detection) / detection) + remediation);

        var open = new RunningStatistics();
        for (int r = 0; r < 20; r++)
        {
            var result = Run(definition, r);
            open.Add(result.Kpi("open_violations"));

            // Every violation exposes all 10 workers: exposure is 10 x the integral of open violations.
            double exposure = 10 * result.Kpi("open_violations") * 2000;
            Assert.Equal(exposure, result.Kpi("worker_exposure_days"), tolerance: exposure * 1e-12);
        }

        double standardError = open.StandardDeviation / Math.Sqrt(open.Count);
        Assert.InRange(open.Mean, expected - (4 * standardError), expected + (4 * standardError));
        Assert.InRange(open.Mean, expected * 0.95, expected * 1.05);
    }

    [Theory]
    [InlineData(1.0, 100, 100)]
    [InlineData(0.5, 140, 150)]
    public void ADueDiligenceLaw_ShortensTheAuditIntervalsFromItsStartDay(double factor, int fewest, int most)
    {
        // Audits every 100 days from a uniform first one u in [0, 100), over 1,000 days: 10 per supplier.
        // With the law from day 500 at factor 0.5, the audit at u + 400 (before the law) still waits 100
        // days, then they come every 50: u + 500, u + 550, ... < 1,000, which is 10 audits for u < 50 and
        // 9 otherwise. So each supplier has 14 or 15, and 10 suppliers between 140 and 150.
        var social = new SocialDefinition
        {
            Compliance = PoissonCompliance(0, 10),
            AuditProgrammes =
            [
                new AuditProgrammeDefinition { Id = "a", Buyers = ["b"], IntervalDaysHigh = 100, IntervalDaysMedium = 100, IntervalDaysLow = 100 },
            ],
            DueDiligence = new DueDiligenceDefinition { StartDay = 500, AuditIntervalFactor = factor },
        };
        var definition = Suppliers(10, horizon: 1000, warmup: 0, social, workers: 10);

        for (int r = 0; r < 5; r++)
        {
            Assert.InRange(Run(definition, r).Kpi("audits"), fewest, most);
        }
    }

    [Theory]
    [InlineData(200, 200)]
    [InlineData(500, 365)]
    public void Capability_FollowsItsCurveWhileEnrolledAndThenStays(double horizon, double enrolledDays)
    {
        // C(t) = 1 - (1 - C0) exp(-g t / 365) for t <= duration; constant afterwards. Cost: c / 30.4375
        // per enrolled day.
        const double c0 = 0.2;
        const double g = 0.5;
        var social = new SocialDefinition
        {
            CapacityBuilding =
            [
                new CapacityBuildingDefinition { Id = "ta", CapabilityGainPerYear = g, DurationDays = 365, CostPerSupplierMonth = 700 },
            ],
        };
        var definition = new NetworkBuilder(horizon)
            .Supplier("s", configure: n => n with { Capability = c0 })
            .Buyer("b", DailyDemand(10), BaseStock(20), initialStock: 20, [From("s")])
            .Build() with { Social = social };

        var result = Run(definition);

        Assert.Equal(1 - ((1 - c0) * Math.Exp(-g * enrolledDays / 365)), result.Kpi("mean_capability"), 12);
        Assert.Equal(700 / 30.4375 * enrolledDays, result.Kpi("programme_cost"), 9);
    }

    [Fact]
    public void SupplyChainFinance_ChangesCashByExactlyTheDiscountedEarlyPayment()
    {
        // As EconomicsTests.SupplierCash_FollowsPaymentTermsExactly: each day from t = 1 a delivery of
        // 100 arrives at t + 2, normally paid at t + 32. With supply-chain finance paying after 15 days
        // at 10% a year, the supplier gets 100 * (1 - 0.10 * (30 - 15) / 365) at t + 17 instead:
        //   cash(d) = 4500 - 50 d - 40 min(d, 59) + 100 * (1 - 0.1 * 15 / 365) * max(0, d - 17)
        // (the last order is at t = 59: the run is [0, 60)).
        NetworkDefinition Network(IReadOnlyList<SupplyChainFinanceDefinition> offers) => new NetworkBuilder(60)
            .Supplier("s1", capacityPerDay: 100, leadTimeDays: 1, configure: n => n with
            {
                UnitCost = 4,
                Price = 10,
                FixedCostPerDay = 50,
                StartingCashDays = 10,
            })
            .Buyer("b1", DailyDemand(10), BaseStock(20), initialStock: 20, [From("s1")],
                configure: n => n with { PaymentTermsDays = 30 })
            .Build() with { Social = new SocialDefinition { SupplyChainFinance = offers } };

        var without = Cash(Network([]));
        var with = Cash(Network([new SupplyChainFinanceDefinition { Id = "scf", Buyer = "b1", PayAfterDays = 15, AnnualRate = 0.10 }]));

        double received = 100 * (1 - (0.10 * 15 / 365));
        for (int d = 1; d <= 60; d++)
        {
            double costs = (50.0 * d) + (40.0 * Math.Min(d, 59));
            Assert.Equal(4500 - costs + (100.0 * Math.Max(0, d - 32)), without[d], 9);
            Assert.Equal(4500 - costs + (received * Math.Max(0, d - 17)), with[d], 9);
        }

        static Dictionary<int, double> Cash(NetworkDefinition definition)
        {
            var cash = new Dictionary<int, double>();
            Run(definition, options: new NetworkRunOptions
            {
                DayEndProbe = model => cash[(int)Math.Round(model.Now)] = model.CashOf("s1"),
            });
            return cash;
        }
    }

    [Fact]
    public void AddingAnAuditProgramme_DoesNotShiftTheViolationDraws()
    {
        // Violations come from each supplier's own "violation" stream; audits draw from their own
        // streams, so with a hazard that does not depend on anything audits change, the same
        // violations arise with or without them.
        var quiet = new SocialDefinition { Compliance = PoissonCompliance(4, 30) };
        var audited = quiet with
        {
            AuditProgrammes = [new AuditProgrammeDefinition { Id = "a", Buyers = ["b"], DetectionProbability = 0.8 }],
        };

        var without = Run(Suppliers(10, horizon: 730, warmup: 0, quiet), 3);
        var with = Run(Suppliers(10, horizon: 730, warmup: 0, audited), 3);
        var again = Run(Suppliers(10, horizon: 730, warmup: 0, audited), 3);

        Assert.True(without.Kpi("violations_arisen") > 50);
        Assert.Equal(without.Kpi("violations_arisen"), with.Kpi("violations_arisen"));
        Assert.Equal(0, without.Kpi("violations_detected"));
        Assert.True(with.Kpi("violations_detected") > 0);
        Assert.True(with.Kpi("open_violations") < without.Kpi("open_violations"));
        Assert.Equal(with.KpiValues, again.KpiValues);
    }
}
