namespace Simulation.Core.Engine;

/// <summary>
/// Observes every queue entry the simulator fires, in order. Used for determinism checks and
/// debugging; when no tracer is set, tracing costs one null check per event.
/// </summary>
public interface IEventTracer
{
    /// <summary>Called before the entry fires.</summary>
    /// <param name="time">Simulated time of the entry.</param>
    /// <param name="priority">Its priority.</param>
    /// <param name="sequence">Its scheduling sequence number, unique within a run.</param>
    /// <param name="target">The event, process or callback it fires.</param>
    void OnFiring(double time, int priority, long sequence, object target);
}
