namespace Simulation.Core.Engine;

/// <summary>
/// What <see cref="Store{T}"/> and <see cref="FilterStore{T}"/> share: the simulation, the capacity,
/// and the puts waiting for room, admitted oldest first. How items are held and handed to gets is each
/// store's own; nothing here is virtual, so a put or get costs no virtual call.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class StoreBase<T>
{
    private readonly Queue<StorePut<T>> _puts = new();

    private protected StoreBase(Simulator simulator, int capacity, string kind)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        if (capacity <= 0)
        {
            throw Errors.BadCapacity(nameof(capacity), kind, capacity);
        }

        Simulator = simulator;
        Capacity = capacity;
    }

    /// <summary>The simulation the store belongs to.</summary>
    public Simulator Simulator { get; }

    /// <summary>The most items it holds.</summary>
    public int Capacity { get; }

    /// <summary>True while some put waits for room.</summary>
    private protected bool PutsWaiting => _puts.Count > 0;

    /// <summary>A put that the store takes at once (no put waits and there is room): it succeeds as
    /// <see cref="TryAdmitPut"/> would have admitted it, without passing through the line.</summary>
    private protected StorePut<T> AcceptedPut(T item)
    {
        var put = new StorePut<T>(Simulator, item);
        put.Succeed();
        return put;
    }

    /// <summary>Queues a put of <paramref name="item"/>; the store then balances.</summary>
    private protected StorePut<T> QueuePut(T item)
    {
        var put = new StorePut<T>(Simulator, item);
        _puts.Enqueue(put);
        return put;
    }

    /// <summary>
    /// Admits the oldest waiting put if a store holding <paramref name="count"/> items has room: the put
    /// succeeds (its waiters resume at a later step) and its item is the caller's to hold.
    /// </summary>
    private protected bool TryAdmitPut(int count, out T item)
    {
        if (_puts.Count == 0 || count >= Capacity)
        {
            item = default!;
            return false;
        }

        var put = _puts.Dequeue();
        put.Succeed();
        item = put.Item;
        return true;
    }
}
