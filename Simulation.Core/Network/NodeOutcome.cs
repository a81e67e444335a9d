using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// One node's results in one replication (<c>nodes.parquet</c>): buyers, distribution centres and
/// suppliers alike, so a user can check each site against a reference tool. Flows and integrals
/// cover the measured period [warm-up, horizon); <see cref="EndOnHand"/> is the level at the horizon.
/// </summary>
/// <param name="Id">The node id.</param>
/// <param name="Role">Buyer, distribution centre or supplier.</param>
/// <param name="Tier">Its tier (0 for buyers and distribution centres).</param>
/// <param name="RegionId">Its region.</param>
/// <param name="EndOnHand">Finished goods on hand at the horizon.</param>
/// <param name="MeanOnHand">Time-average of finished goods on hand over the measured period (an exact integral / its length).</param>
/// <param name="OrdersPlaced">Replenishment orders it placed with its sources (a split order counts once per source; a supplier's inputs included).</param>
/// <param name="UnitsOrdered">Units of those orders.</param>
/// <param name="OrdersReceived">Replenishment shipments that reached it.</param>
/// <param name="UnitsReceived">Units of those shipments.</param>
/// <param name="HoldingCost">Holding cost: exact integral of on hand (finished goods and inputs) times its holding cost per unit-day.</param>
/// <param name="TransportCost">Transport cost of shipments to it, and for a buyer of its customer deliveries.</param>
/// <param name="PurchaseCost">Price of the goods it received from suppliers (transfers between distribution centres and buyers are internal: 0).</param>
/// <param name="Revenue">For a buyer, units sold x selling price; for a supplier, price x units delivered to its customers; 0 for a distribution centre.</param>
/// <param name="CustomerOrders">Orders its customers placed with it (end-customer orders at a buyer, replenishment orders from downstream elsewhere).</param>
/// <param name="UnitsSold">Units it delivered to its customers (shipped downstream, or handed to end customers).</param>
/// <param name="LostUnits">Customer demand it lost (lost-sales buyers only).</param>
/// <param name="FillRate">Customer units met from stock when ordered / units ordered of it (1 when none).</param>
public sealed record NodeOutcome(
    string Id,
    NodeRole Role,
    int Tier,
    string RegionId,
    double EndOnHand,
    double MeanOnHand,
    long OrdersPlaced,
    double UnitsOrdered,
    long OrdersReceived,
    double UnitsReceived,
    double HoldingCost,
    double TransportCost,
    double PurchaseCost,
    double Revenue,
    long CustomerOrders,
    double UnitsSold,
    double LostUnits,
    double FillRate);
