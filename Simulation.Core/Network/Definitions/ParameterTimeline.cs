namespace Simulation.Core.Network.Definitions;

/// <summary>One change of a parameter: from <paramref name="Day"/> on (inclusive) it takes <paramref name="Value"/>.</summary>
/// <typeparam name="T">The parameter's type: <see cref="double"/> for numbers, <see cref="bool"/> for switches.</typeparam>
/// <param name="Day">Simulated day the new value takes effect (may be fractional; must be &gt;= 0).</param>
/// <param name="Value">The value from that day on, until the next change.</param>
public readonly record struct ParameterChange<T>(double Day, T Value)
    where T : struct;

/// <summary>
/// A parameter whose value is a step function of simulated time: <see cref="Initial"/> until the
/// first change, then each change's value from its day on. The part of the model that uses the
/// parameter owns its timeline, reads the value in force with <see cref="ValueAt"/>, and asks
/// <see cref="NextChangeAfter"/> when to read it again (it puts one kernel entry at that time), so a
/// run with changing parameters stays exact and costs one event per change.
/// </summary>
/// <typeparam name="T">The parameter's type: <see cref="double"/> for numbers, <see cref="bool"/> for switches.</typeparam>
/// <remarks>Changes are kept sorted by day; two changes on the same day are refused (which one wins would be ambiguous).</remarks>
public sealed class ParameterTimeline<T>
    where T : struct
{
    private readonly double[] _days;
    private readonly T[] _values;

    /// <summary>Creates the timeline of a parameter that starts at <paramref name="initial"/> and changes as given.</summary>
    /// <exception cref="ArgumentException">A change day is negative or not finite, or two changes share a day.</exception>
    public ParameterTimeline(T initial, IEnumerable<ParameterChange<T>> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        Initial = initial;
        var sorted = changes.ToArray();
        Array.Sort(sorted, static (a, b) => a.Day.CompareTo(b.Day));
        _days = new double[sorted.Length];
        _values = new T[sorted.Length];
        for (int i = 0; i < sorted.Length; i++)
        {
            double day = sorted[i].Day;
            if (!(day >= 0) || !double.IsFinite(day))
            {
                throw new ArgumentException($"A parameter change needs a finite day >= 0, got {day}.", nameof(changes));
            }

            if (i > 0 && day == _days[i - 1])
            {
                throw new ArgumentException($"Two parameter changes on day {day}.", nameof(changes));
            }

            _days[i] = day;
            _values[i] = sorted[i].Value;
        }

        Changes = sorted;
    }

    /// <summary>The value before the first change.</summary>
    public T Initial { get; }

    /// <summary>The changes, in order of day.</summary>
    public IReadOnlyList<ParameterChange<T>> Changes { get; }

    /// <summary>The value in force at <paramref name="time"/>: the last change at or before it, else <see cref="Initial"/>.</summary>
    public T ValueAt(double time)
    {
        int index = LastAtOrBefore(time);
        return index < 0 ? Initial : _values[index];
    }

    /// <summary>The first change day strictly after <paramref name="time"/>, or <see cref="double.PositiveInfinity"/> when none is left.</summary>
    public double NextChangeAfter(double time)
    {
        int next = LastAtOrBefore(time) + 1;
        return next < _days.Length ? _days[next] : double.PositiveInfinity;
    }

    /// <summary>Index of the last change with day &lt;= time, or -1 (binary search).</summary>
    private int LastAtOrBefore(double time)
    {
        int low = 0;
        int high = _days.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (_days[mid] <= time)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low - 1;
    }
}

/// <summary>
/// Reading a parameter given as a value and its changes (<c>...Changes</c> lists of the definitions)
/// where it is used, for parameters read at the moment they apply (an audit's detection probability,
/// a payment's terms): no kernel entry is needed, the value in force is looked up.
/// </summary>
public static class ParameterChanges
{
    /// <summary>
    /// The value in force at <paramref name="time"/>: the last change at or before it, else
    /// <paramref name="initial"/>. <paramref name="changes"/> must be in increasing day (as the scenario
    /// loader builds them); without changes this is <paramref name="initial"/>.
    /// </summary>
    public static double ValueAt(this IReadOnlyList<ParameterChange<double>> changes, double initial, double time)
    {
        ArgumentNullException.ThrowIfNull(changes);
        double value = initial;
        for (int i = 0; i < changes.Count && changes[i].Day <= time; i++)
        {
            value = changes[i].Value;
        }

        return value;
    }
}
