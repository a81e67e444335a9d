using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// What a supplier's upstream adds to it through the bill of materials, for the optimizer's view of the
/// upper tiers (docs/optimizer.md, "Upper tiers"):
/// <code>
///   units_n(c)      = sum_lines qty_line x sum_sources share x (1[source = n] + units_n(source))   units of n per unit c makes
///   availability(c) = own availability of c x min over lines of sum_sources share x availability(source)   per scenario
///   input cost(c)   = sum_lines qty_line x sum_sources share x (price_source + transport per unit)
///   throughput(c)   = min over lines with a replenishment policy of S_line / (qty_line x (L_line + R_line))
/// </code>
/// The throughput is the most an input stock can feed per day: its order-up-to level S (reorder point
/// plus quantity for (s, Q)) bounds stock plus pipeline, and each unit spends the mean lead time L of
/// its sources (link or supplier lead time times the source region's multiplier, share-weighted) plus
/// the review period R in it (Little's law). A supplier asked for more than this runs short of inputs.
/// The availability is the proportional model's: a supplier makes what its scarcest input allows. The
/// supply graph has no cycles (the loader checks); results are memoised.
/// </summary>
internal sealed class UpstreamChain
{
    private readonly Dictionary<string, NodeDefinition> _nodes;
    private readonly Dictionary<string, ProductDefinition> _products;
    private readonly Dictionary<string, Dictionary<string, double>> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> _availability = new(StringComparer.Ordinal);

    public UpstreamChain(NetworkDefinition network)
    {
        _nodes = network.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _products = network.Products.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>Units of every upstream supplier per unit the node makes.</summary>
    public IReadOnlyDictionary<string, double> UnitsPerUnit(string nodeId)
    {
        if (_units.TryGetValue(nodeId, out var known))
        {
            return known;
        }

        var units = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (quantity, source) in Sources(_nodes[nodeId]))
        {
            double per = quantity * source.Share;
            units[source.SupplierId] = units.GetValueOrDefault(source.SupplierId) + per;
            foreach (var (id, deeper) in UnitsPerUnit(source.SupplierId))
            {
                units[id] = units.GetValueOrDefault(id) + (per * deeper);
            }
        }

        _units[nodeId] = units;
        return units;
    }

    /// <summary>What the node pays for the inputs of one unit: price and transport per unit of its sources.</summary>
    public double InputCostPerUnit(string nodeId) =>
        Sources(_nodes[nodeId]).Sum(s => s.Quantity * s.Source.Share * (_nodes[s.Source.SupplierId].Price + s.Source.TransportCostPerUnit));

    /// <summary>
    /// The node's availability per scenario with its upstream's: its own times, per input line, the
    /// share-weighted availability of the line's sources, the scarcest line counting.
    /// </summary>
    /// <param name="nodeId">The node.</param>
    /// <param name="own">Each supplier's own availability per scenario (from its own disruptions).</param>
    public double[] Availability(string nodeId, Func<string, IReadOnlyList<double>> own)
    {
        if (_availability.TryGetValue(nodeId, out var known))
        {
            return known;
        }

        var ownAvailability = own(nodeId);
        var scarcest = Enumerable.Repeat(1.0, ownAvailability.Count).ToArray();
        foreach (var line in _nodes[nodeId].Inputs)
        {
            double total = line.Sources.Sum(s => s.Share);
            if (!(total > 0))
            {
                continue;
            }

            var supplied = new double[scarcest.Length];
            foreach (var source in line.Sources)
            {
                var upstream = Availability(source.SupplierId, own);
                for (int s = 0; s < supplied.Length; s++)
                {
                    supplied[s] += source.Share / total * upstream[s];
                }
            }

            for (int s = 0; s < scarcest.Length; s++)
            {
                scarcest[s] = Math.Min(scarcest[s], supplied[s]);
            }
        }

        var result = new double[scarcest.Length];
        for (int s = 0; s < result.Length; s++)
        {
            result[s] = ownAvailability[s] * scarcest[s];
        }

        _availability[nodeId] = result;
        return result;
    }

    /// <summary>
    /// Units per day the node's input stocks can feed at most (infinity without policies): per input
    /// line, <see cref="InputFeed.UnitsPerDay"/> at the node's capacity and the share-weighted mean lead
    /// time of the line's sources; the scarcest line counts.
    /// </summary>
    public double InputThroughputPerDay(string nodeId, IReadOnlyDictionary<string, double> leadTimeMultiplier)
    {
        var node = _nodes[nodeId];
        var lines = _products[node.ProductId].Inputs;
        double throughput = double.PositiveInfinity;
        foreach (var input in node.Inputs)
        {
            double quantity = lines.FirstOrDefault(l => string.Equals(l.ProductId, input.ProductId, StringComparison.Ordinal))?.QuantityPerUnit ?? 0;
            double total = input.Sources.Sum(s => s.Share);
            if (!(quantity > 0) || !(total > 0) || input.Policy.Kind is not (InventoryPolicyKind.BaseStock or InventoryPolicyKind.MinMax or InventoryPolicyKind.ReorderPointQuantity))
            {
                continue;
            }

            double lead = input.Sources.Sum(s =>
            {
                var source = _nodes[s.SupplierId];
                double days = (s.LeadTimeDays ?? source.LeadTimeDays).Mean * leadTimeMultiplier.GetValueOrDefault(source.RegionId, 1);
                return s.Share / total * Math.Max(0, days);
            });
            if (lead + Math.Max(0, input.Policy.ReviewPeriodDays) > 0)
            {
                throughput = Math.Min(throughput, InputFeed.UnitsPerDay(input.Policy, quantity, lead, node.CapacityPerDay));
            }
        }

        return throughput;
    }

    private IEnumerable<(double Quantity, SourceLink Source)> Sources(NodeDefinition node)
    {
        var lines = _products[node.ProductId].Inputs;
        foreach (var input in node.Inputs)
        {
            double quantity = lines.FirstOrDefault(l => string.Equals(l.ProductId, input.ProductId, StringComparison.Ordinal))?.QuantityPerUnit ?? 0;
            foreach (var source in input.Sources)
            {
                yield return (quantity, source);
            }
        }
    }
}
