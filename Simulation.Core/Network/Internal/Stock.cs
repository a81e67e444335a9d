using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// One stock of a node: its finished goods or one of its inputs. Inventory position =
/// <see cref="OnHand"/> + <see cref="OnOrder"/> - <see cref="Backorders"/>.
/// </summary>
/// <remarks>
/// <see cref="OnOrder"/> is what has been ordered and not yet received: open orders at suppliers and
/// shipments in transit, or, for a supplier's finished goods, production ordered and not yet output.
/// <see cref="Backorders"/> is demand the stock owes: end-customer backorders at a buyer, the open
/// customer orders of a supplier or distribution centre; inputs have none.
/// </remarks>
internal sealed class Stock
{
    public Stock(int index, Node owner, StockDefinition definition, bool isFinishedGoods, double quantityPerUnit, StockClock clock)
    {
        _clock = clock;
        Index = index;
        Owner = owner;
        IsFinishedGoods = isFinishedGoods;
        QuantityPerUnit = quantityPerUnit;
        var policy = definition.Policy;
        Kind = policy.Kind;
        ReviewPeriodDays = policy.ReviewPeriodDays;
        ReorderPoint = policy.ReorderPoint;
        OrderUpTo = policy.OrderUpTo;
        OrderQuantity = policy.OrderQuantity;
        Capacity = definition.Capacity;
        _onHand = definition.InitialStock;
        OnePerOrder = definition.Sourcing == SourcingMode.OnePerOrder;
        ContinuousReview = Kind != InventoryPolicyKind.None && Kind != InventoryPolicyKind.FixedQuantity && !(ReviewPeriodDays > 0);
    }

    public readonly int Index;
    public readonly Node Owner;
    public readonly bool IsFinishedGoods;
    public readonly double QuantityPerUnit;
    public readonly InventoryPolicyKind Kind;
    public readonly double ReviewPeriodDays;
    public readonly double ReorderPoint;
    public readonly double OrderUpTo;
    public readonly double OrderQuantity;
    public readonly double Capacity;
    public readonly bool ContinuousReview;
    public readonly bool OnePerOrder;

    public int FirstLink;
    public int LinkCount;
    public int ShareVersion = -1;
    public double ActiveShareSum;

    // One source per order (SourcingMode.OnePerOrder): the draws, and the running sums of the active
    // sources' shares over the stock's links (rebuilt with ActiveShareSum after an exit).
    public RandomStream? SourcingStream;
    public double[] CumulativeShares = [];

    private readonly StockClock _clock;
    private double _onHand;
    private double _area;
    private double _since;

    /// <summary>Units on hand; every change first brings the time integral of the level up to now (exact, for holding cost and mean stock).</summary>
    public double OnHand
    {
        get => _onHand;
        set
        {
            double now = _clock.Now;
            _area += Math.Max(0, _onHand) * (now - _since);
            _since = now;
            _onHand = value;
        }
    }

    /// <summary>∫ max(0, on hand) dt from day 0 to <paramref name="time"/> (not before the last change).</summary>
    public double AreaAt(double time) => _area + (Math.Max(0, _onHand) * Math.Max(0, time - _since));

    public double OnOrder;
    public double Backorders;

    public double Position => OnHand + OnOrder - Backorders;
}

/// <summary>The clock stocks read to integrate their levels: the simulated time, capped at the horizon.</summary>
internal sealed class StockClock(Engine.Simulator sim, double horizon)
{
    public double Now => Math.Min(sim.Now, horizon);
}
