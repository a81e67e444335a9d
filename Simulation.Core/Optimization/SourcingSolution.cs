namespace Simulation.Core.Optimization;

/// <summary>How a solve ended.</summary>
public enum SourcingStatus
{
    /// <summary>Proven optimal within the requested gap.</summary>
    Optimal,

    /// <summary>A feasible mix, but the time limit came before the gap was reached.</summary>
    Feasible,

    /// <summary>No mix meets every constraint; <see cref="SourcingSolution.BindingConstraints"/> says which conflict.</summary>
    Infeasible,

    /// <summary>The time limit came before any feasible mix was found.</summary>
    NoSolutionInTime,
}

/// <summary>A mix the optimizer chose, its predicted KPIs, or why there is none.</summary>
public sealed record SourcingSolution
{
    /// <summary>How the solve ended.</summary>
    public required SourcingStatus Status { get; init; }

    /// <summary>Share of its buyer's demand on each arc (aligned with <see cref="SourcingProblem.Arcs"/>); empty without a mix.</summary>
    public IReadOnlyList<double> Shares { get; init; } = [];

    /// <summary>The enrolments chosen: indices into <see cref="SourcingProblem.ProgrammeOptions"/>, ascending; empty without a mix or options.</summary>
    public IReadOnlyList<int> Enrolled { get; init; } = [];

    /// <summary>Predicted KPIs of the mix, evaluated exactly from the shares and enrolments (<see cref="SourcingEvaluation"/>).</summary>
    public IReadOnlyDictionary<SourcingKpi, double> Predicted { get; init; } = new Dictionary<SourcingKpi, double>();

    /// <summary>The objective value the solver reported.</summary>
    public double ObjectiveValue { get; init; } = double.NaN;

    /// <summary>Relative gap between the objective and the solver's best bound when it stopped.</summary>
    public double Gap { get; init; } = double.NaN;

    /// <summary>The solver's best lower bound on the objective when it stopped.</summary>
    public double BestBound { get; init; } = double.NaN;

    /// <summary>Wall-clock time of the solve.</summary>
    public TimeSpan SolveTime { get; init; }

    /// <summary>When infeasible: the constraints that conflict, each with the value that would make the request feasible.</summary>
    public IReadOnlyList<BindingConstraint> BindingConstraints { get; init; } = [];

    /// <summary>True when there is a mix (optimal or feasible).</summary>
    public bool HasMix => Status is SourcingStatus.Optimal or SourcingStatus.Feasible;

    /// <summary>A one-paragraph explanation for a solve without a mix; empty otherwise.</summary>
    public string Explanation { get; init; } = "";
}

/// <summary>One constraint that must be relaxed for an infeasible request to become feasible.</summary>
/// <param name="Constraint">What it is, as the user set it: <c>--max-cvar</c>, <c>--cap co2e</c>, <c>--max-share</c>, or <c>capacity of mill-01 (units/day)</c>.</param>
/// <param name="Requested">The limit requested.</param>
/// <param name="Needed">The limit that the least relaxation found needs.</param>
public sealed record BindingConstraint(string Constraint, double Requested, double Needed)
{
    /// <summary>For a cap on a KPI: the lowest value of the KPI any mix reaches with the other limits as requested; null otherwise or when there is none.</summary>
    public double? LowestReachable { get; init; }

    /// <summary>True for a capacity (shown only when expansions were asked for, or when nothing else works).</summary>
    public bool IsCapacity => Constraint.StartsWith("capacity of ", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => LowestReachable is { } lowest
        ? FormattableString.Invariant($"{Constraint} {Requested:G4} cannot be met; the lowest reachable is {lowest:G4}")
        : IsCapacity
            ? FormattableString.Invariant($"{Constraint}: {Requested:G4} available, needs {Needed:G4}")
            : FormattableString.Invariant($"{Constraint} {Requested:G4} cannot be met; the least change that works is {Needed:G4}");
}

/// <summary>Names of <see cref="SourcingStatus"/> as outputs spell them.</summary>
public static class SourcingStatusNames
{
    /// <summary><c>optimal</c>, <c>feasible</c>, <c>infeasible</c> or <c>no_solution_in_time</c>.</summary>
    public static string Name(SourcingStatus status) => status switch
    {
        SourcingStatus.Optimal => "optimal",
        SourcingStatus.Feasible => "feasible",
        SourcingStatus.Infeasible => "infeasible",
        _ => "no_solution_in_time",
    };
}
