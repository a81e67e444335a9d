using Simulation.Core.Network;
using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Reporting;

/// <summary>One row of <c>summary.parquet</c>.</summary>
internal sealed record SummaryRow(string Kpi, string Unit, string Group, int N, double Mean, double Sd, double Ci95Low, double Ci95High, double P5, double P50, double P95)
{
    /// <summary>
    /// The raw 95% CI of the file clipped to the KPI's natural range, as the report shows it: the
    /// catalogue's range by name, or the range the unit implies for a KPI the catalogue no longer has.
    /// </summary>
    public (double Low, double High) Ci95InRange
    {
        get
        {
            int index = KpiCatalog.IndexOf(Kpi);
            var range = index >= 0 ? KpiCatalog.All[index].Range : KpiRange.ForUnit(Unit);
            return range.Clip(Ci95Low, Ci95High);
        }
    }
}

/// <summary>Mean exits per replication in one category (a tier, a size class or a cause).</summary>
/// <summary>An alert over the run: replications, how many fired, the 95% Wilson interval of the share, and the first days.</summary>
internal sealed record AlertRow(string Id, int N, int Fired, double Ci95Low, double Ci95High, Core.Statistics.Summary? FirstDay);

internal sealed record ExitBar(string Category, string Label, double MeanPerReplication);

/// <summary>
/// What a report is drawn from, read back from a run folder's Parquet files and manifest only (so a
/// report can be re-rendered anywhere the folder is copied).
/// </summary>
internal sealed class RunData
{
    private static readonly string[] SizeOrder = ["micro", "small", "medium", "large"];
    /// <summary>Every exit cause suppliers.parquet names (SupplierOutcome.ExitCause), in the order the chart shows them.</summary>
    private static readonly string[] ExitCauses = ["insolvency", "margin", "terminated"];

    private RunData(string folder, Manifest manifest, IReadOnlyList<SummaryRow> summary, IReadOnlyDictionary<string, double[]> kpis, IReadOnlyList<ExitBar> exits)
    {
        Folder = folder;
        Manifest = manifest;
        Summary = summary;
        Kpis = kpis;
        Exits = exits;
    }

    public string Folder { get; }

    public Manifest Manifest { get; }

    /// <summary>Rows of summary.parquet, in file (catalogue) order.</summary>
    public IReadOnlyList<SummaryRow> Summary { get; }

    /// <summary>Each KPI column of kpis.parquet: one value per replication.</summary>
    public IReadOnlyDictionary<string, double[]> Kpis { get; }

    /// <summary>The scenario's alerts, from their kpis.parquet columns (empty without alerts).</summary>
    public IReadOnlyList<AlertRow> Alerts { get; init; } = [];

    /// <summary>Mean exits per replication after the warm-up, by tier, size and cause.</summary>
    public IReadOnlyList<ExitBar> Exits { get; }

    public string TimeSeriesPath => Path.Combine(Folder, TimeSeriesFile.FileName);

    public static async Task<RunData> LoadAsync(string folder, Manifest manifest, CancellationToken cancellationToken)
    {
        var summary = await ReadSummaryAsync(Path.Combine(folder, "summary.parquet"), cancellationToken).ConfigureAwait(false);
        var kpis = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var alerts = new List<AlertRow>();
        await using (var table = await ParquetTable.OpenAsync(Path.Combine(folder, "kpis.parquet"), cancellationToken).ConfigureAwait(false))
        {
            foreach (string column in table.ColumnNames.Where(c => table.ValueType(c) == typeof(double) && !IsAlertColumn(c)))
            {
                kpis[column] = await table.ReadAsync<double>(column, cancellationToken).ConfigureAwait(false);
            }

            foreach (string column in table.ColumnNames.Where(c => c.StartsWith(AlertPrefix, StringComparison.Ordinal) && c.EndsWith(FiredSuffix, StringComparison.Ordinal)))
            {
                alerts.Add(await ReadAlertAsync(table, column[AlertPrefix.Length..^FiredSuffix.Length], cancellationToken).ConfigureAwait(false));
            }
        }

        var exits = await ReadExitsAsync(Path.Combine(folder, SuppliersFile.FileName), manifest, cancellationToken).ConfigureAwait(false);
        return new RunData(folder, manifest, summary, kpis, exits) { Alerts = alerts };
    }

    private const string AlertPrefix = "alert_";
    private const string FiredSuffix = "_fired";
    private const string FirstDaySuffix = "_first_day";

    private static bool IsAlertColumn(string column) =>
        column.StartsWith(AlertPrefix, StringComparison.Ordinal)
        && (column.EndsWith(FiredSuffix, StringComparison.Ordinal) || column.EndsWith(FirstDaySuffix, StringComparison.Ordinal));

    /// <summary>One alert's columns of kpis.parquet, summarised as the run's table does.</summary>
    private static async Task<AlertRow> ReadAlertAsync(ParquetTable table, string id, CancellationToken cancellationToken)
    {
        int fired = 0;
        int n = 0;
        var days = new List<double>();
        for (int g = 0; g < table.RowGroupCount; g++)
        {
            var flags = await table.ReadGroupAsync<bool>(AlertPrefix + id + FiredSuffix, g, cancellationToken).ConfigureAwait(false);
            var first = await table.ReadNullableGroupAsync<double>(AlertPrefix + id + FirstDaySuffix, g, cancellationToken).ConfigureAwait(false);
            n += flags.Length;
            fired += flags.Count(f => f);
            days.AddRange(first.Where(d => d is not null).Select(d => d!.Value));
        }

        var (low, high) = n > 0 ? Core.Statistics.ProportionInterval.Wilson95(fired, n) : (double.NaN, double.NaN);
        return new AlertRow(id, n, fired, low, high, days.Count > 0 ? Core.Statistics.Summary.Of([.. days]) : null);
    }

    /// <summary>The summary row of a KPI, or null if the run has none by that name.</summary>
    public SummaryRow? SummaryOf(string kpi) => Summary.FirstOrDefault(s => string.Equals(s.Kpi, kpi, StringComparison.Ordinal));

    private static async Task<IReadOnlyList<SummaryRow>> ReadSummaryAsync(string path, CancellationToken cancellationToken)
    {
        await using var table = await ParquetTable.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var names = await table.ReadStringsAsync("kpi", cancellationToken).ConfigureAwait(false);
        var units = await table.ReadStringsAsync("unit", cancellationToken).ConfigureAwait(false);
        var groups = await table.ReadStringsAsync("kpi_group", cancellationToken).ConfigureAwait(false);
        var n = await table.ReadAsync<int>("n", cancellationToken).ConfigureAwait(false);
        async Task<double[]> D(string c) => await table.ReadAsync<double>(c, cancellationToken).ConfigureAwait(false);
        double[] mean = await D("mean").ConfigureAwait(false);
        double[] sd = await D("sd").ConfigureAwait(false);
        double[] low = await D("ci95_low").ConfigureAwait(false);
        double[] high = await D("ci95_high").ConfigureAwait(false);
        double[] p5 = await D("p5").ConfigureAwait(false);
        double[] p50 = await D("p50").ConfigureAwait(false);
        double[] p95 = await D("p95").ConfigureAwait(false);
        return [.. Enumerable.Range(0, names.Length).Select(i =>
            new SummaryRow(names[i]!, units[i]!, groups[i]!, n[i], mean[i], sd[i], low[i], high[i], p5[i], p50[i], p95[i]))];
    }

    /// <summary>Counts exits row group by row group, so memory does not grow with replications.</summary>
    private static async Task<IReadOnlyList<ExitBar>> ReadExitsAsync(string path, Manifest manifest, CancellationToken cancellationToken)
    {
        await using var table = await ParquetTable.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var byTier = new SortedDictionary<int, int>();
        var bySize = SizeOrder.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        var byCause = ExitCauses.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        var sizesSeen = new HashSet<string>(StringComparer.Ordinal);
        for (int g = 0; g < table.RowGroupCount; g++)
        {
            var tiers = await table.ReadGroupAsync<int>("tier", g, cancellationToken).ConfigureAwait(false);
            var sizes = await table.ReadStringGroupAsync("size", g, cancellationToken).ConfigureAwait(false);
            var exitDays = await table.ReadNullableGroupAsync<double>("exit_day", g, cancellationToken).ConfigureAwait(false);
            var causes = await table.ReadStringGroupAsync("exit_cause", g, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < tiers.Length; i++)
            {
                if (tiers[i] >= 1)
                {
                    byTier.TryAdd(tiers[i], 0);
                }

                sizesSeen.Add(sizes[i]!);

                // As the KPIs count them: exits after the warm-up (all exits when there is none).
                if (exitDays[i] is double day && (manifest.WarmupDays == 0 || day > manifest.WarmupDays))
                {
                    byTier[tiers[i]] = byTier.GetValueOrDefault(tiers[i]) + 1;
                    bySize[sizes[i]!] = bySize.GetValueOrDefault(sizes[i]!) + 1;
                    byCause[causes[i]!] = byCause.GetValueOrDefault(causes[i]!) + 1;
                }
            }
        }

        double perReplication = Math.Max(1, manifest.Replications);
        var bars = new List<ExitBar>();
        bars.AddRange(byTier.Where(t => t.Key >= 1).Select(t => new ExitBar("tier", $"tier {t.Key}", t.Value / perReplication)));
        bars.AddRange(SizeOrder.Where(sizesSeen.Contains).Select(s => new ExitBar("size", s, bySize[s] / perReplication)));
        bars.AddRange(ExitCauses.Select(c => new ExitBar("cause", c, byCause[c] / perReplication)));
        return bars;
    }
}

/// <summary>A time-series metric across replications at sampled days: mean and the 5th-95th percentile band.</summary>
internal sealed record SeriesBand(string Metric, double[] Days, double[] Mean, double[] P5, double[] P95);

/// <summary>
/// Reduces <c>timeseries.parquet</c> to one <see cref="SeriesBand"/> per metric, reading one metric
/// column at a time. At most <see cref="MaxPoints"/> days per replication are kept (every k-th row),
/// so memory is replications times that, for one metric, whatever the horizon.
/// </summary>
internal static class TimeSeriesBands
{
    public const int MaxPoints = 400;

    /// <summary>Bands of <paramref name="metrics"/>; the run's shape (days per replication) comes from its manifest.</summary>
    public static async Task<IReadOnlyList<SeriesBand>> ReadAsync(string path, Manifest manifest, IReadOnlyList<string> metrics, CancellationToken cancellationToken)
    {
        await using var table = await ParquetTable.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        int every = Math.Max(1, manifest.TimeseriesEveryDays);
        int rowsPerReplication = (int)Math.Floor((manifest.HorizonDays / every) + 1e-9) + 1;
        int replications = manifest.Replications;
        int stride = (rowsPerReplication + MaxPoints - 1) / MaxPoints;
        int[] kept = [.. Enumerable.Range(0, rowsPerReplication).Where(r => r % stride == 0 || r == rowsPerReplication - 1)];
        double[] days = [.. kept.Select(r => (double)r * every)];

        var bands = new List<SeriesBand>();
        var buffer = new double[table.LargestRowGroup];
        foreach (string metric in metrics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = new double[kept.Length][];
            for (int k = 0; k < kept.Length; k++)
            {
                values[k] = new double[replications];
            }

            long row = 0;
            for (int g = 0; g < table.RowGroupCount; g++)
            {
                var part = await table.ReadGroupIntoAsync(metric, g, buffer, cancellationToken).ConfigureAwait(false);
                for (int j = 0; j < part.Length; j++)
                {
                    double v = part.Span[j];
                    int k = Array.BinarySearch(kept, (int)(row % rowsPerReplication));
                    if (k >= 0)
                    {
                        values[k][row / rowsPerReplication] = v;
                    }

                    row++;
                }
            }

            if (row != (long)rowsPerReplication * replications)
            {
                throw new ScenarioInputException($"'{path}' has {row} rows; the manifest promises {replications} replications of {rowsPerReplication} days.");
            }

            var mean = new double[kept.Length];
            var p5 = new double[kept.Length];
            var p95 = new double[kept.Length];
            for (int k = 0; k < kept.Length; k++)
            {
                var s = Core.Statistics.Summary.Of(values[k]);
                (mean[k], p5[k], p95[k]) = (s.Mean, s.P5, s.P95);
            }

            bands.Add(new SeriesBand(metric, days, mean, p5, p95));
        }

        return bands;
    }
}
