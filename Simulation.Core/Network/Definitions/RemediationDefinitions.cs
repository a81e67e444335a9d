namespace Simulation.Core.Network.Definitions;

/// <summary>What a buyer does when a corrective action plan misses its deadline.</summary>
public enum BuyerResponse
{
    /// <summary>Keep sourcing and keep engaging until the violation is fixed.</summary>
    Engage,

    /// <summary>Place no new orders until every overdue violation is fixed.</summary>
    Suspend,

    /// <summary>Drop the supplier: it leaves the chain with its violations unfixed ("terminated").</summary>
    Exit,
}

/// <summary>Corrective action plans (mechanism 5).</summary>
public sealed record CorrectiveActionDefinition
{
    /// <summary>Days from detection to the plan's deadline.</summary>
    public double DeadlineDays { get; init; } = 90;

    /// <summary>The buyers' response at a missed deadline.</summary>
    public BuyerResponse Response { get; init; } = BuyerResponse.Engage;

    /// <summary>Cost of the follow-up audit at each deadline (an audit cost of the buyers).</summary>
    public double FollowUpAuditCost { get; init; }

    /// <summary>
    /// With <see cref="BuyerResponse.Exit"/>: days of notice between the missed deadline and the termination
    /// (orders go on; a fix within the notice cancels it). 0 = terminate at the deadline.
    /// </summary>
    public double ExitNoticeDays { get; init; }
}

/// <summary>The grievance mechanism (mechanism 6).</summary>
public sealed record GrievanceMechanismDefinition
{
    /// <summary>Reports per open violation-year with a fully trusted mechanism.</summary>
    public double ReportsPerViolationYear { get; init; }

    /// <summary>Trust in the mechanism, 0..1: the reporting rate is ReportsPerViolationYear * Trust.</summary>
    public double Trust { get; init; } = 0.5;

    /// <summary>Capability at or above which the supplier resolves a grievance locally.</summary>
    public double LocalResolutionCapability { get; init; } = 0.6;

    /// <summary>Days a local resolution takes.</summary>
    public double LocalResolutionDays { get; init; } = 30;

    /// <summary>Cost to the buyers of each escalated grievance (investigation).</summary>
    public double EscalationCost { get; init; }

    /// <summary>Categories whose grievances are always escalated to the buyers, however capable the supplier (forced or child labour); empty = none.</summary>
    public IReadOnlyList<ViolationCategory> AlwaysEscalate { get; init; } = [];
}
