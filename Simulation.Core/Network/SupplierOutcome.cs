using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// What happened to one non-buyer node (supplier or distribution centre) in one replication. Flows
/// (<see cref="UnitsProduced"/>, <see cref="Revenue"/>, <see cref="LiquidityStressDays"/>,
/// <see cref="DisruptedDays"/>, <see cref="UnitsToBuyers"/>, <see cref="LandedCost"/>,
/// <see cref="WorkerExposureDays"/>) are counted after the warm-up, like the KPIs. Distribution centres
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
/// <param name="UnitsToBuyers">Units it delivered to buyers and distribution centres (0 for a distribution centre and for upper tiers).</param>
/// <param name="LandedCost">
/// What the buyers paid because of this node: price of the units delivered to the buyer side + transport
/// (per shipment and per unit) of its shipments to the buyer side + certification premium on its units +
/// the audits, follow-up audits, grievance escalations, due-diligence penalties and the buyers' share of its remediation costs. Upper-tier
/// suppliers sell to suppliers, not buyers: only their social costs count. Capacity-building programme
/// costs are not in it (they are a decision, not a cost of the units). The sum over nodes is
/// purchase_cost + logistics_cost + certification_cost + audit_cost + grievance_escalation_cost + penalty_cost
/// + remediation_support_cost.
/// </param>
/// <param name="WorkerExposureDays">
/// Worker-exposure-days of its own violations (workers exposed x days open, including after it left the
/// chain); the sum over nodes is the <c>worker_exposure_days</c> KPI. 0 without social mechanisms.
/// </param>
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
    double DisruptedDays,
    double UnitsToBuyers,
    double LandedCost,
    double WorkerExposureDays);
