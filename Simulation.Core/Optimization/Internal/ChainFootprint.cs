using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// A per-unit quantity accumulated up the bill of materials: a node's own value per unit it makes,
/// plus, for each input line, units of input per unit times the share-weighted chain value of the
/// input's sources (and whatever each input link adds per unit, e.g. transport CO2e):
/// <code>chain(n) = own(n) + sum_lines qty_line x sum_sources share x (link(source) + chain(source))</code>
/// The supply graph has no cycles (the loader checks), so the recursion ends; results are memoised.
/// </summary>
internal sealed class ChainFootprint
{
    private readonly Dictionary<string, NodeDefinition> _nodes;
    private readonly Dictionary<string, ProductDefinition> _products;
    private readonly Func<NodeDefinition, double> _own;
    private readonly Func<SourceLink, double> _link;
    private readonly Dictionary<string, double> _memo = new(StringComparer.Ordinal);

    public ChainFootprint(NetworkDefinition network, Func<NodeDefinition, double> own, Func<SourceLink, double> link)
    {
        _nodes = network.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _products = network.Products.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _own = own;
        _link = link;
    }

    /// <summary>The chain value per unit of the node's product.</summary>
    public double PerUnit(string nodeId)
    {
        if (_memo.TryGetValue(nodeId, out double known))
        {
            return known;
        }

        var node = _nodes[nodeId];
        double value = _own(node);
        var lines = _products[node.ProductId].Inputs;
        foreach (var input in node.Inputs)
        {
            double quantity = lines.FirstOrDefault(l => string.Equals(l.ProductId, input.ProductId, StringComparison.Ordinal))?.QuantityPerUnit ?? 0;
            foreach (var source in input.Sources)
            {
                value += quantity * source.Share * (_link(source) + PerUnit(source.SupplierId));
            }
        }

        _memo[nodeId] = value;
        return value;
    }
}
