namespace Simulation.Core.Network;

/// <summary>
/// The metrics of one replication sampled at regular days (see <see cref="TimeSeriesCatalog"/> for the
/// metric names and meanings). Stored column by column: one array of values per metric.
/// </summary>
public sealed class TimeSeries
{
    private readonly string[] _metrics;
    private readonly double[] _days;
    private readonly double[][] _columns;

    internal TimeSeries(string[] metrics, double[] days, double[][] columns)
    {
        _metrics = metrics;
        _days = days;
        _columns = columns;
    }

    /// <summary>The metric names, in column order (those of <see cref="TimeSeriesCatalog.All"/>).</summary>
    public IReadOnlyList<string> Metrics => _metrics;

    /// <summary>The simulated day of each row, ascending, from 0 to the horizon.</summary>
    public IReadOnlyList<double> Days => _days;

    /// <summary>The value of metric number <paramref name="metric"/> in row <paramref name="dayIndex"/>.</summary>
    /// <param name="metric">The metric's index in <see cref="Metrics"/>.</param>
    /// <param name="dayIndex">The row's index in <see cref="Days"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    public double Value(int metric, int dayIndex) => _columns[metric][dayIndex];

    /// <summary>All rows of metric number <paramref name="metric"/>, aligned with <see cref="Days"/>.</summary>
    /// <param name="metric">The metric's index in <see cref="Metrics"/>.</param>
    /// <returns>The column, read-only.</returns>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    public ReadOnlySpan<double> Column(int metric) => _columns[metric];

    /// <summary>The column of the metric named <paramref name="metric"/>.</summary>
    /// <param name="metric">A name from <see cref="Metrics"/>.</param>
    /// <returns>The column, read-only.</returns>
    /// <exception cref="ArgumentException">No metric has that name.</exception>
    public ReadOnlySpan<double> Column(string metric)
    {
        int index = Array.IndexOf(_metrics, metric);
        if (index < 0)
        {
            throw new ArgumentException($"No time-series metric is named '{metric}'.", nameof(metric));
        }

        return _columns[index];
    }
}
