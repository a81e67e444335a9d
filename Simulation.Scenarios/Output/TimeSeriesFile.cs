using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>timeseries.parquet</c>: a row per replication and sampled day (replication, day, date when the
/// scenario has a start date, then one double column per metric of <see cref="TimeSeriesCatalog"/>).
/// Schema in docs/outputs.md.
/// </summary>
internal sealed class TimeSeriesFile : IAsyncDisposable
{
    public const string FileName = "timeseries.parquet";

    private readonly ParquetStreamWriter _writer;
    private readonly ValueColumn<int> _replication;
    private readonly ValueColumn<int> _day;
    private readonly ValueColumn<DateOnly>? _date;
    private readonly ValueColumn<double>[] _metrics;
    private readonly string[] _metricNames;
    private readonly DateOnly? _startDate;

    private TimeSeriesFile(ParquetStreamWriter writer, ValueColumn<int> replication, ValueColumn<int> day, ValueColumn<DateOnly>? date, ValueColumn<double>[] metrics, string[] metricNames, DateOnly? startDate)
    {
        _writer = writer;
        _replication = replication;
        _day = day;
        _date = date;
        _metrics = metrics;
        _metricNames = metricNames;
        _startDate = startDate;
    }

    public long RowCount => _writer.RowCount;

    public static async Task<TimeSeriesFile> CreateAsync(string path, DateOnly? startDate, CancellationToken cancellationToken)
    {
        var replication = new ValueColumn<int>("replication");
        var day = new ValueColumn<int>("day");
        var date = startDate is null ? null : new ValueColumn<DateOnly>("date");
        string[] names = [.. TimeSeriesCatalog.All.Select(m => m.Name)];
        var metrics = names.Select(n => new ValueColumn<double>(n)).ToArray();
        var columns = new List<ColumnBuffer> { replication, day };
        if (date is not null)
        {
            columns.Add(date);
        }

        columns.AddRange(metrics);
        var writer = await ParquetStreamWriter.CreateAsync(path, columns, cancellationToken).ConfigureAwait(false);
        return new TimeSeriesFile(writer, replication, day, date, metrics, names, startDate);
    }

    /// <summary>Appends every sampled row of one replication.</summary>
    public void Append(int replication, TimeSeries series)
    {
        if (!series.Metrics.SequenceEqual(_metricNames))
        {
            throw new InvalidOperationException("The model's time-series metrics differ from TimeSeriesCatalog.");
        }

        for (int row = 0; row < series.Days.Count; row++)
        {
            // Rows are sampled at whole days (the interval is a whole number of days).
            int day = (int)Math.Round(series.Days[row]);
            _replication.Add(replication);
            _day.Add(day);
            _date?.Add(_startDate!.Value.AddDays(day));
            for (int m = 0; m < _metrics.Length; m++)
            {
                _metrics[m].Add(series.Value(m, row));
            }

            _writer.EndRow();
        }
    }

    public Task CompleteAsync() => _writer.CompleteAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
