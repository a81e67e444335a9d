namespace Simulation.Core.Optimization;

/// <summary>A capacity-building programme the optimizer may enrol candidates in.</summary>
/// <param name="Id">The programme's id in the scenario.</param>
/// <param name="MaxSuppliers">Most candidates it may enrol.</param>
public sealed record SourcingProgramme(string Id, int MaxSuppliers);

/// <summary>
/// Enrolling one candidate in one programme: what it costs and what it changes, each averaged over
/// the measured window (<see cref="ProgrammeEffects"/> derives them from the network model's own
/// capability curve). The effects per unit apply to the units the candidate makes for the mix.
/// </summary>
public sealed record ProgrammeOption
{
    /// <summary>Index into <see cref="SourcingProblem.Programmes"/>.</summary>
    public required int ProgrammeIndex { get; init; }

    /// <summary>Index into <see cref="SourcingProblem.Candidates"/>.</summary>
    public required int CandidateIndex { get; init; }

    /// <summary>Programme cost per year of the measured window, currency (what the budget limits).</summary>
    public required double CostPerYear { get; init; }

    /// <summary>Capacity added, units per day, averaged over the window.</summary>
    public double CapacityAddedPerDay { get; init; }

    /// <summary>Cut in production kg CO2e per unit the candidate makes, averaged over the window.</summary>
    public double Co2eCutKgPerUnit { get; init; }

    /// <summary>Cut in worker-exposure-days per unit the candidate makes, averaged over the window.</summary>
    public double SocialRiskCutPerUnit { get; init; }
}
