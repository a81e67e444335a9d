// Optional event log: when NetworkRunOptions.EventRecorder is set, notable happenings (disruptions
// starting and ending, supplier exits) are passed to it as they occur, in simulated-time order.
// Recording never draws random numbers nor changes state, so results are the same with or without it.
using System.Globalization;
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>Passes notable happenings to the run's event recorder, when it has one; owns no model state.</summary>
internal sealed class EventLog
{
    private readonly Simulator _sim;
    private readonly Action<NetworkEvent>? _recorder;

    public EventLog(Simulator sim, Action<NetworkEvent>? recorder)
    {
        _sim = sim;
        _recorder = recorder;
    }

    /// <summary>Supplier <paramref name="nodeId"/> left the chain now, holding <paramref name="cash"/>, for <paramref name="cause"/>.</summary>
    public void RecordExit(string nodeId, double cash, string cause) =>
        _recorder?.Invoke(new NetworkEvent(_sim.Now, nodeId, NetworkEventTypes.SupplierExit, cash, cause));

    /// <summary>A disruption started (<paramref name="down"/>) or ended now.</summary>
    public void RecordDisruption(DisruptionDefinition definition, bool down, double capacityLost)
    {
        if (_recorder is { } recorder)
        {
            string scope = definition.Scope == DisruptionScope.Region ? "region" : "supplier";
            recorder(new NetworkEvent(
                _sim.Now,
                definition.Id,
                down ? NetworkEventTypes.DisruptionStart : NetworkEventTypes.DisruptionEnd,
                capacityLost,
                string.Create(CultureInfo.InvariantCulture, $"{scope} {definition.TargetId}")));
        }
    }
}
