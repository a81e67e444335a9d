namespace Simulation.Core.Network.Definitions;

/// <summary>
/// How a sourcing stock (a buyer's, a distribution centre's or a supplier's input) moves the share of a
/// source it loses: when the source exits, is suspended or terminated, or has been unable to deliver
/// for longer than <see cref="OutageToleranceDays"/>. The share goes to qualified sources with spare
/// capacity by <see cref="Rule"/>; what they cannot take starts the onboarding of candidates
/// (<see cref="SourceLink.Backup"/> links), which become sources after <see cref="OnboardingLeadTimeDays"/>.
/// The formulas are in <c>docs/model.md</c> (re-sourcing).
/// </summary>
public sealed record ResourcingDefinition
{
    /// <summary>How the share of a lost source is spread over the qualified sources that have spare capacity.</summary>
    public ReallocationRule Rule { get; init; } = ReallocationRule.Proportional;

    /// <summary>
    /// Days a source may be disrupted (capacity below full) before its share is moved as if it were
    /// lost; it is reinstated when the disruption ends. Infinity (the default): outages never move shares.
    /// </summary>
    public double OutageToleranceDays { get; init; } = double.PositiveInfinity;

    /// <summary>Days from the decision to onboard a candidate to its first order (qualification audit, sampling).</summary>
    public double OnboardingLeadTimeDays { get; init; } = 60;

    /// <summary>What onboarding one candidate costs the sourcing node (audit and sampling), paid when it starts.</summary>
    public double OnboardingCost { get; init; }

    /// <summary>What a source that was lost and comes back (fixed, recovered) gets.</summary>
    public ReinstatementRule Reinstatement { get; init; } = ReinstatementRule.Restore;
}

/// <summary>How the share of a lost source is spread over the qualified sources with spare capacity.</summary>
public enum ReallocationRule
{
    /// <summary>In proportion to their current shares, each up to its spare capacity (water-filling).</summary>
    Proportional,

    /// <summary>To the source with the lowest landed unit price (price + transport per unit) first, up to its spare capacity, then the next.</summary>
    Cheapest,

    /// <summary>To the source with the lowest risk score first (social risk score, or 1 − capability without the social model).</summary>
    LowestRisk,
}

/// <summary>What a source that was lost and comes back gets.</summary>
public enum ReinstatementRule
{
    /// <summary>Its planned share back at once; the sources that took it over give it back in proportion to their shares.</summary>
    Restore,

    /// <summary>Nothing at once: it stays qualified, as a backup that later reallocations may use without onboarding.</summary>
    Backup,
}
