using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

/// <summary>
/// A supplier whose buyers suspended orders (a missed corrective-action deadline under the
/// <c>suspend</c> response) receives no new orders while suspended, whichever way its customer
/// spreads orders over its sources.
/// </summary>
public sealed class SuspendedSourceTests
{
    private const double Horizon = 2000;
    private const double OrderSize = 10;

    // The buyer orders 10 units at t = 0, 1, ..., 1999 (fixed quantity, R = 1; the horizon [0, 2000) is
    // half-open): 2,000 orders.
    private const double Ordered = OrderSize * Horizon;

    [Theory]
    [InlineData(SourcingMode.OnePerOrder)]
    [InlineData(SourcingMode.Split)]
    public void SuspendedSupplier_GetsNoOrders_WhileSuspended(SourcingMode mode)
    {
        // "bad" (share 0.7) has Poisson(20) violations open at day 0 (and more arise) that take a million days to fix; a daily
        // audit of it alone finds them before the end of day 1 and the deadline is 0 days, so from then
        // on it is suspended for good. "good" (share 0.3) is never audited: never suspended. Both are
        // instantaneous with infinite capacity, so units produced = units ordered. Orders placed before
        // the suspension (t = 0 and t = 1, so at most 20 units at 10 a day) may go to "bad"; every
        // later order must go to "good".
        var result = Run(Network(mode));

        double bad = result.Suppliers.Single(s => s.Id == "bad").UnitsProduced;
        double good = result.Suppliers.Single(s => s.Id == "good").UnitsProduced;
        Assert.InRange(result.Kpi("suspended_supplier_days"), Horizon - 2, Horizon);
        Assert.InRange(bad, 0, 2 * OrderSize);
        Assert.Equal(Ordered, bad + good, 6);
    }

    private static NetworkDefinition Network(SourcingMode mode) =>
        new NetworkBuilder(Horizon)
            .Supplier("bad")
            .Supplier("good")
            .Node(FixedOrderBuyer(new StockDefinition
            {
                ProductId = "p",
                Policy = Fixed(OrderSize, reviewDays: 1),
                Sources = [From("bad", 0.7), From("good", 0.3)],
                Sourcing = mode,
            }))
            .Build() with
        {
            Social = SuspendForGood("bad", auditFromDay: 0),
        };

    /// <summary>Buyer "b1" in region "r" holding product "p" in <paramref name="stock"/>, with no demand of its own.</summary>
    internal static NodeDefinition FixedOrderBuyer(StockDefinition stock) => new()
    {
        Id = "b1",
        Role = NodeRole.Buyer,
        RegionId = "r",
        ProductId = "p",
        Stock = stock,
    };

    /// <summary>
    /// A social section that suspends <paramref name="supplier"/> for good by the end of the day after
    /// <paramref name="auditFromDay"/>: Poisson(20) violations open at day 0 that take a million days to
    /// fix, a daily audit of it alone from that day that finds them all, and a deadline of 0 days.
    /// </summary>
    internal static SocialDefinition SuspendForGood(string supplier, double auditFromDay) => new()
    {
        Compliance = new ComplianceDefinition
        {
            Categories = [new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 1, 1)],
            InitialViolationsPerSupplier = 20,
            RemediationDays = Distribution.Constant(1e6),
        },
        CorrectiveActions = new CorrectiveActionDefinition { DeadlineDays = 0, Response = BuyerResponse.Suspend },
        AuditProgrammes =
        [
            new AuditProgrammeDefinition
            {
                Id = "daily",
                Buyers = ["b1"],
                Target = new SupplierTarget { Suppliers = [supplier] },
                DetectionProbability = 1,
                IntervalDaysHigh = 1,
                IntervalDaysMedium = 1,
                IntervalDaysLow = 1,
                StartDay = auditFromDay,
            },
        ],
    };
}
