using Simulation.Core.Network.Definitions;
using Simulation.Core.Replications;

namespace Simulation.Core.Network;

/// <summary>
/// One replication of the network model run in steps of simulated time
/// (<see cref="NetworkSimulation.Start"/>): each step runs the model on to the next of a few equal
/// stretches of the horizon, and the last one collects the results. The steps change nothing in the
/// run: it is the same, event for event, as <see cref="NetworkSimulation.Run"/>.
/// </summary>
public sealed class NetworkReplication : ISteppedReplication<NetworkRunResult>
{
    private readonly NetworkDefinition _definition;
    private readonly NetworkModel _model;
    private readonly int _steps;
    private readonly double _stepDays;
    private int _stepsRun;
    private NetworkRunResult? _result;

    internal NetworkReplication(NetworkDefinition definition, NetworkModel model, int steps)
    {
        _definition = definition;
        _model = model;
        _steps = steps;
        _stepDays = definition.HorizonDays / steps;
    }

    /// <inheritdoc/>
    public NetworkRunResult Result => _result ?? throw new InvalidOperationException("The replication has not finished: call Step until it returns false.");

    /// <inheritdoc/>
    public bool Step()
    {
        if (_result is not null)
        {
            return false;
        }

        if (_stepsRun++ == 0)
        {
            _model.Start();
        }

        // The last step runs to the horizon itself, whatever the rounding of the stretches.
        if (!_model.RunUntil(_stepsRun >= _steps ? double.PositiveInfinity : _stepsRun * _stepDays))
        {
            return true;
        }

        var result = _model.Finish();
        if (_definition.Alerts.Count > 0)
        {
            result.Alerts = AlertEvaluator.Evaluate(_definition, result);
        }

        _result = result;
        return false;
    }

    /// <summary>Leaves the replication's pooled arrays to a later replication, finished or not; the result stays readable.</summary>
    public void Dispose() => _model.Release();
}
