// Mechanism 2, disruptions (DESIGN.md section 5): alternating up/down processes that remove capacity.
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
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private static readonly ulong DisruptionKey = StableHash.Of("disruption");

    private DisruptionProcess[] _disruptions = [];
    private int _disruptedCount;

    private void BuildDisruptions()
    {
        var definitions = _definition.Disruptions;
        _disruptions = new DisruptionProcess[definitions.Count];
        var hits = new List<int>[_nodes.Length];
        for (int d = 0; d < definitions.Count; d++)
        {
            var definition = definitions[d];
            if (definition.TimeBetweenDays is ConstantDistribution { Value: <= 0 } && definition.DurationDays is ConstantDistribution { Value: <= 0 })
            {
                throw Invalid($"Disruption '{definition.Id}' has zero time between and zero duration; it would never let time advance.");
            }

            var targets = new List<Node>();
            if (definition.Scope == DisruptionScope.Supplier)
            {
                if (!_nodeIndex.TryGetValue(definition.TargetId, out int index))
                {
                    throw Invalid($"Disruption '{definition.Id}' targets '{definition.TargetId}', which is not a node.");
                }

                // Only suppliers have capacity; a disruption aimed at a buyer or DC has no effect.
                if (_nodes[index].IsProducer)
                {
                    targets.Add(_nodes[index]);
                }
            }
            else
            {
                int region = -1;
                for (int r = 0; r < _definition.Regions.Count; r++)
                {
                    if (string.Equals(_definition.Regions[r].Id, definition.TargetId, StringComparison.Ordinal))
                    {
                        region = r;
                    }
                }

                if (region < 0)
                {
                    throw Invalid($"Disruption '{definition.Id}' targets region '{definition.TargetId}', which is not defined.");
                }

                foreach (var n in _nodes)
                {
                    if (n.IsProducer && n.Region == region)
                    {
                        targets.Add(n);
                    }
                }
            }

            foreach (var n in targets)
            {
                (hits[n.Index] ??= []).Add(d);
            }

            var stream = _context.Streams.Create(StableHash.Of(definition.Id), DisruptionKey);
            _disruptions[d] = new DisruptionProcess(this, definition, stream, [.. targets]);
        }

        for (int i = 0; i < _nodes.Length; i++)
        {
            if (hits[i] is { } list)
            {
                _nodes[i].DisruptionIds = [.. list];
            }
        }
    }

    private void StartDisruptions()
    {
        foreach (var process in _disruptions)
        {
            process.ScheduleNext();
        }
    }

    /// <summary>Recomputes a supplier's capacity fraction from the disruptions now active on it.</summary>
    private void RecomputeCapacityFraction(Node n)
    {
        double fraction = 1;
        foreach (int d in n.DisruptionIds)
        {
            var process = _disruptions[d];
            if (process.Down)
            {
                fraction *= 1 - process.CapacityLost;
            }
        }

        SetCapacityFraction(n, Math.Max(0, fraction));
    }

    /// <summary>Brings a supplier's disrupted-time integral up to now; call before its fraction or activity changes.</summary>
    private void AccrueDisruption(Node n)
    {
        double now = Clock;
        if (n.Active && n.IsDisrupted)
        {
            n.DisruptedArea += now - n.DisruptedSince;
        }

        n.DisruptedSince = now;
    }

    /// <summary>One disruption's up/down cycle, driven by a delegate created once.</summary>
    private sealed class DisruptionProcess
    {
        private readonly NetworkModel _model;
        private readonly DisruptionDefinition _definition;
        private readonly RandomStream _stream;
        private readonly Node[] _targets;
        private readonly Action _toggle;

        public DisruptionProcess(NetworkModel model, DisruptionDefinition definition, RandomStream stream, Node[] targets)
        {
            _model = model;
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
            if (_model._sim.Now + delay <= _model._horizon)
            {
                _model._sim.Schedule(delay, _toggle, DisruptionPriority);
            }
        }

        private void Toggle()
        {
            Down = !Down;
            _model.RecordDisruption(_definition, Down, CapacityLost);
            foreach (var n in _targets)
            {
                _model.RecomputeCapacityFraction(n);
            }

            ScheduleNext();
        }
    }
}
