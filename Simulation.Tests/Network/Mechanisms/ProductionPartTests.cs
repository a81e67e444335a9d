using Simulation.Core.Engine;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Tests.Network.Mechanisms;

/// <summary>
/// The production part alone, on one batch producer built by hand with fake cash, ordering and
/// fulfilment: batches limited by cash, a restart when cash comes in, and a batch re-timed when a
/// disruption halves its rate (hand-computed times and quantities).
/// </summary>
public sealed class ProductionPartTests
{
    private sealed class FakeCash : IProductionCash
    {
        public double Cash;
        public double Paid;

        public bool HasArrears(Node supplier) => false;

        public double SpendingPower(Node supplier) => Cash;

        public void PayCost(Node supplier, double amount)
        {
            Cash -= amount;
            Paid += amount;
        }

        public void CapacityChanged(Node supplier)
        {
        }
    }

    private sealed class FakeNeighbours : IPositionChanged, IBacklog
    {
        public List<(double Time, double OnHand)> Outputs { get; } = [];

        public Simulator Sim { get; set; } = null!;

        public void PositionChanged(Stock stock)
        {
        }

        public void ServeBacklog(Node supplier) => Outputs.Add((Sim.Now, supplier.Fg.OnHand));
    }

    [Fact]
    public void Batches_follow_cash_and_capacity_and_are_retimed_by_a_disruption()
    {
        // Capacity 10 per day, batches of at most 20, unit cost 1.
        var definition = new NodeDefinition
        {
            Id = "s",
            Role = NodeRole.Supplier,
            Tier = 1,
            RegionId = "r",
            ProductId = "p",
            Stock = new StockDefinition { ProductId = "p" },
            CapacityPerDay = 10,
            BatchSize = 20,
            UnitCost = 1,
        };
        var sim = new Simulator();
        var node = new Node(0, definition, 0);
        node.Fg = new Stock(0, node, definition.Stock, isFinishedGoods: true, quantityPerUnit: 1, new StockClock(sim, 100));
        var cash = new FakeCash { Cash = 15 };
        var neighbours = new FakeNeighbours { Sim = sim };
        Node[] nodes = [node];
        var production = new Production(sim, nodes, nodes, new TotalsLedger(), cash);
        production.Connect(neighbours, neighbours);

        // t = 0: 40 ordered, 15 affordable: a batch of 15 ends at 1.5; cash held production back.
        sim.Schedule(0, () => production.OrderProduction(node, 40), EventPriority.Normal);

        // t = 2: cash comes in: a batch of 20 starts, due to end at 4.
        sim.Schedule(2, () =>
        {
            Assert.True(production.IsCashBlocked(node));
            cash.Cash = 100;
            production.OnCashIn(node);
        }, EventPriority.Normal);

        // t = 3: a disruption halves the rate: 10 units left at 5 per day end at 5; the last 5 units at 5 per day end at 6.
        sim.Schedule(3, () => production.SetCapacityFraction(node, 0.5), EventPriority.Normal);
        sim.Run(10);

        Assert.Equal([(1.5, 15.0), (5.0, 35.0), (6.0, 40.0)], neighbours.Outputs);
        Assert.Equal(40, node.UnitsProduced, 12);
        Assert.Equal(40, cash.Paid, 12);
        Assert.Equal(0, node.Fg.OnOrder, 12);
        Assert.False(production.IsCashBlocked(node));
    }
}
