using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

public sealed class EconomicsTests
{
    [Fact]
    public void SupplierCash_FollowsPaymentTermsExactly()
    {
        // s1: capacity 100/day, unit cost 4, price 10, fixed 50/day, 10 days of cost as starting cash:
        // daily cost 50 + 100 * 4 = 450, cash 4500. The buyer (S = 20, on hand 20) orders 10 at every
        // review t = 1, 2, ...; s1 plans each order in the daily run that starts at t (pays 40 then),
        // outputs it at the end of day t + 1, ships with lead time 1: it arrives at t + 2. The buyer pays
        // 100 thirty days after delivery, at the end of day t + 32. So at the end of day d:
        //   cash(d) = 4500 - 50 d - 40 min(d, 59) + 100 * max(0, d - 32)
        // (the last review is at t = 59: the run is [0, 60); the day end at 60 closes the books).
        var definition = new NetworkBuilder(60)
            .Supplier("s1", capacityPerDay: 100, leadTimeDays: 1, configure: n => n with
            {
                UnitCost = 4,
                Price = 10,
                FixedCostPerDay = 50,
                StartingCashDays = 10,
            })
            .Buyer("b1", DailyDemand(10), BaseStock(20), initialStock: 20, [From("s1")],
                configure: n => n with { PaymentTermsDays = 30 })
            .Build();
        var cash = new Dictionary<int, double>();

        var result = Run(definition, options: new NetworkRunOptions
        {
            DayEndProbe = model => cash[(int)Math.Round(model.Now)] = model.CashOf("s1"),
        });

        static double Expected(int d) => 4500 - (50.0 * d) - (40.0 * Math.Min(d, 59)) + (100.0 * Math.Max(0, d - 32));
        foreach (int day in new[] { 1, 10, 32, 33, 34, 40, 60 })
        {
            Assert.Equal(Expected(day), cash[day], 9);
        }

        var s1 = result.Suppliers[0];
        Assert.Equal(1940, s1.FinalCash, 9);
        Assert.Equal(590, s1.UnitsProduced, 9);  // orders of t = 1..59, made by t + 1 <= 60
        Assert.Equal(5700, s1.Revenue, 9);       // orders of t = 1..57, delivered at t + 2 < 60
        Assert.Equal(5700, result.Kpi("purchase_cost"), 9);
        Assert.Equal(0, s1.LiquidityStressDays);
        Assert.Equal(0, result.Kpi("liquidity_stress_days"));
    }

    [Fact]
    public void SupplierPaysItsInputsOnItsOwnTermsAndTheTier2SupplierIsPaidThen()
    {
        // t1 (tier 1) buys "raw" from t2 at price 3 with its own 5-day terms. The buyer orders 10 at t=0
        // only; t1 makes them at once from the 10 raw units it holds and ships them (lead 0). Its input
        // policy (base stock 10, daily) reorders the 10 used at its review at t=1; they arrive at once,
        // so t1 owes 30 at t = 6. The buyer owes t1 70 at t = 0 + 2.
        var definition = new NetworkBuilder(8)
            .Supplier("t2", product: "raw", tier: 2, configure: n => n with { Price = 3, StartingCashDays = 0 })
            .Supplier("t1", tier: 1, inputs: Input("raw", BaseStock(10), 10, From("t2")),
                configure: n => n with { PaymentTermsDays = 5, StartingCashDays = 0, Price = 7 })
            .Buyer("b1", demand: null, Fixed(10, reviewDays: 1000), initialStock: 0, [From("t1")],
                configure: n => n with { PaymentTermsDays = 2 })
            .Build();
        var t1 = new List<double>();
        var t2 = new List<double>();

        var result = Run(definition, options: new NetworkRunOptions
        {
            DayEndProbe = model =>
            {
                t1.Add(model.CashOf("t1"));
                t2.Add(model.CashOf("t2"));
            },
        });

        // Day ends 1..8. The buyer pays t1 70 at the end of day 2; t1 pays t2 30 at the end of day 6.
        Assert.Equal([0.0, 70, 70, 70, 70, 40, 40, 40], t1);
        Assert.Equal([0.0, 0, 0, 0, 0, 30, 30, 30], t2);
        Assert.Equal(30, result.Suppliers[0].Revenue, 9);
        Assert.Equal(70, result.Suppliers[1].Revenue, 9);
    }

    [Fact]
    public void Insolvency_ExitsAfterTheConfiguredConsecutiveStressDays()
    {
        // Daily cost 9 + 10 * 1 = 19, starting cash 2 days = 38, fixed cost 9 a day, no customers.
        // Cash ends days 1-4 at 29, 20, 11, 2; on day 5 it pays 2 and owes 7: stress days 5, 6, ...;
        // with InsolvencyExitDays = 10 it leaves at the end of day 14.
        var definition = StarvingSupplier(credit: null);

        var result = Run(definition);

        var s1 = result.Suppliers[0];
        Assert.False(s1.Active);
        Assert.Equal(14, s1.ExitDay);
        Assert.Equal("insolvency", s1.ExitCause);
        Assert.Equal(10, s1.LiquidityStressDays);
        Assert.Equal(0, s1.FinalCash);
        Assert.Equal(1, result.Kpi("supplier_exits"));
        Assert.Equal(1, result.Kpi("supplier_exits_tier_1"));
        Assert.Equal(1, result.Kpi("exits_insolvency"));
        Assert.Equal(0, result.Kpi("exits_margin"));
        Assert.Equal(1, result.Kpi("exits_small"));
        Assert.Equal(0, result.Kpi("active_suppliers"));
        Assert.Equal(10, result.Kpi("liquidity_stress_days"));
        Assert.Equal([1.0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], result.Daily.Column("active_suppliers_tier_1").ToArray());
    }

    [Fact]
    public void Credit_DelaysInsolvencyAndChargesDailyInterest()
    {
        // As above with credit up to 1 day of cost (19) at 365% a year (1% a day). Day 5: cash 2, draws
        // 7. Day 6: interest 0.07, fixed 9 -> balance 16.07. Day 7: interest 0.1607 -> 16.2307, fixed 9:
        // 2.7693 more fits, 6.2307 becomes arrears: stress days start on day 7, so the exit is on day 16.
        var definition = StarvingSupplier(credit: new CreditTerms(AnnualRate: 3.65, LimitDaysOfCost: 1));
        var credit = new List<double>();

        var result = Run(definition, options: new NetworkRunOptions { DayEndProbe = m => credit.Add(m.CreditOf("s1")) });

        Assert.Equal(7, credit[4], 9);
        Assert.Equal(16.07, credit[5], 9);
        Assert.Equal(19, credit[6], 9);
        Assert.Equal(16, result.Suppliers[0].ExitDay);
        Assert.Equal(10, result.Suppliers[0].LiquidityStressDays);

        // Interest is 1% a day of the balance at each day's end until the exit: days 6..16.
        double interest = 0.07 + 0.1607 + (9 * 0.19);
        Assert.Equal(interest, result.Kpi("financing_cost"), 9);
    }

    [Fact]
    public void Margin_BelowTheAlternativeMarketsAtAReview_IsAnExitAndCustomersMoveTheirShare()
    {
        // b1 (S = 30) buys half from s1 (price 5 < unit cost 6) and half from s2 (price 10). Margin reviews
        // every 30 days, alternative margins 0 and 0.1. An order placed at review t is planned in the
        // daily run that starts at t, made by the day end t+1 and, 1 day in transit, arrives at t+2.
        // At the end of day 30, s1's margin is (28 * 25 - 30 * 30) / 700 < 0: it leaves; s2's is
        // (1400 - 900) / 1400 > 0.1: it stays. s1 made the orders of t = 1..29 (145 units); the run
        // planned for t=30 is lost and that open order dropped, so at t=31 b1 reorders 15, all from s2.
        // s2 makes 5 for each t = 1..30, 15 for t=31 and 10 for t = 32..59 (made by t+1 <= 60):
        // 150 + 15 + 280 = 445. The 5 units short at t=33 are the only shortage: fill rate 585 / 590 (orders at
        // t = 1..59: the run is [0, 60)).
        var definition = new NetworkBuilder(60)
            .Economics(marginReviewDays: 30)
            .Supplier("s1", capacityPerDay: 100, leadTimeDays: 1, configure: n => n with { UnitCost = 6, Price = 5, AlternativeMargin = 0 })
            .Supplier("s2", capacityPerDay: 100, leadTimeDays: 1, configure: n => n with { UnitCost = 6, Price = 10, AlternativeMargin = 0.1 })
            .Buyer("b1", DailyDemand(10), BaseStock(30), initialStock: 30, [From("s1", 0.5), From("s2", 0.5)])
            .Build();

        var result = Run(definition);

        var s1 = result.Suppliers[0];
        var s2 = result.Suppliers[1];
        Assert.False(s1.Active);
        Assert.Equal(30, s1.ExitDay);
        Assert.Equal("margin", s1.ExitCause);
        Assert.True(s2.Active);
        Assert.Equal(145, s1.UnitsProduced, 9);
        Assert.Equal(445, s2.UnitsProduced, 9);
        Assert.Equal(1, result.Kpi("exits_margin"));
        Assert.Equal(585.0 / 590, result.Kpi("fill_rate"), 12);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(30, true)]
    public void MarginWindows_StartAtTheEndOfTheWarmup(double warmupDays, bool staysActive)
    {
        // s1 (unit cost 6, price 10, alternative margin 0.1) makes the buyer's 10 a day, shipped 25 days
        // away: the order of review t arrives at t + 27. Margin reviews every 30 days. A window opened at
        // day 0 sees costs for t = 1..30 (1,800) but revenue only for the arrivals t = 27..30 (400):
        // m < 0, so s1 leaves at day 30. With a 30-day warm-up the first window is (30, 60]: revenue
        // 30 * 100 = 3,000, costs 1,800, m = 0.4 >= 0.1, and so at day 90: s1 stays.
        var definition = new NetworkBuilder(100, warmupDays)
            .Economics(marginReviewDays: 30)
            .Supplier("s1", capacityPerDay: 100, leadTimeDays: 25, configure: n => n with { UnitCost = 6, Price = 10, AlternativeMargin = 0.1 })
            .Buyer("b1", DailyDemand(10), BaseStock(300), initialStock: 300, [From("s1")])
            .Build();

        var result = Run(definition);

        var s1 = result.Suppliers[0];
        Assert.Equal(staysActive, s1.Active);
        Assert.Equal(staysActive ? null : 30, s1.ExitDay);
        Assert.Equal(staysActive ? 0 : 1, result.Kpi("exits_margin"));
    }

    [Fact]
    public void ASupplierThatCashHoldsBack_IsInStressEveryDay_AndLeavesSoItsCustomersCanMoveOn()
    {
        // b1 (S = 20, backorders) buys half from s1 and half from s2 (infinite capacity, lead 0). s1 makes
        // to order at unit cost 10 but has 10 in cash, no credit and a price of 10.5 paid a day after
        // delivery: every day it can pay for only about 1 of the 5 units due, so its backlog, which b1
        // counts as on order, only grows. A day on which cash holds production back is a stress day,
        // whether or not a unit was made, so s1 leaves at the end of day 10 (InsolvencyExitDays = 10), its
        // open orders are dropped and b1 reorders everything from s2. (Counting only days with no
        // production at all as stress, s1 alternated between making 1 unit and none, never had 10
        // stress days in a row, and held half of b1's supply for the whole run: fill rate about 0.5.)
        var definition = new NetworkBuilder(100)
            .Economics(insolvencyExitDays: 10)
            .Supplier("s1", capacityPerDay: 100, configure: n => n with { UnitCost = 10, Price = 10.5, StartingCashDays = 0.01 })
            .Supplier("s2", configure: n => n with { Price = 10 })
            .Buyer("b1", DailyDemand(10), BaseStock(20), initialStock: 20, [From("s1", 0.5), From("s2", 0.5)],
                configure: n => n with { PaymentTermsDays = 1 })
            .Build();

        var result = Run(definition);

        var s1 = result.Suppliers[0];
        Assert.False(s1.Active);
        Assert.Equal("insolvency", s1.ExitCause);
        Assert.Equal(10, s1.ExitDay);
        Assert.Equal(10, s1.LiquidityStressDays);
        Assert.True(result.Kpi("fill_rate") > 0.9, $"fill rate {result.Kpi("fill_rate")}");
    }

    [Fact]
    public void ExitOfTheOnlySource_StopsReplenishmentAndDropsOpenOrders()
    {
        // s1 cannot pay its fixed cost from day 1, so it never starts production (arrears stall it), and it
        // leaves at the end of day 3; the buyer then has no source left, places no more orders and runs out.
        var definition = new NetworkBuilder(20)
            .Economics(insolvencyExitDays: 3)
            .Supplier("s1", capacityPerDay: 5, configure: n => n with { FixedCostPerDay = 1, StartingCashDays = 0 })
            .Buyer("b1", DailyDemand(10), BaseStock(30), initialStock: 30, [From("s1")])
            .Build();

        var result = Run(definition);

        Assert.Equal(3, result.Suppliers[0].ExitDay);
        Assert.Equal(0, OnHandAtEnd(result));
        Assert.True(result.Kpi("fill_rate") < 0.5);
        Assert.Equal(3, result.Kpi("replenishment_orders")); // t = 1, 2, 3; none at t = 0 (position 30) nor after the exit
        Assert.Equal(30.0 / 190, result.Kpi("fill_rate"), 12);  // its 30 units at t = 1, 2, 3, of the orders at t = 1..19
        Assert.Equal(0, result.Suppliers[0].UnitsProduced);
    }

    private static NetworkDefinition StarvingSupplier(CreditTerms? credit) =>
        new NetworkBuilder(20)
            .Region("r", credit: credit)
            .Economics(insolvencyExitDays: 10)
            .Supplier("s1", capacityPerDay: 10, configure: n => n with
            {
                UnitCost = 1,
                FixedCostPerDay = 9,
                StartingCashDays = 2,
                Size = SizeClass.Small,
            })
            .Build();

    private static double OnHandAtEnd(NetworkRunResult result) => MaterialFlowTests.OnHandAtEnd(result);
}
