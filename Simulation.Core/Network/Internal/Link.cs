using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// A resolved <see cref="Definitions.SourceLink"/>: who supplies which stock, and how it ships. It holds
/// indices, not the replication's node and stock objects, so that one array of links serves every
/// replication of a definition (see <see cref="NetworkModel"/>'s constructor).
/// </summary>
internal readonly struct Link(int supplier, int customer, double share, Distribution leadTimeDays, double costPerOrder, double costPerUnit, double co2eKgPerUnit)
{
    /// <summary>Index of the supplying node.</summary>
    public readonly int Supplier = supplier;

    /// <summary>Index of the customer's stock.</summary>
    public readonly int Customer = customer;
    public readonly double Share = share;
    public readonly Distribution LeadTimeDays = leadTimeDays;
    public readonly double TransportCostPerOrder = costPerOrder;
    public readonly double TransportCostPerUnit = costPerUnit;
    public readonly double TransportCo2eKgPerUnit = co2eKgPerUnit;
}
