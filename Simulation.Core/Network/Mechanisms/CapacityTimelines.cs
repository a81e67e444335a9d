using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>What <see cref="CapacityTimelines"/> may change in production: a supplier's defined capacity per day.</summary>
internal interface IDefinedCapacity
{
    /// <summary>From now on, node <paramref name="node"/>'s capacity per day at full capability is <paramref name="capacity"/>.</summary>
    void SetDefinedCapacity(int node, double capacity);
}

/// <summary>
/// The suppliers' capacity-per-day timelines (<see cref="NodeDefinition.CapacityPerDayChanges"/>):
/// owns one <see cref="ParameterTimeline{T}"/> per supplier that has changes, and keeps one kernel
/// entry per timeline, at its next change, which hands the new value to production through
/// <see cref="IDefinedCapacity"/>. Changes fire at <see cref="NetworkModel.DisruptionPriority"/>: like a
/// disruption, a change of capacity at t counts before anything else that happens at t.
/// </summary>
/// <remarks>
/// This is the pattern for every time-phased parameter (docs/architecture.md, "Parameter timelines"):
/// the part that uses the parameter owns its timeline, reads <c>ValueAt(now)</c> when its entry fires
/// and schedules the next one at <c>NextChangeAfter(now)</c>. No cost when no parameter changes.
/// </remarks>
internal sealed class CapacityTimelines
{
    private readonly Simulator _sim;
    private readonly double _horizon;
    private IDefinedCapacity _production = null!;
    private readonly int[] _nodes;
    private readonly ParameterTimeline<double>[] _timelines;
    private readonly Action[] _fire;

    /// <summary>
    /// Builds the timelines of the suppliers that have changes; <paramref name="initialCapacity"/> receives
    /// each one's value at day 0. Built before economics, which prices a supplier's daily cost from its
    /// capacity at day 0; production, built later, is connected with <see cref="Connect"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A change is given for a node without finite capacity, or a value is not finite and &gt; 0.</exception>
    public CapacityTimelines(Simulator sim, double horizon, IReadOnlyList<NodeDefinition> nodes, Action<int, double> initialCapacity)
    {
        _sim = sim;
        _horizon = horizon;
        var owners = new List<int>();
        var timelines = new List<ParameterTimeline<double>>();
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.CapacityPerDayChanges.Count == 0)
            {
                continue;
            }

            if (node.Role != NodeRole.Supplier || !double.IsFinite(node.CapacityPerDay) || !(node.CapacityPerDay > 0))
            {
                throw NetworkModel.Invalid($"Node '{node.Id}' has capacity changes, which need a supplier with a finite capacity_per_day > 0.");
            }

            foreach (var change in node.CapacityPerDayChanges)
            {
                if (!(change.Value > 0) || !double.IsFinite(change.Value))
                {
                    throw NetworkModel.Invalid($"Node '{node.Id}': a capacity change on day {change.Day} needs a finite value > 0, got {change.Value}.");
                }
            }

            var timeline = new ParameterTimeline<double>(node.CapacityPerDay, node.CapacityPerDayChanges);
            owners.Add(i);
            timelines.Add(timeline);
            initialCapacity(i, timeline.ValueAt(0));
        }

        _nodes = [.. owners];
        _timelines = [.. timelines];
        _fire = new Action[_nodes.Length];
        for (int k = 0; k < _fire.Length; k++)
        {
            int index = k;
            _fire[k] = () => OnChange(index);
        }
    }

    /// <summary>Connects production, which applies each change.</summary>
    public void Connect(IDefinedCapacity production) => _production = production;

    /// <summary>Puts each timeline's first change after day 0 on the kernel.</summary>
    public void Start()
    {
        for (int k = 0; k < _nodes.Length; k++)
        {
            ScheduleNext(k);
        }
    }

    private void OnChange(int k)
    {
        _production.SetDefinedCapacity(_nodes[k], _timelines[k].ValueAt(_sim.Now));
        ScheduleNext(k);
    }

    private void ScheduleNext(int k)
    {
        double next = _timelines[k].NextChangeAfter(_sim.Now);
        if (next <= _horizon)
        {
            _sim.Schedule(next - _sim.Now, _fire[k], NetworkModel.DisruptionPriority);
        }
    }
}
