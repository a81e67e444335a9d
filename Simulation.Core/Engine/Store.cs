namespace Simulation.Core.Engine;

/// <summary>
/// A first-in, first-out buffer of items with an optional capacity: puts wait while it is full, gets
/// wait while it is empty, each served in arrival order.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Store<T> : StoreBase<T>
{
    private readonly Queue<T> _items = new();
    private readonly Queue<StoreGet<T>> _gets = new();

    /// <summary>Creates a store holding at most <paramref name="capacity"/> items.</summary>
    public Store(Simulator simulator, int capacity = int.MaxValue)
        : base(simulator, capacity, "a store")
    {
    }

    /// <summary>How many items it holds now.</summary>
    public int Count => _items.Count;

    /// <summary>Puts <paramref name="item"/> in; the event succeeds once there was room.</summary>
    public StorePut<T> Put(T item)
    {
        StorePut<T> put;
        if (!PutsWaiting && _items.Count < Capacity)
        {
            // What Balance would do first with this put: admit it (the waiting gets are served below).
            put = AcceptedPut(item);
            _items.Enqueue(item);
        }
        else
        {
            put = QueuePut(item);
        }

        Balance();
        return put;
    }

    /// <summary>Takes the oldest item; the event succeeds with it once there is one.</summary>
    public StoreGet<T> Get()
    {
        var get = new StoreGet<T>(Simulator, filter: null);
        if (_gets.Count == 0 && _items.Count > 0)
        {
            // Nobody is ahead of this get: Balance would serve it first (a waiting put can only be
            // admitted once this get has made room, so it is admitted after, below).
            get.Serve(_items.Dequeue());
        }
        else
        {
            _gets.Enqueue(get);
        }

        Balance();
        return get;
    }

    /// <summary>Moves items from waiting puts into the store and from the store to waiting gets.</summary>
    private void Balance()
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            if (TryAdmitPut(_items.Count, out var admitted))
            {
                _items.Enqueue(admitted);
                moved = true;
            }

            while (_gets.Count > 0 && _gets.Peek().IsCancelled)
            {
                _gets.Dequeue();
            }

            if (_gets.Count > 0 && _items.Count > 0)
            {
                _gets.Dequeue().Serve(_items.Dequeue());
                moved = true;
            }
        }
    }
}
