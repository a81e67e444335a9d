namespace Simulation.Core.Network;

/// <summary>
/// One node's running flows since day 0 (<c>nodes.parquet</c>): a copy at the end of the warm-up turns
/// them into the measured period's (later minus earlier), as <see cref="Totals"/> does for the network.
/// </summary>
internal struct NodeFlows
{
    public long OrdersPlaced;
    public double UnitsOrdered;
    public long OrdersReceived;
    public double UnitsReceived;
    public double LeadTimeSum;
    public double TransportCost;
    public double PurchaseCost;
    public double Revenue;
    public long CustomerOrders;
    public double UnitsDemanded;
    public double MetOnArrival;
    public double UnitsSold;
    public double LostUnits;
}

/// <summary>Every node's <see cref="NodeFlows"/>, indexed by node, posted to by the parts that move goods and money.</summary>
internal sealed class NodeLedger(int nodes)
{
    public readonly NodeFlows[] Of = new NodeFlows[nodes];
}

/// <summary>Numbers orders (replenishment and end-customer) in the order they are placed, for the order events.</summary>
internal sealed class OrderNumbers
{
    private long _next;

    public long Next() => _next++;
}
