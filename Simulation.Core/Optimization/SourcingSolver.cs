using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;
using Simulation.Core.Optimization.Internal;

namespace Simulation.Core.Optimization;

/// <summary>
/// Solves sourcing problems with OR-Tools (SCIP): one mix for an objective under caps, or a Pareto
/// frontier by the epsilon-constraint method. An infeasible request is answered with the constraints
/// that conflict (found by an elastic re-solve), never with a solver status code.
/// </summary>
public static class SourcingSolver
{
    /// <summary>Finds the mix that minimises the settings' objective under their caps and limits.</summary>
    /// <exception cref="ArgumentException">The problem or the settings are inconsistent.</exception>
    public static SourcingSolution Solve(SourcingProblem problem, SourcingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        problem.Validate();
        settings.Validate(problem.MinShare);
        var clock = Stopwatch.StartNew();
        if (BuyersWithoutCandidates(problem) is { Length: > 0 } orphans)
        {
            return new SourcingSolution
            {
                Status = SourcingStatus.Infeasible,
                SolveTime = clock.Elapsed,
                Explanation = $"No candidate supplier can serve {string.Join(", ", orphans)}.",
            };
        }

        using var model = SourcingModel.Build(problem, settings, elastic: false);
        var status = model.Solve(settings.TimeLimit);
        switch (status)
        {
            case Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE:
                var shares = model.Shares();
                var enrolled = WithoutIdleEnrolments(problem, settings, shares, model.Enrolled());
                double gap = model.Gap;
                return new SourcingSolution
                {
                    Status = status == Solver.ResultStatus.OPTIMAL || gap <= settings.RelativeGap ? SourcingStatus.Optimal : SourcingStatus.Feasible,
                    Shares = shares,
                    Enrolled = enrolled,
                    Predicted = SourcingEvaluation.Evaluate(problem, shares, enrolled, settings.CvarAlpha),
                    ObjectiveValue = model.ObjectiveValue,
                    Gap = gap,
                    BestBound = model.BestBound,
                    SolveTime = clock.Elapsed,
                };
            case Solver.ResultStatus.INFEASIBLE:
                var binding = Diagnose(problem, settings, settings.TimeLimit - clock.Elapsed);
                return new SourcingSolution
                {
                    Status = SourcingStatus.Infeasible,
                    BindingConstraints = binding,
                    SolveTime = clock.Elapsed,
                    Explanation = Explain(binding),
                };
            default:
                return new SourcingSolution
                {
                    Status = SourcingStatus.NoSolutionInTime,
                    SolveTime = clock.Elapsed,
                    Explanation = string.Create(CultureInfo.InvariantCulture, $"No feasible mix was found within the time limit of {settings.TimeLimit.TotalSeconds:0.#} s; raise the time limit or loosen the caps."),
                };
        }
    }

    /// <summary>
    /// Traces the Pareto frontier of the settings' objective against <paramref name="axis"/> by the
    /// epsilon-constraint method: find the range of <paramref name="axis"/> between its own minimum and
    /// its value at the objective's optimum, then minimise the objective with <paramref name="axis"/>
    /// capped at <paramref name="points"/> evenly spaced values across that range (docs/optimizer.md).
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="settings">Objective, caps and limits; each point is solved to its gap and time limit.</param>
    /// <param name="axis">The KPI traded off against the objective; not the objective itself.</param>
    /// <param name="points">Points on the frontier, at least 2.</param>
    /// <param name="progress">Reports each point as it is solved.</param>
    /// <returns>
    /// The frontier, from the tightest cap on <paramref name="axis"/> to the loosest; a single point when
    /// the axis has the same value at its own minimum and at the objective's optimum (nothing to trade).
    /// </returns>
    /// <exception cref="ArgumentException">The axis is the objective, or fewer than 2 points are asked for.</exception>
    public static ParetoFrontier Frontier(SourcingProblem problem, SourcingSettings settings, SourcingKpi axis, int points, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        if (axis == settings.Objective)
        {
            throw new ArgumentException($"The Pareto axis ({SourcingKpis.Name(axis)}) must differ from the objective.", nameof(axis));
        }

        if (points < 2)
        {
            throw new ArgumentException($"A frontier needs at least 2 points, got {points}.", nameof(points));
        }

        var anchor = Solve(problem, settings);
        progress?.Report(1);
        if (!anchor.HasMix)
        {
            return new ParetoFrontier(axis, settings.Objective, [], anchor) { RequestedPoints = points };
        }

        var lowest = Solve(problem, settings with { Objective = axis });
        progress?.Report(2);
        double high = anchor.Predicted[axis];
        double low = Math.Min(lowest.HasMix ? lowest.Predicted[axis] : high, high);
        if (high - low <= 1e-9 * Math.Max(1, Math.Abs(high)))
        {
            // Every feasible mix has the same value on the axis: there is nothing to trade, one point.
            return new ParetoFrontier(axis, settings.Objective, [new ParetoPoint(0, high, anchor)], anchor) { RequestedPoints = points };
        }

        var frontier = new List<ParetoPoint>(points);
        for (int j = 0; j < points; j++)
        {
            // A hair of slack so the cap that the axis's own optimum meets exactly stays feasible.
            double epsilon = low + ((high - low) * j / (points - 1));
            double cap = epsilon + (1e-9 * Math.Max(1, Math.Abs(epsilon)));
            var solution = Solve(problem, settings.WithCap(axis, cap));
            frontier.Add(new ParetoPoint(j, epsilon, solution));
            progress?.Report(j + 3);
        }

        var best = BestKnown(frontier, [anchor, lowest], axis, settings.Objective);
        return new ParetoFrontier(axis, settings.Objective, Distinct(best), anchor) { RequestedPoints = points };
    }

    /// <summary>
    /// Solved to a gap, a point may miss a mix that another solve found and that also meets its cap
    /// (a tighter point's mix always does). Each point keeps the best mix known for its cap, with the
    /// gap against its own bound, so the reported frontier is monotone and no point is worse than a
    /// mix already in hand.
    /// </summary>
    private static List<ParetoPoint> BestKnown(List<ParetoPoint> points, SourcingSolution[] extra, SourcingKpi axis, SourcingKpi objective)
    {
        var known = points.Select(p => p.Solution).Concat(extra).Where(s => s.HasMix).ToList();
        var result = new List<ParetoPoint>(points.Count);
        foreach (var point in points)
        {
            double cap = point.Epsilon + (1e-9 * Math.Max(1, Math.Abs(point.Epsilon)));
            var best = known
                .Where(s => s.Predicted[axis] <= cap)
                .OrderBy(s => s.Predicted[objective])
                .FirstOrDefault();
            if (best is null || !point.Solution.HasMix || best.Predicted[objective] >= point.Solution.Predicted[objective])
            {
                result.Add(point);
                continue;
            }

            double bound = point.Solution.BestBound;
            double value = best.Predicted[objective];
            double gap = double.IsFinite(bound) ? Math.Max(0, value - bound) / Math.Max(Math.Abs(value), 1e-12) : best.Gap;
            result.Add(point with { Solution = best with { Gap = gap, BestBound = bound, ObjectiveValue = value } });
        }

        return result;
    }

    /// <summary>Shares that differ by no more than this count as the same mix.</summary>
    public const double SameMixTolerance = 1e-4;

    /// <summary>True when two solutions are the same mix: no share differs by more than <see cref="SameMixTolerance"/> and they enrol the same suppliers.</summary>
    public static bool SameMix(SourcingSolution a, SourcingSolution b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Shares.Count == b.Shares.Count
            && a.Shares.Zip(b.Shares, (x, y) => Math.Abs(x - y)).All(d => d <= SameMixTolerance)
            && a.Enrolled.SequenceEqual(b.Enrolled);
    }

    /// <summary>The points less those whose mix repeats the previous point's (a looser cap the same mix already meets); indices renumbered.</summary>
    private static List<ParetoPoint> Distinct(List<ParetoPoint> points)
    {
        var result = new List<ParetoPoint>(points.Count);
        foreach (var point in points)
        {
            if (result.Count > 0 && point.Solution.HasMix && result[^1].Solution.HasMix && SameMix(result[^1].Solution, point.Solution))
            {
                continue;
            }

            result.Add(point with { Index = result.Count });
        }

        return result;
    }

    /// <summary>
    /// The enrolments less those that change nothing. Under objectives other than cost an enrolment is
    /// free to the solver, so within the budget it may enrol a supplier with no share, or add capacity
    /// the mix does not need. With the shares fixed, each enrolment (dearest first) is dropped when the
    /// objective is no worse without it and every constraint still holds.
    /// </summary>
    private static int[] WithoutIdleEnrolments(SourcingProblem problem, SourcingSettings settings, double[] shares, int[] enrolled)
    {
        var kept = enrolled.ToList();
        foreach (int o in enrolled.OrderByDescending(o => problem.ProgrammeOptions[o].CostPerYear).ThenBy(o => o))
        {
            var without = kept.Where(k => k != o).ToList();
            double with = SourcingEvaluation.Evaluate(problem, shares, kept, settings.CvarAlpha)[settings.Objective];
            double after = SourcingEvaluation.Evaluate(problem, shares, without, settings.CvarAlpha)[settings.Objective];
            if (after <= with + (1e-12 * Math.Max(1, Math.Abs(with))) && SourcingEvaluation.Violations(problem, settings, shares, without).Count == 0)
            {
                kept = without;
            }
        }

        return [.. kept];
    }

    private static string[] BuyersWithoutCandidates(SourcingProblem problem)
    {
        var served = new bool[problem.Buyers.Count];
        foreach (var arc in problem.Arcs)
        {
            served[arc.BuyerIndex] = true;
        }

        return [.. problem.Buyers.Where((_, b) => !served[b]).Select(b => b.Id)];
    }

    /// <summary>
    /// The least relaxation of the user's caps and limits that makes the request feasible (capacities
    /// stay hard unless <see cref="SourcingSettings.SuggestCapacity"/>, or unless nothing else works),
    /// and for each cap the lowest value of its KPI reachable with the other limits as requested.
    /// </summary>
    private static IReadOnlyList<BindingConstraint> Diagnose(SourcingProblem problem, SourcingSettings settings, TimeSpan remaining)
    {
        var limit = remaining > TimeSpan.FromSeconds(5) ? remaining : TimeSpan.FromSeconds(5);
        var relaxed = Relax(problem, settings, limit) ?? (settings.SuggestCapacity ? null : Relax(problem, settings with { SuggestCapacity = true }, limit));
        if (relaxed is null)
        {
            return [];
        }

        var result = new List<BindingConstraint>(relaxed.Count);
        foreach (var binding in relaxed)
        {
            var caps = settings.Caps.Keys.Where(k => SourcingModel.CapOption(k) == binding.Constraint).ToList();
            if (caps.Count == 0)
            {
                result.Add(binding);
                continue;
            }

            var cap = caps[0];
            var others = new Dictionary<SourcingKpi, double>(settings.Caps);
            others.Remove(cap);
            var lowest = Solve(problem, settings with { Objective = cap, Caps = others, TimeLimit = limit });
            result.Add(lowest.HasMix ? binding with { LowestReachable = lowest.Predicted[cap] } : binding);
        }

        // The user's own caps first, then their other limits, capacities last.
        return [.. result.OrderBy(b => b.IsCapacity).ThenBy(b => b.LowestReachable is null)];
    }

    private static IReadOnlyList<BindingConstraint>? Relax(SourcingProblem problem, SourcingSettings settings, TimeSpan limit)
    {
        using var elastic = SourcingModel.Build(problem, settings, elastic: true);
        var status = elastic.Solve(limit);
        return status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE ? elastic.RelaxedConstraints() : null;
    }

    private static string Explain(IReadOnlyList<BindingConstraint> binding)
    {
        if (binding.Count == 0)
        {
            return "No mix meets every constraint, and relaxing the caps, share limits and capacities did not help within the time limit.";
        }

        const int Shown = 8;
        var lines = binding.Take(Shown).Select(b => "  " + b);
        string more = binding.Count > Shown ? $"{Environment.NewLine}  ... and {binding.Count - Shown} more" : "";
        string lead = binding.All(b => b.IsCapacity)
            ? "No mix meets the demand with today's capacities, whatever the caps. The least expansion that works:"
            : "No mix meets every constraint:";
        return lead + Environment.NewLine + string.Join(Environment.NewLine, lines) + more;
    }
}
