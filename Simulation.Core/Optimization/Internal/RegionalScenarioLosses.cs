namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// Scenario s's shortfall share L_s = sum_c v_c (1 - a_cs) written with fewer nonzeros. A regional
/// disruption hits every supplier of the region alike, so within a region most candidates share one
/// loss in a scenario. With V_r = sum_{c in r} v_c and m_rs the loss shared by the most candidates of r:
/// <code>
///   L_s = sum_r m_rs V_r + sum_{c : loss_cs != m_rs} (loss_cs - m_rs) v_c
/// </code>
/// an identity for any availabilities (m_rs is 0 where sharing does not save a nonzero), so the model
/// stays exact; on the scale benchmark a scenario row falls from about 430 nonzeros to about 90.
/// </summary>
internal sealed class RegionalScenarioLosses
{
    private readonly int[][] _members;

    private RegionalScenarioLosses(int[][] members) => _members = members;

    /// <summary>The regions, each the indices of its candidates, in order of first appearance.</summary>
    public IReadOnlyList<int[]> Regions => _members;

    /// <summary>Groups the candidates by region.</summary>
    public static RegionalScenarioLosses Create(IReadOnlyList<SourcingCandidate> candidates)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<List<int>>();
        for (int c = 0; c < candidates.Count; c++)
        {
            if (!index.TryGetValue(candidates[c].RegionId, out int r))
            {
                index[candidates[c].RegionId] = r = members.Count;
                members.Add([]);
            }

            members[r].Add(c);
        }

        return new RegionalScenarioLosses([.. members.Select(m => m.ToArray())]);
    }

    /// <summary>
    /// Adds scenario s's terms: <paramref name="addRegion"/>(r, m_rs) for every region whose shared
    /// loss is written once, and <paramref name="addCandidate"/>(c, coefficient) for the candidates left.
    /// </summary>
    public void AddTerms(IReadOnlyList<SourcingCandidate> candidates, int s, Action<int, double> addRegion, Action<int, double> addCandidate)
    {
        var counts = new Dictionary<double, int>();
        for (int r = 0; r < _members.Length; r++)
        {
            double shared = SharedLoss(candidates, _members[r], s, counts);
            if (shared != 0)
            {
                addRegion(r, shared);
            }

            foreach (int c in _members[r])
            {
                double coefficient = candidates[c].Outage(s) - shared;
                if (coefficient != 0)
                {
                    addCandidate(c, coefficient);
                }
            }
        }
    }

    /// <summary>
    /// The loss m to write once for the region: the most common nonzero loss when writing it once and
    /// the differences from it takes fewer nonzeros than writing every candidate's loss (1 + n - count_m
    /// against n - count_0), else 0.
    /// </summary>
    private static double SharedLoss(IReadOnlyList<SourcingCandidate> candidates, int[] members, int s, Dictionary<double, int> counts)
    {
        if (members.Length < 3)
        {
            return 0;
        }

        counts.Clear();
        foreach (int c in members)
        {
            double loss = candidates[c].Outage(s);
            counts[loss] = counts.GetValueOrDefault(loss) + 1;
        }

        int zeros = counts.GetValueOrDefault(0.0);
        double best = 0;
        int bestCount = zeros + 1;
        foreach (var (loss, count) in counts)
        {
            // Ties go to the smaller loss so the choice does not depend on dictionary order.
            if (loss != 0 && (count > bestCount || (count == bestCount && best != 0 && loss < best)))
            {
                best = loss;
                bestCount = count;
            }
        }

        return best;
    }
}
