using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization.Internal;

namespace Simulation.Core.Optimization;

/// <summary>
/// The optimizer's estimate of social risk per unit: expected worker-exposure-days per unit of product,
/// through the whole chain. A deliberately small, replaceable proxy from a supplier's attributes, until
/// the compliance mechanisms' own expectations are available:
/// <code>
///   enforcement_r = 1 - exp(-inspections_r x detection_r)      chance a violation is found within a year
///   wage gap_n    = clamp(1 - wage_to_living_wage_n, 0, 1)
///   p_n           = (1 - capability_n) x (1 - enforcement_r) x (0.5 + 0.5 x wage gap_n) x (0.75 if certified, else 1)
///   own_n         = workers_n / capacity_n x p_n                 worker-days per unit x chance they are exposed
///   risk_n        = own_n + sum over inputs of quantity per unit x share x risk_source
/// </code>
/// p is a violation prevalence: low capability, weak enforcement and low wages raise it
/// (DESIGN.md section 5, mechanism 4), certification lowers it. A node with no workers or
/// unconstrained capacity contributes nothing of its own. See docs/optimizer.md.
/// </summary>
public sealed class SocialRiskEstimate
{
    /// <summary>Factor on the prevalence of a supplier holding at least one certification.</summary>
    public const double CertifiedFactor = 0.75;

    private readonly ChainFootprint _chain;
    private readonly Dictionary<string, NodeDefinition> _nodes;
    private readonly Dictionary<string, RegionDefinition> _regions;

    /// <summary>Prepares the estimate for a network.</summary>
    public SocialRiskEstimate(NetworkDefinition network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _nodes = network.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _regions = network.Regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _chain = new ChainFootprint(network, node => Own(node, _regions[node.RegionId], node.Capability), _ => 0);
    }

    /// <summary>Expected worker-exposure-days per unit the node makes, its upstream tiers included.</summary>
    public double PerUnit(string nodeId) => _chain.PerUnit(nodeId);

    /// <summary>
    /// The node's own exposure per unit, without its upstream tiers, had it the given capability (a
    /// capacity-building programme raises it; the optimizer values enrolment with this).
    /// </summary>
    public double OwnPerUnit(string nodeId, double capability)
    {
        var node = _nodes[nodeId];
        return Own(node, _regions[node.RegionId], capability);
    }

    private static double Own(NodeDefinition node, RegionDefinition region, double capability)
    {
        if (node.Role != NodeRole.Supplier || node.Workers <= 0 || !(node.CapacityPerDay > 0) || double.IsInfinity(node.CapacityPerDay))
        {
            return 0;
        }

        double enforcement = 1 - Math.Exp(-region.LabourInspectionsPerSupplierYear * region.InspectionDetectionProbability);
        double wageGap = Math.Clamp(1 - node.WageToLivingWage, 0, 1);
        double prevalence = (1 - capability) * (1 - enforcement) * (0.5 + (0.5 * wageGap)) * (node.Certifications.Count > 0 ? CertifiedFactor : 1);
        return node.Workers / node.CapacityPerDay * prevalence;
    }
}
