namespace Simulation.Core.Engine;

/// <summary>How a <see cref="SliceSort"/> orders items of type <typeparamref name="T"/>.</summary>
internal interface ISliceOrder<T>
{
    /// <summary>Which of <paramref name="slices"/> equal slices of the sorted range
    /// <paramref name="item"/> falls in: never less for a later item, the same for equal keys.</summary>
    int SliceOf(in T item, int slices);

    /// <summary>Whether <paramref name="item"/> comes after <paramref name="other"/>.</summary>
    bool ComesAfter(in T item, in T other);

    /// <summary>Orders a slice longer than <see cref="SliceSort.ShortSlice"/> (many equal keys in bulk),
    /// where insertion would take quadratic time; <see cref="SliceSort.ByInsertion{T, TOrder}"/> where
    /// the order must stay stable and no total order is at hand.</summary>
    void SortLongSlice(Span<T> slice);
}

/// <summary>
/// Sorts items whose keys fall in a known range in linear expected time: each item is counted into one
/// of as many equal slices of the range as there are items (stable), then each slice is sorted on the
/// full key. Used where a calendar opens its next bucket: the kernel's later entries
/// (<see cref="LaterEntries"/>) and the network's shipments in transit.
/// </summary>
internal static class SliceSort
{
    /// <summary>Up to this many items, a slice is sorted by insertion.</summary>
    public const int ShortSlice = 32;

    /// <summary>Sorts <paramref name="items"/> into <paramref name="sorted"/> (as long) over
    /// <paramref name="slices"/> slices; <paramref name="counts"/> is scratch of at least
    /// <paramref name="slices"/> + 1.</summary>
    public static void Sort<T, TOrder>(ReadOnlySpan<T> items, Span<T> sorted, int slices, Span<int> counts, TOrder order)
        where TOrder : struct, ISliceOrder<T>
    {
        var ends = counts[..(slices + 1)];
        ends.Clear();
        foreach (ref readonly var item in items)
        {
            ends[order.SliceOf(in item, slices) + 1]++;
        }

        for (int s = 1; s <= slices; s++)
        {
            ends[s] += ends[s - 1];
        }

        // ends[s] is where slice s begins; filling it moves it to where slice s ends.
        foreach (ref readonly var item in items)
        {
            sorted[ends[order.SliceOf(in item, slices)]++] = item;
        }

        int begin = 0;
        for (int s = 0; s < slices; s++)
        {
            int end = ends[s];
            var slice = sorted[begin..end];
            if (slice.Length > ShortSlice)
            {
                order.SortLongSlice(slice);
            }
            else
            {
                ByInsertion(slice, order);
            }

            begin = end;
        }
    }

    /// <summary>A stable insertion sort of <paramref name="items"/>.</summary>
    public static void ByInsertion<T, TOrder>(Span<T> items, TOrder order)
        where TOrder : struct, ISliceOrder<T>
    {
        for (int i = 1; i < items.Length; i++)
        {
            var item = items[i];
            int j = i - 1;
            while (j >= 0 && order.ComesAfter(in items[j], in item))
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }
}
