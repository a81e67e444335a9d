using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// What happened to one non-buyer node (supplier or distribution centre) in one replication. Flows
/// (<see cref="UnitsProduced"/>, <see cref="Revenue"/>, <see cref="LiquidityStressDays"/>,
/// <see cref="DisruptedDays"/>) are counted after the warm-up, like the KPIs. Distribution centres
/// hold no cash, are not disrupted and never exit: their cash and stress figures are 0.
/// </summary>
/// <param name="Id">The node id.</param>
/// <param name="Tier">Its tier.</param>
/// <param name="RegionId">Its region.</param>
/// <param name="Size">Its size class.</param>
/// <param name="Group">The supplier group that generated it, if any.</param>
/// <param name="Active">Still in the chain at the horizon.</param>
/// <param name="ExitDay">The day it left the chain; null if it did not.</param>
/// <param name="ExitCause"><c>"insolvency"</c>, <c>"margin"</c> or <c>"terminated"</c> (dropped by buyers at a missed corrective-action deadline); null if it did not leave.</param>
/// <param name="UnitsProduced">Units it made (0 for a distribution centre).</param>
/// <param name="Revenue">Price times units delivered to its customers.</param>
/// <param name="FinalCash">Cash at the horizon (payments received after an exit included); credit drawn is owed separately.</param>
/// <param name="LiquidityStressDays">Days on which it could not pay its costs.</param>
/// <param name="DisruptedDays">Days (fractional) during which a disruption removed some of its capacity.</param>
public sealed record SupplierOutcome(
    string Id,
    int Tier,
    string RegionId,
    SizeClass Size,
    string? Group,
    bool Active,
    double? ExitDay,
    string? ExitCause,
    double UnitsProduced,
    double Revenue,
    double FinalCash,
    double LiquidityStressDays,
    double DisruptedDays);
