namespace Simulation.Core.Optimization;

/// <summary>A Pareto frontier traced by <see cref="SourcingSolver.Frontier"/>.</summary>
/// <param name="Axis">The KPI capped at each point.</param>
/// <param name="Objective">The KPI minimised at each point.</param>
/// <param name="Points">The points, from the tightest cap to the loosest; empty when the unconstrained request is infeasible.</param>
/// <param name="Anchor">The solve of the objective under the user's caps alone (the loosest end).</param>
/// <remarks>Points whose mix repeats the previous point's are collapsed into it: <see cref="RequestedPoints"/> less <c>Points.Count</c> were.</remarks>
public sealed record ParetoFrontier(SourcingKpi Axis, SourcingKpi Objective, IReadOnlyList<ParetoPoint> Points, SourcingSolution Anchor)
{
    /// <summary>How many points were asked for (before identical mixes were collapsed).</summary>
    public int RequestedPoints { get; init; }
}

/// <summary>One point of a frontier.</summary>
/// <param name="Index">Zero-based position, tightest cap first.</param>
/// <param name="Epsilon">The cap on the frontier's axis at this point.</param>
/// <param name="Solution">The solve with that cap.</param>
public sealed record ParetoPoint(int Index, double Epsilon, SourcingSolution Solution);
