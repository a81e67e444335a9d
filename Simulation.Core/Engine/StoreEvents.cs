namespace Simulation.Core.Engine;

/// <summary>A pending put into a store: succeeds when the store has accepted the item.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class StorePut<T> : Event
{
    internal StorePut(Simulator simulator, T item)
        : base(simulator)
    {
        Item = item;
    }

    /// <summary>The item being put.</summary>
    public T Item { get; }
}

/// <summary>A pending get from a store: succeeds with <see cref="Item"/> when one is available.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class StoreGet<T> : Event
{
    internal StoreGet(Simulator simulator, Predicate<T>? filter)
        : base(simulator)
    {
        Filter = filter;
    }

    /// <summary>The item taken (default until the get succeeds).</summary>
    public T? Item { get; private set; }

    /// <summary>True if <see cref="Cancel"/> withdrew this get before it was served.</summary>
    public bool IsCancelled { get; private set; }

    internal Predicate<T>? Filter { get; }

    /// <summary>Withdraws the get if it has not been served (e.g. after a patience timeout).</summary>
    public void Cancel()
    {
        if (!IsTriggered)
        {
            IsCancelled = true;
        }
    }

    internal void Serve(T item)
    {
        Item = item;
        Succeed();
    }
}
