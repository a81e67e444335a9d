using Simulation.Core.Engine;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Tests.Network.Mechanisms;

/// <summary>
/// The economics part alone, on two suppliers built by hand (no model, no run): the payment waterfall
/// (cash, then credit, then arrears), receipts (repay credit, keep the rest, settle arrears upstream)
/// and an exit, with fakes for production and for the owners an exit tells.
/// </summary>
public sealed class EconomicsPartTests
{
    // Daily cost 5 + 10 * 2 = 25: starting cash 2 days = 50, credit limit 1 day = 25.
    private static NodeDefinition Supplier(string id) => new()
    {
        Id = id,
        Role = NodeRole.Supplier,
        Tier = 1,
        RegionId = "r",
        ProductId = "p",
        Stock = new StockDefinition { ProductId = "p" },
        CapacityPerDay = 10,
        UnitCost = 2,
        FixedCostPerDay = 5,
        StartingCashDays = 2,
    };

    private sealed class FakeProduction : IProductionLines
    {
        public int CashIns;

        public void OnCashIn(Node supplier) => CashIns++;

        public void EndOfDay()
        {
        }

        public bool IsCashBlocked(Node supplier) => false;
    }

    private sealed class FakeOwners : ISupplyChainFinance, ISupplierExit
    {
        public List<string> Calls { get; } = [];

        public void Apply(Node payer, Node payee, ref double termsDays, ref double amount)
        {
        }

        public void Leaving(Node supplier) => Calls.Add("leaving " + supplier.Id + (supplier.Active ? " active" : " gone"));

        public void Left(Node supplier) => Calls.Add("left " + supplier.Id + (supplier.Active ? " active" : " gone"));
    }

    private static (Economics Economics, Node Buyer, Node Seller, FakeProduction Production, FakeOwners Owners) Build()
    {
        var definition = new NetworkDefinition
        {
            Name = "economics",
            HorizonDays = 10,
            Regions = [new RegionDefinition { Id = "r", Credit = new CreditTerms(0.365, 1) }],
            Products = [new ProductDefinition { Id = "p" }],
            Nodes = [Supplier("s1"), Supplier("s2")],
        };
        var nodes = new[] { new Node(0, definition.Nodes[0], 0), new Node(1, definition.Nodes[1], 0) };
        var sim = new Simulator();
        var production = new FakeProduction();
        var owners = new FakeOwners();
        var economics = new Economics(sim, definition, lastDay: 10, linkCount: 1, nodes, nodes, new TotalsLedger(), new EventLog(sim, null), owners, owners);
        economics.Connect(production);
        return (economics, nodes[0], nodes[1], production, owners);
    }

    [Fact]
    public void Starting_cash_and_credit_follow_the_daily_cost()
    {
        var (_, s1, _, _, _) = Build();
        Assert.Equal(25, s1.DailyCost, 12);
        Assert.Equal(50, s1.Cash, 12);
        Assert.Equal(25, s1.CreditLimit, 12);
        Assert.Equal(0.001, s1.CreditDailyRate, 12);
    }

    [Fact]
    public void A_payment_takes_cash_then_credit_and_the_rest_becomes_arrears()
    {
        var (economics, s1, s2, production, _) = Build();
        economics.Pay(s1, 100, s2);

        // 50 from cash, 25 on credit, 25 owed; the payee gets the 75 paid.
        Assert.Equal(0, s1.Cash, 12);
        Assert.Equal(25, s1.CreditBalance, 12);
        Assert.Equal(25, economics.ArrearsOf(s1), 12);
        Assert.True(economics.HasArrears(s1));
        Assert.Equal(0, economics.SpendingPower(s1), 12);
        Assert.Equal(50 + 75, s2.Cash, 12);
        Assert.Equal(1, production.CashIns);

        // 40 comes in: 25 repays credit, 15 is cash; then the 25 owed is paid from 15 cash and 10 credit.
        economics.Receive(s1, 40);
        Assert.Equal(0, s1.Cash, 12);
        Assert.Equal(10, s1.CreditBalance, 12);
        Assert.Equal(0, economics.ArrearsOf(s1), 12);
        Assert.False(economics.HasArrears(s1));
        Assert.Equal(50 + 75 + 25, s2.Cash, 12);
    }

    [Fact]
    public void An_exit_tells_the_owners_before_and_after_the_supplier_leaves()
    {
        var (economics, s1, _, _, owners) = Build();
        Assert.Equal(2, economics.ActiveInTier(1));
        economics.Exit(s1, "terminated");
        Assert.False(s1.Active);
        Assert.Equal("terminated", s1.ExitCause);
        Assert.Equal(1, economics.ActiveInTier(1));
        Assert.Equal(["leaving s1 active", "left s1 gone"], owners.Calls);

        // A supplier that left pays nothing more.
        economics.Pay(s1, 10, payee: null);
        Assert.Equal(50, s1.Cash, 12);
    }
}
