namespace Simulation.Core.Engine;

/// <summary>Something that waits for an event: a process, a condition, or a user callback.</summary>
internal interface IEventListener
{
    void OnProcessed(Event e);
}
