using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization.Internal;

namespace Simulation.Core.Optimization;

/// <summary>
/// The optimizer's estimate of social risk per unit: expected worker-exposure-days per unit of product,
/// through the whole chain (docs/optimizer.md, "Social risk per unit"). With a <c>social</c> section it
/// comes from the compliance mechanisms' own parameters (hazard, exposed shares, detection channels,
/// remediation; <see cref="Internal.ComplianceExpectation"/>) by Little's law:
/// <code>
///   own_n  = expected worker-exposure-days per day of n's violations / capacity_per_day_n
///   risk_n = own_n + sum over inputs of quantity per unit x share x risk_source
/// </code>
/// i.e. per unit of capacity: a supplier working below capacity carries more exposure per unit made,
/// which the simulation check shows and <c>--refine</c> feeds back. Without a social section the
/// simulation has no violations, and a small proxy from a supplier's attributes stands in:
/// <code>
///   enforcement_r = 1 - exp(-inspections_r x detection_r)      chance a violation is found within a year
///   wage gap_n    = clamp(1 - wage_to_living_wage_n, 0, 1)
///   p_n           = (1 - capability_n) x (1 - enforcement_r) x (0.5 + 0.5 x wage gap_n) x (0.75 if certified, else 1)
///   own_n         = workers_n / capacity_n x p_n                 worker-days per unit x chance they are exposed
/// </code>
/// A node with no workers or unconstrained capacity contributes nothing of its own.
/// </summary>
public sealed class SocialRiskEstimate
{
    /// <summary>Factor on the prevalence of a supplier holding at least one certification (the proxy without a social section).</summary>
    public const double CertifiedFactor = 0.75;

    private readonly NetworkDefinition _network;
    private readonly ChainFootprint _chain;
    private readonly Dictionary<string, NodeDefinition> _nodes;
    private readonly Dictionary<string, RegionDefinition> _regions;
    private readonly ComplianceExpectation? _compliance;
    private readonly IReadOnlyDictionary<string, double> _observedOwn;

    /// <summary>Prepares the estimate for a network.</summary>
    public SocialRiskEstimate(NetworkDefinition network)
        : this(network, new Dictionary<string, double>(StringComparer.Ordinal))
    {
    }

    private SocialRiskEstimate(NetworkDefinition network, IReadOnlyDictionary<string, double> observedOwn)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _observedOwn = observedOwn;
        _nodes = network.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _regions = network.Regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _compliance = network.Social is { } social ? new ComplianceExpectation(network, social) : null;
        _chain = new ChainFootprint(network, node => observedOwn.TryGetValue(node.Id, out double own) ? own : Own(node, node.Capability), _ => 0);
    }

    /// <summary>Expected worker-exposure-days per unit the node makes, its upstream tiers included.</summary>
    public double PerUnit(string nodeId) => _chain.PerUnit(nodeId);

    /// <summary>
    /// The node's own exposure per unit, without its upstream tiers, had it the given capability (a
    /// capacity-building programme raises it; the optimizer values enrolment with this). Ignores
    /// observed values (<see cref="WithObservedOwn"/>): it is the model's estimate.
    /// </summary>
    public double OwnPerUnit(string nodeId, double capability) => Own(_nodes[nodeId], capability);

    /// <summary>
    /// The same estimate with the own exposure per unit of some nodes replaced by observed values (for
    /// example simulated worker-exposure-days per unit made); the chain is re-summed through the bill of
    /// materials with them, other nodes keep the estimate.
    /// </summary>
    public SocialRiskEstimate WithObservedOwn(IReadOnlyDictionary<string, double> ownPerUnit)
    {
        ArgumentNullException.ThrowIfNull(ownPerUnit);
        return new SocialRiskEstimate(_network, new Dictionary<string, double>(ownPerUnit, StringComparer.Ordinal));
    }

    private double Own(NodeDefinition node, double capability)
    {
        if (node.Role != NodeRole.Supplier || node.Workers <= 0 || !(node.CapacityPerDay > 0) || double.IsInfinity(node.CapacityPerDay))
        {
            return 0;
        }

        if (_compliance is not null)
        {
            return _compliance.ExposurePerDay(node, capability) / node.CapacityPerDay;
        }

        var region = _regions[node.RegionId];
        double enforcement = 1 - Math.Exp(-region.LabourInspectionsPerSupplierYear * region.InspectionDetectionProbability);
        double wageGap = Math.Clamp(1 - node.WageToLivingWage, 0, 1);
        double prevalence = (1 - capability) * (1 - enforcement) * (0.5 + (0.5 * wageGap)) * (node.Certifications.Count > 0 ? CertifiedFactor : 1);
        return node.Workers / node.CapacityPerDay * prevalence;
    }
}
