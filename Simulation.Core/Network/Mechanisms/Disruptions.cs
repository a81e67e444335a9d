// Mechanism 2, disruptions (docs/architecture.md; DESIGN section 5): alternating up/down processes that remove capacity.
//
//   each disruption d alternates up ~ TimeBetweenDays (the first starting at day 0) and down ~ DurationDays,
//   both drawn from its own stream ("disruption", keyed by d's id): adding or removing any other entity
//   never moves d's times (common random numbers across variants)
//   Scope Supplier hits one supplier; Scope Region hits every supplier (Role = Supplier) in the region
//   with the same draws (buyers and DCs have no capacity to lose)
//   capacity fraction of supplier i = product over active disruptions d hitting i of (1 - CapacityLost_d)
//   disrupted supplier-days = time integral, while the supplier is in the chain, of [fraction < 1]
//
// Long-run availability of one up/down process is E[up] / (E[up] + E[down]) (alternating renewal
// theorem), e.g. 90 / (90 + 10) = 0.9.
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>What disruptions may change in production: a supplier's capacity fraction (which production owns and re-times batches for).</summary>
internal interface ICapacityFraction
{
    /// <summary>From now on, <paramref name="node"/> runs at <paramref name="fraction"/> of its capacity.</summary>
    void SetCapacityFraction(Node node, double fraction);
}

/// <summary>
/// Disruptions: owns the up/down processes, which suppliers each hits, and each supplier's disrupted
/// time (integral and the count of suppliers disrupted now). Sets capacity fractions through
/// production's <see cref="ICapacityFraction"/>; economics tells it of exits (<see cref="OnExit"/>).
/// </summary>
internal sealed class Disruptions
{
    private static readonly ulong DisruptionKey = StableHash.Of("disruption");

    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly EventLog _log;
    private readonly ICapacityFraction _production;
    private readonly DisruptionProcess[] _processes;

    // Per node index: the disruptions hitting it, and its disrupted time.
    private readonly int[][] _hits;
    private readonly double[] _since;
    private readonly double[] _area;

    /// <summary>Builds the processes of <paramref name="network"/>'s disruptions and resolves their targets.</summary>
    /// <exception cref="ArgumentException">A disruption targets a node or region that is not defined, or could never let time advance.</exception>
    public Disruptions(Simulator sim, NetworkDefinition network, Node[] nodes, IReadOnlyDictionary<string, int> nodeIndex, StreamFactory streams, EventLog log, ICapacityFraction production)
    {
        _sim = sim;
        _horizon = network.HorizonDays;
        _log = log;
        _production = production;
        var definitions = network.Disruptions;
        _processes = new DisruptionProcess[definitions.Count];
        _hits = new int[nodes.Length][];
        _since = new double[nodes.Length];
        _area = new double[nodes.Length];
        var hits = new List<int>[nodes.Length];
        for (int d = 0; d < definitions.Count; d++)
        {
            var definition = definitions[d];
            if (definition.TimeBetweenDays is ConstantDistribution { Value: <= 0 } && definition.DurationDays is ConstantDistribution { Value: <= 0 })
            {
                throw NetworkModel.Invalid($"Disruption '{definition.Id}' has zero time between and zero duration; it would never let time advance.");
            }

            var targets = Targets(definition, network, nodes, nodeIndex);
            foreach (var n in targets)
            {
                (hits[n.Index] ??= []).Add(d);
            }

            var stream = streams.Create(StableHash.Of(definition.Id), DisruptionKey);
            _processes[d] = new DisruptionProcess(this, definition, stream, targets);
        }

        for (int i = 0; i < nodes.Length; i++)
        {
            _hits[i] = hits[i] is { } list ? [.. list] : [];
        }
    }

    /// <summary>Suppliers disrupted now (capacity fraction below 1) and still in the chain.</summary>
    public int DisruptedCount { get; private set; }

    /// <summary>Schedules each process's first start.</summary>
    public void Start()
    {
        foreach (var process in _processes)
        {
            process.ScheduleNext();
        }
    }

    /// <summary>The supplier's disrupted days since day 0, up to its last accrual.</summary>
    public double DisruptedDaysOf(Node n) => _area[n.Index];

    /// <summary>Brings a supplier's disrupted-time integral up to now; call before its fraction or activity changes.</summary>
    public void Accrue(Node n)
    {
        double now = Math.Min(_sim.Now, _horizon);
        if (n.Active && n.IsDisrupted)
        {
            _area[n.Index] += now - _since[n.Index];
        }

        _since[n.Index] = now;
    }

    /// <summary>The supplier is leaving the chain now (call while it is still active): its disrupted time stops.</summary>
    public void OnExit(Node n)
    {
        Accrue(n);
        if (n.IsDisrupted)
        {
            DisruptedCount--;
        }
    }

    /// <summary>Brings every supplier's integral up to now and returns their sum.</summary>
    public double FlushIntegrals(Node[] suppliers)
    {
        double disrupted = 0;
        foreach (var n in suppliers)
        {
            Accrue(n);
            disrupted += _area[n.Index];
        }

        return disrupted;
    }

    private static Node[] Targets(DisruptionDefinition definition, NetworkDefinition network, Node[] nodes, IReadOnlyDictionary<string, int> nodeIndex)
    {
        var targets = new List<Node>();
        if (definition.Scope == DisruptionScope.Supplier)
        {
            if (!nodeIndex.TryGetValue(definition.TargetId, out int index))
            {
                throw NetworkModel.Invalid($"Disruption '{definition.Id}' targets '{definition.TargetId}', which is not a node.");
            }

            // Only suppliers have capacity; a disruption aimed at a buyer or DC has no effect.
            if (nodes[index].IsProducer)
            {
                targets.Add(nodes[index]);
            }

            return [.. targets];
        }

        int region = -1;
        for (int r = 0; r < network.Regions.Count; r++)
        {
            if (string.Equals(network.Regions[r].Id, definition.TargetId, StringComparison.Ordinal))
            {
                region = r;
            }
        }

        if (region < 0)
        {
            throw NetworkModel.Invalid($"Disruption '{definition.Id}' targets region '{definition.TargetId}', which is not defined.");
        }

        foreach (var n in nodes)
        {
            if (n.IsProducer && n.Region == region)
            {
                targets.Add(n);
            }
        }

        return [.. targets];
    }

    /// <summary>Recomputes a supplier's capacity fraction from the disruptions now active on it and hands it to production.</summary>
    private void Recompute(Node n)
    {
        double fraction = 1;
        foreach (int d in _hits[n.Index])
        {
            var process = _processes[d];
            if (process.Down)
            {
                fraction *= 1 - process.CapacityLost;
            }
        }

        fraction = Math.Max(0, fraction);
        if (fraction == n.CapacityFraction)
        {
            return;
        }

        Accrue(n);
        bool wasDisrupted = n.IsDisrupted;
        bool isDisrupted = fraction < 1;
        if (n.Active && wasDisrupted != isDisrupted)
        {
            DisruptedCount += isDisrupted ? 1 : -1;
        }

        _production.SetCapacityFraction(n, fraction);
    }

    /// <summary>One disruption's up/down cycle, driven by a delegate created once.</summary>
    private sealed class DisruptionProcess
    {
        private readonly Disruptions _owner;
        private readonly DisruptionDefinition _definition;
        private readonly RandomStream _stream;
        private readonly Node[] _targets;
        private readonly Action _toggle;

        public DisruptionProcess(Disruptions owner, DisruptionDefinition definition, RandomStream stream, Node[] targets)
        {
            _owner = owner;
            _definition = definition;
            _stream = stream;
            _targets = targets;
            CapacityLost = Math.Clamp(definition.CapacityLost, 0, 1);
            _toggle = Toggle;
        }

        public bool Down { get; private set; }

        public double CapacityLost { get; }

        public void ScheduleNext()
        {
            var distribution = Down ? _definition.DurationDays : _definition.TimeBetweenDays;
            double delay = Math.Max(0, distribution.Sample(_stream));
            if (_owner._sim.Now + delay <= _owner._horizon)
            {
                _owner._sim.Schedule(delay, _toggle, NetworkModel.DisruptionPriority);
            }
        }

        private void Toggle()
        {
            Down = !Down;
            _owner._log.RecordDisruption(_definition, Down, CapacityLost);
            foreach (var n in _targets)
            {
                _owner.Recompute(n);
            }

            ScheduleNext();
        }
    }
}
