namespace Simulation.Core.Statistics;

/// <summary>
/// Count, mean, variance, minimum and maximum of a stream of observations in one pass and constant
/// memory, by Welford's update; partial results from different threads or windows combine with
/// <see cref="Merge"/>.
/// </summary>
/// <remarks>
/// <para>
/// A mutable struct so that models can keep many of them in arrays without allocating. Store it in a
/// field or array element and call <see cref="Add"/> on that location; a copy (for example from a
/// <c>readonly</c> field or a <c>foreach</c> variable) accumulates into the copy.
/// </para>
/// <para>
/// Welford's update avoids the cancellation of the textbook sum-of-squares formula, which loses all
/// precision when the mean is large compared with the spread (e.g. inventory around 10^6 +- 3).
/// </para>
/// <para>
/// With no observations <see cref="Mean"/>, <see cref="Variance"/>, <see cref="Min"/> and
/// <see cref="Max"/> are NaN. With one observation the variance is 0: no spread has been observed,
/// the same convention as <see cref="Summary"/>.
/// </para>
/// </remarks>
public struct RunningStatistics
{
    private long _count;
    private double _mean;
    private double _sumOfSquaredDeviations;
    private double _min;
    private double _max;

    /// <summary>The number of observations.</summary>
    public readonly long Count => _count;

    /// <summary>The arithmetic mean, or NaN with no observations.</summary>
    public readonly double Mean => _count == 0 ? double.NaN : _mean;

    /// <summary>The sample variance (divisor n - 1); 0 with one observation, NaN with none.</summary>
    public readonly double Variance => _count switch
    {
        0 => double.NaN,
        1 => 0,
        _ => _sumOfSquaredDeviations / (_count - 1),
    };

    /// <summary>The sample standard deviation, the square root of <see cref="Variance"/>.</summary>
    public readonly double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The smallest observation, or NaN with none.</summary>
    public readonly double Min => _count == 0 ? double.NaN : _min;

    /// <summary>The largest observation, or NaN with none.</summary>
    public readonly double Max => _count == 0 ? double.NaN : _max;

    /// <summary>Adds one observation.</summary>
    /// <param name="value">The observation.</param>
    public void Add(double value)
    {
        _count++;
        double delta = value - _mean;
        _mean += delta / _count;
        _sumOfSquaredDeviations += delta * (value - _mean);
        if (_count == 1)
        {
            _min = value;
            _max = value;
        }
        else
        {
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }
    }

    /// <summary>
    /// Adds all observations summarised by <paramref name="other"/>, as if each had been passed to
    /// <see cref="Add"/>, using the pairwise formula of Chan, Golub and LeVeque (1979).
    /// </summary>
    /// <param name="other">The statistics to fold in; unchanged.</param>
    public void Merge(in RunningStatistics other)
    {
        if (other._count == 0)
        {
            return;
        }

        if (_count == 0)
        {
            this = other;
            return;
        }

        long count = _count + other._count;
        double delta = other._mean - _mean;
        _mean += delta * other._count / count;
        _sumOfSquaredDeviations += other._sumOfSquaredDeviations + (delta * delta * _count * other._count / count);
        _count = count;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }
}
