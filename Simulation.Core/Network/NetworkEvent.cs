namespace Simulation.Core.Network;

/// <summary>
/// One notable happening in a replication, as recorded through <see cref="NetworkRunOptions.EventRecorder"/>.
/// Event types and their fields are listed in <see cref="NetworkEventTypes"/>.
/// </summary>
/// <param name="Time">The simulated time (days since day 0).</param>
/// <param name="Entity">The id of the node or disruption it concerns.</param>
/// <param name="Type">A snake_case event type from <see cref="NetworkEventTypes"/>.</param>
/// <param name="Value">The event's number (meaning per type); NaN when the type has none.</param>
/// <param name="Detail">The event's text (meaning per type); null when the type has none.</param>
public readonly record struct NetworkEvent(double Time, string Entity, string Type, double Value, string? Detail);

/// <summary>The event types the model records, with the meaning of their value and detail.</summary>
public static class NetworkEventTypes
{
    /// <summary>A disruption starts; entity = disruption id, value = capacity fraction lost, detail = scope ("supplier" or "region") and target id.</summary>
    public const string DisruptionStart = "disruption_start";

    /// <summary>A disruption ends; entity = disruption id, value = capacity fraction restored, detail = scope and target id.</summary>
    public const string DisruptionEnd = "disruption_end";

    /// <summary>A supplier leaves the chain; entity = supplier id, value = its cash at exit, detail = cause ("insolvency" or "margin").</summary>
    public const string SupplierExit = "supplier_exit";
}

/// <summary>
/// One step of an order's life (<c>order_events.parquet</c>, with <c>--order-events</c>): placed,
/// shipped (once per shipment: a backlog served in parts ships several times), received, and for
/// end-customer orders at buyers, ordered and delivered. Every flow time is a difference of two
/// event times of one <see cref="OrderId"/>.
/// </summary>
/// <param name="Time">The simulated time (days since day 0).</param>
/// <param name="Type">A type from <see cref="OrderEventTypes"/>.</param>
/// <param name="OrderId">The order's number, unique within the replication (customer orders share the numbering).</param>
/// <param name="Customer">The ordering node, or for an end-customer order the buyer's stream (<c>buyer/stream</c>).</param>
/// <param name="Supplier">The node that fills it (for an end-customer order, the buyer).</param>
/// <param name="Quantity">Units placed, shipped or received by this step.</param>
public readonly record struct OrderEvent(double Time, string Type, long OrderId, string Customer, string Supplier, double Quantity);

/// <summary>The steps of an order recorded through <see cref="NetworkRunOptions.OrderRecorder"/>.</summary>
public static class OrderEventTypes
{
    /// <summary>A replenishment order placed with a source; quantity = units ordered.</summary>
    public const string Placed = "order_placed";

    /// <summary>A shipment of (part of) an order left its supplier; quantity = units shipped.</summary>
    public const string Shipped = "order_shipped";

    /// <summary>A shipment reached the customer node; quantity = units received (0 units are lost when the customer left the chain).</summary>
    public const string Received = "order_received";

    /// <summary>An end customer ordered from a buyer's stream; quantity = units ordered.</summary>
    public const string CustomerOrdered = "customer_ordered";

    /// <summary>Units of an end-customer order reached the customer (at the order, at a backorder fill, or after the delivery leg); quantity = units.</summary>
    public const string CustomerDelivered = "customer_delivered";
}
