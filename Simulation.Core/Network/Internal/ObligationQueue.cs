namespace Simulation.Core.Network;

/// <summary>A supplier's unpaid obligations (arrears), oldest first; a null payee is an outside cost.</summary>
internal sealed class ObligationQueue
{
    private Entry[] _items = new Entry[4];
    private int _head;

    public int Count { get; private set; }

    public ref Entry Peek() => ref _items[_head];

    public void Enqueue(Node? payee, double amount)
    {
        // Outside costs in a row are one obligation: nobody is waiting for them in particular.
        if (payee is null && Count > 0)
        {
            ref var last = ref _items[(_head + Count - 1) & (_items.Length - 1)];
            if (last.Payee is null)
            {
                last.Amount += amount;
                return;
            }
        }

        if (Count == _items.Length)
        {
            var larger = new Entry[_items.Length * 2];
            for (int i = 0; i < Count; i++)
            {
                larger[i] = _items[(_head + i) & (_items.Length - 1)];
            }

            _items = larger;
            _head = 0;
        }

        _items[(_head + Count) & (_items.Length - 1)] = new Entry { Payee = payee, Amount = amount };
        Count++;
    }

    public void Dequeue()
    {
        _items[_head] = default;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
    }

    internal struct Entry
    {
        public Node? Payee;
        public double Amount;
    }
}
