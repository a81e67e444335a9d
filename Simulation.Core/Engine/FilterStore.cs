namespace Simulation.Core.Engine;

/// <summary>
/// A store whose gets may name a filter: each get takes the oldest item it accepts, and waits while
/// there is none. Gets are considered in arrival order; a get that finds nothing does not block later ones.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class FilterStore<T> : StoreBase<T>
{
    private readonly List<T> _items = [];
    private readonly List<StoreGet<T>> _gets = [];

    /// <summary>Creates a store holding at most <paramref name="capacity"/> items.</summary>
    public FilterStore(Simulator simulator, int capacity = int.MaxValue)
        : base(simulator, capacity, "a filter store")
    {
    }

    /// <summary>How many items it holds now.</summary>
    public int Count => _items.Count;

    /// <summary>The items held now, oldest first.</summary>
    public IReadOnlyList<T> Items => _items;

    /// <summary>Puts <paramref name="item"/> in; the event succeeds once there was room.</summary>
    public StorePut<T> Put(T item)
    {
        var put = QueuePut(item);
        Balance();
        return put;
    }

    /// <summary>Takes the oldest item that <paramref name="filter"/> accepts (any item if null).</summary>
    public StoreGet<T> Get(Predicate<T>? filter = null)
    {
        var get = new StoreGet<T>(Simulator, filter);
        _gets.Add(get);
        Balance();
        return get;
    }

    private void Balance()
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            if (TryAdmitPut(_items.Count, out var admitted))
            {
                _items.Add(admitted);
                moved = true;
            }

            _gets.RemoveAll(g => g.IsCancelled);
            for (int g = 0; g < _gets.Count; g++)
            {
                int match = _gets[g].Filter is { } filter ? _items.FindIndex(filter) : (_items.Count > 0 ? 0 : -1);
                if (match < 0)
                {
                    continue;
                }

                var item = _items[match];
                _items.RemoveAt(match);
                var get = _gets[g];
                _gets.RemoveAt(g);
                get.Serve(item);
                moved = true;
                break;
            }
        }
    }
}
