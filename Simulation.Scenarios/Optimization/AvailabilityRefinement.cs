using Simulation.Core.Optimization;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// Feeds a simulation back into the problem (<c>--refine</c>): the simulation sees catch-up from
/// capacity headroom, stock buffers, upstream shortages and exits, which the optimizer's proportional
/// loss model does not. For each candidate the mix used, with r its simulated ratio of units made to
/// units asked and a-bar its mean predicted availability, every scenario's availability is scaled:
/// <code>a'_cs = clamp(a_cs x r_c / a-bar_c, 0, 1)</code>
/// so the candidate's mean availability moves to what the simulation delivered. Candidates the mix did
/// not use keep their availability (the simulation says nothing about them). Repeating with an
/// unchanged simulation leaves the problem unchanged, so the rounds settle when the mix does.
/// </summary>
internal static class AvailabilityRefinement
{
    public static SourcingProblem Apply(SourcingProblem problem, IReadOnlyList<double?> deliveryRatio)
    {
        var candidates = new List<SourcingCandidate>(problem.Candidates.Count);
        for (int c = 0; c < problem.Candidates.Count; c++)
        {
            var candidate = problem.Candidates[c];
            double mean = candidate.MeanAvailability;
            if (deliveryRatio[c] is not { } ratio || mean <= 0)
            {
                candidates.Add(candidate);
                continue;
            }

            double scale = ratio / mean;
            candidates.Add(candidate with { Availability = [.. candidate.Availability.Select(a => Math.Clamp(a * scale, 0, 1))] });
        }

        return problem with { Candidates = candidates };
    }

    /// <summary>Largest absolute difference between two share vectors.</summary>
    public static double MaxChange(IReadOnlyList<double> before, IReadOnlyList<double> after) =>
        before.Count == 0 ? double.PositiveInfinity : before.Zip(after, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
}
