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
