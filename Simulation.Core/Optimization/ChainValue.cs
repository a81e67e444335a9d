using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization.Internal;

namespace Simulation.Core.Optimization;

/// <summary>
/// A per-unit value summed up the bill of materials, as the optimizer's chain CO2e, water and social
/// risk are (docs/optimizer.md, "Parameters taken from the scenario"):
/// <code>chain(n) = own(n) + sum_lines qty_line x sum_sources share x chain(source)</code>
/// for any own value, e.g. simulated compliance costs per unit made.
/// </summary>
public sealed class ChainValue
{
    private readonly ChainFootprint _chain;

    /// <summary>Prepares the sum for a network and a node's own value per unit it makes.</summary>
    public ChainValue(NetworkDefinition network, Func<NodeDefinition, double> own)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(own);
        _chain = new ChainFootprint(network, own, _ => 0);
    }

    /// <summary>The chain value per unit of the node's product.</summary>
    public double PerUnit(string nodeId) => _chain.PerUnit(nodeId);
}
