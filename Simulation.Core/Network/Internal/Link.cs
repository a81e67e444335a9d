using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>A resolved <see cref="Definitions.SourceLink"/>: who supplies which stock, and how it ships.</summary>
internal readonly struct Link(Node supplier, Stock customer, double share, Distribution leadTimeDays, double costPerOrder, double costPerUnit, double co2eKgPerUnit)
{
    public readonly Node Supplier = supplier;
    public readonly Stock Customer = customer;
    public readonly double Share = share;
    public readonly Distribution LeadTimeDays = leadTimeDays;
    public readonly double TransportCostPerOrder = costPerOrder;
    public readonly double TransportCostPerUnit = costPerUnit;
    public readonly double TransportCo2eKgPerUnit = co2eKgPerUnit;
}
