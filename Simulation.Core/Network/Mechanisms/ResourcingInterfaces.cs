namespace Simulation.Core.Network;

/// <summary>What re-sourcing tells ordering: current shares changed (stocks rebuild their cached share sums).</summary>
internal interface ISourcesChanged
{
    /// <summary>A share or the set of sources taking orders changed.</summary>
    void SourcesChanged();
}

/// <summary>What re-sourcing tells economics: a sourcing node pays for onboarding a candidate.</summary>
internal interface IOnboardingPayment
{
    /// <summary><paramref name="owner"/> pays <paramref name="amount"/> to outsiders (auditors, samples).</summary>
    void PayOnboarding(Node owner, double amount);
}

/// <summary>
/// Whether any customer buys from a supplier yet: the one answer to "is this supplier in the chain
/// now" beside its own exit, owned by re-sourcing and read by the parts that treat a backup
/// candidate differently (ordering's stocking, the buyers' response, capacity-building enrolment).
/// </summary>
internal interface ISourcingStanding
{
    /// <summary>
    /// Whether every customer link of <paramref name="n"/> is a backup not yet onboarded (false for a
    /// node with no customers). Such a candidate stocks no inputs and is not suspended, terminated or enrolled.
    /// </summary>
    bool IsCandidateOnly(Node n);
}

/// <summary>Re-sourcing counters since day 0 and time integrals up to the snapshot.</summary>
internal struct ResourcingTotals
{
    /// <summary>Lost sources whose share a stock moved (one per stock and loss).</summary>
    public double Events;

    /// <summary>Candidates whose onboarding started.</summary>
    public double Onboardings;

    /// <summary>What those onboardings cost.</summary>
    public double OnboardingCost;

    /// <summary>Sourcing stock-days with coverage below 1.</summary>
    public double DaysWithoutFullSupply;

    /// <summary>Time integrals of the mean HHI of stocks buying from tiers 1, 2 and 3 (index = tier - 1).</summary>
    public double HhiArea1;

    /// <inheritdoc cref="HhiArea1"/>
    public double HhiArea2;

    /// <inheritdoc cref="HhiArea1"/>
    public double HhiArea3;
}
