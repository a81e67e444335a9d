using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Optimization;

/// <summary>
/// Samples availability under disruption from the scenario's own disruption model. Scenario s replays
/// the disruption histories of simulation replication s: each disruption d alternates up ~ its time
/// between and down ~ its duration from day 0, drawn from the stream the simulation uses
/// (replication seed of s, d's id, "disruption"). A region disruption hits every supplier of the
/// region with the same history, so regional correlation is kept. The availability of supplier i in
/// scenario s is the time average over [warm-up, horizon] of the product over its active disruptions
/// of (1 - capacity lost), as the simulation computes the capacity fraction. Deterministic from the seed.
/// </summary>
public static class DisruptionScenarios
{
    private static readonly ulong DisruptionPurpose = StableHash.Of("disruption");

    /// <summary>Availability of each supplier in each scenario: result[i][s].</summary>
    /// <param name="network">The network and its disruption model.</param>
    /// <param name="supplierIds">The suppliers to sample.</param>
    /// <param name="scenarios">How many scenarios.</param>
    /// <param name="masterSeed">The master seed (normally the scenario's).</param>
    public static double[][] Sample(NetworkDefinition network, IReadOnlyList<string> supplierIds, int scenarios, ulong masterSeed)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Sample(network, supplierIds, scenarios, masterSeed, [(network.WarmupDays, network.HorizonDays)]);
    }

    /// <summary>
    /// Availability of each supplier in each period of each scenario: result[i][s x P + p], the time
    /// average over period p (a [from, to) window of the replication) of scenario s.
    /// </summary>
    /// <param name="network">The network and its disruption model.</param>
    /// <param name="supplierIds">The suppliers to sample.</param>
    /// <param name="scenarios">How many scenarios (replications).</param>
    /// <param name="masterSeed">The master seed (normally the scenario's).</param>
    /// <param name="periods">The P windows each scenario is split into, e.g. the quarters of the measured window.</param>
    public static double[][] Sample(NetworkDefinition network, IReadOnlyList<string> supplierIds, int scenarios, ulong masterSeed, IReadOnlyList<(double From, double To)> periods)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(supplierIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(scenarios, 1);
        var nodes = network.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var hits = new List<int>[supplierIds.Count];
        var relevant = new HashSet<int>();
        for (int i = 0; i < supplierIds.Count; i++)
        {
            var node = nodes[supplierIds[i]];
            hits[i] = [];
            for (int d = 0; d < network.Disruptions.Count; d++)
            {
                var disruption = network.Disruptions[d];
                bool hit = disruption.Scope == DisruptionScope.Supplier
                    ? string.Equals(disruption.TargetId, node.Id, StringComparison.Ordinal)
                    : string.Equals(disruption.TargetId, node.RegionId, StringComparison.Ordinal);
                if (hit && node.Role == NodeRole.Supplier)
                {
                    hits[i].Add(d);
                    relevant.Add(d);
                }
            }
        }

        var result = new double[supplierIds.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new double[scenarios * periods.Count];
        }

        var histories = new List<(double Start, double End)>[network.Disruptions.Count];
        for (int s = 0; s < scenarios; s++)
        {
            var streams = new StreamFactory(SeedSequence.ReplicationSeed(masterSeed, s));
            foreach (int d in relevant)
            {
                var disruption = network.Disruptions[d];
                histories[d] = DownIntervals(disruption, streams.Create(StableHash.Of(disruption.Id), DisruptionPurpose), network.HorizonDays);
            }

            for (int i = 0; i < result.Length; i++)
            {
                for (int p = 0; p < periods.Count; p++)
                {
                    result[i][(s * periods.Count) + p] = Availability(network, hits[i], histories, periods[p].From, periods[p].To);
                }
            }
        }

        return result;
    }

    /// <summary>The down intervals of one disruption over [0, horizon], drawn as the simulation draws them.</summary>
    private static List<(double Start, double End)> DownIntervals(DisruptionDefinition disruption, RandomStream stream, double horizon)
    {
        var intervals = new List<(double Start, double End)>();
        double now = 0;
        bool down = false;
        double downSince = 0;
        while (true)
        {
            var distribution = down ? disruption.DurationDays : disruption.TimeBetweenDays;
            double next = now + Math.Max(0, distribution.Sample(stream));
            if (next > horizon)
            {
                break;
            }

            if (down)
            {
                intervals.Add((downSince, next));
            }
            else
            {
                downSince = next;
            }

            now = next;
            down = !down;
        }

        if (down)
        {
            intervals.Add((downSince, horizon));
        }

        return intervals;
    }

    private static double Availability(NetworkDefinition network, List<int> disruptions, List<(double Start, double End)>[] histories, double from, double to)
    {
        if (disruptions.Count == 0 || to <= from)
        {
            return 1;
        }

        // Sweep the start and end points of every down interval, tracking how many of each disruption
        // are active (counts, so zero-length or touching intervals cannot leave a disruption stuck).
        var changes = new List<(double Time, int Disruption, int Delta)>();
        foreach (int d in disruptions)
        {
            foreach (var (start, end) in histories[d])
            {
                if (end > from && start < to && end > start)
                {
                    changes.Add((Math.Max(start, from), d, +1));
                    changes.Add((Math.Min(end, to), d, -1));
                }
            }
        }

        if (changes.Count == 0)
        {
            return 1;
        }

        changes.Sort((a, b) => a.Time.CompareTo(b.Time));
        var active = new Dictionary<int, int>();
        double area = 0;
        double last = from;
        double fraction = 1;
        foreach (var (time, d, delta) in changes)
        {
            area += (time - last) * fraction;
            last = time;
            active[d] = active.GetValueOrDefault(d) + delta;
            fraction = 1;
            foreach (var (id, count) in active)
            {
                if (count > 0)
                {
                    fraction *= 1 - Math.Clamp(network.Disruptions[id].CapacityLost, 0, 1);
                }
            }
        }

        area += (to - last) * fraction;
        return Math.Clamp(area / (to - from), 0, 1);
    }
}
