// Optional event log: when NetworkRunOptions.EventRecorder is set, notable happenings (disruptions
// starting and ending, supplier exits) are passed to it as they occur, in simulated-time order.
// Recording never draws random numbers nor changes state, so results are the same with or without it.
using System.Globalization;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private void RecordExit(Node n, string cause) =>
        _options.EventRecorder?.Invoke(new NetworkEvent(_sim.Now, n.Definition.Id, NetworkEventTypes.SupplierExit, n.Cash, cause));

    private void RecordDisruption(DisruptionDefinition definition, bool down, double capacityLost)
    {
        if (_options.EventRecorder is { } recorder)
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
