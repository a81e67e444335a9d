using System.Globalization;
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

/// <summary>Per view node of the network (a supplier, or a group of them): means per replication.</summary>
/// <param name="UnitsProduced">Units made, mean per replication.</param>
/// <param name="Exits">Members that left the chain after the warm-up, mean per replication.</param>
/// <param name="WorkerExposureDays">Worker-days exposed to open violations, mean per replication.</param>
/// <param name="StressDays">Liquidity-stress days, mean per replication.</param>
internal sealed record NodeStats(double UnitsProduced, double Exits, double WorkerExposureDays, double StressDays);

/// <summary>
/// What a report is drawn from, read back from a run folder's Parquet files and manifest only (so a
/// report can be re-rendered anywhere the folder is copied).
/// </summary>
internal sealed class RunData
{
    private static readonly string[] SizeOrder = ["micro", "small", "medium", "large"];
    /// <summary>Every exit cause suppliers.parquet names (SupplierOutcome.ExitCause), in the order the chart shows them.</summary>
    private static readonly string[] ExitCauses = ["insolvency", "margin", "terminated"];

    private RunData(string folder, Manifest manifest, RunPresentation presentation, IReadOnlyList<SummaryRow> summary, IReadOnlyDictionary<string, double[]> kpis, IReadOnlyList<ExitBar> exits, IReadOnlyDictionary<string, NodeStats> nodes)
    {
        Nodes = nodes;
        Folder = folder;
        Shape = presentation;
        Presentation = new KpiPresentation(presentation);
        Manifest = manifest;
        Summary = summary;
        Kpis = kpis;
        Exits = exits;
    }

    public string Folder { get; }

    public Manifest Manifest { get; }

    /// <summary>presentation.json: the scenario's report section, what it models, its levers and network.</summary>
    public RunPresentation Shape { get; }

    /// <summary>Labels, units, applicability and verdicts of the KPIs.</summary>
    public KpiPresentation Presentation { get; }

    /// <summary>The scenario's levers with a window in time (chart markers).</summary>
    public IReadOnlyList<Lever> Levers => Shape.Levers;

    /// <summary>Rows of summary.parquet, in file (catalogue) order.</summary>
    public IReadOnlyList<SummaryRow> Summary { get; }

    /// <summary>Each KPI column of kpis.parquet: one value per replication.</summary>
    public IReadOnlyDictionary<string, double[]> Kpis { get; }

    /// <summary>The scenario's alerts, from their kpis.parquet columns (empty without alerts).</summary>
    public IReadOnlyList<AlertRow> Alerts { get; init; } = [];

    /// <summary>Mean exits per replication after the warm-up, by tier, size and cause.</summary>
    public IReadOnlyList<ExitBar> Exits { get; }

    /// <summary>Per node of the network view (keyed as <see cref="RunPresentation.Nodes"/>), from suppliers.parquet.</summary>
    public IReadOnlyDictionary<string, NodeStats> Nodes { get; }

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

        var presentation = RunPresentation.Read(folder);
        var (exits, nodes) = await ReadSuppliersAsync(Path.Combine(folder, SuppliersFile.FileName), manifest, presentation.Aggregated, cancellationToken).ConfigureAwait(false);
        return new RunData(folder, manifest, presentation, summary, kpis, exits, nodes) { Alerts = alerts };
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

    /// <summary>Counts exits and sums per-node outcomes row group by row group, so memory does not grow with replications.</summary>
    private static async Task<(IReadOnlyList<ExitBar>, IReadOnlyDictionary<string, NodeStats>)> ReadSuppliersAsync(string path, Manifest manifest, bool aggregated, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
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
            var ids = await table.ReadStringGroupAsync("supplier_id", g, cancellationToken).ConfigureAwait(false);
            var groups = await table.ReadStringGroupAsync("supplier_group", g, cancellationToken).ConfigureAwait(false);
            var regions = await table.ReadStringGroupAsync("region", g, cancellationToken).ConfigureAwait(false);
            var units = await table.ReadGroupAsync<double>("units_produced", g, cancellationToken).ConfigureAwait(false);
            var exposure = await table.ReadGroupAsync<double>("worker_exposure_days", g, cancellationToken).ConfigureAwait(false);
            var stress = await table.ReadGroupAsync<double>("liquidity_stress_days", g, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < tiers.Length; i++)
            {
                string key = aggregated ? RunPresentation.AggregateKey(tiers[i], groups[i], regions[i]!) : ids[i]!;
                if (!sums.TryGetValue(key, out var sum))
                {
                    sums[key] = sum = new double[4];
                }

                bool exited = exitDays[i] is double exitDay && (manifest.WarmupDays == 0 || exitDay > manifest.WarmupDays);
                sum[0] += units[i];
                sum[1] += exited ? 1 : 0;
                sum[2] += exposure[i];
                sum[3] += stress[i];

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
        var nodes = sums.ToDictionary(
            s => s.Key,
            s => new NodeStats(s.Value[0] / perReplication, s.Value[1] / perReplication, s.Value[2] / perReplication, s.Value[3] / perReplication),
            StringComparer.Ordinal);
        return (bars, nodes);
    }
}

/// <summary>A time-series metric across replications at sampled days: mean and the 5th-95th percentile band.</summary>
/// <param name="Metric">The time-series column.</param>
/// <param name="Days">Simulated days of the points.</param>
/// <param name="Mean">Mean across replications.</param>
/// <param name="P5">5th percentile across replications.</param>
/// <param name="P95">95th percentile across replications.</param>
/// <param name="Thinned">True when the days were thinned to each stretch's lowest and highest mean.</param>
internal sealed record SeriesBand(string Metric, double[] Days, double[] Mean, double[] P5, double[] P95, bool Thinned);

/// <summary>
/// Reduces <c>timeseries.parquet</c> to one <see cref="SeriesBand"/> per metric, reading one metric
/// column at a time. Every day's statistics are computed across replications; a run with more than
/// <see cref="MaxPoints"/> days is then thinned stretch by stretch to the days of the lowest and the
/// highest mean, with the band widened to the stretch's lowest p5 and highest p95, so a one-day spike
/// survives. Runs too large to hold one metric in memory (<see cref="MaxValues"/>) are pre-thinned to
/// every k-th day first.
/// </summary>
internal static class TimeSeriesBands
{
    public const int MaxPoints = 400;

    /// <summary>Most values (days times replications) of one metric held at once.</summary>
    public const long MaxValues = 8_000_000;

    /// <summary>Bands of <paramref name="metrics"/>; the run's shape (days per replication) comes from its manifest.</summary>
    public static async Task<IReadOnlyList<SeriesBand>> ReadAsync(string path, Manifest manifest, IReadOnlyList<string> metrics, CancellationToken cancellationToken)
    {
        await using var table = await ParquetTable.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        int every = Math.Max(1, manifest.TimeseriesEveryDays);
        int rowsPerReplication = (int)Math.Floor((manifest.HorizonDays / every) + 1e-9) + 1;
        int replications = manifest.Replications;
        int stride = (int)Math.Max(1, Math.Ceiling((double)rowsPerReplication * replications / MaxValues));
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
                    if (!double.IsFinite(part.Span[j]))
                    {
                        throw new ScenarioInputException(string.Create(CultureInfo.InvariantCulture,
                            $"'{path}' holds {part.Span[j]} in column '{metric}' at row {row + 1}, which a run never writes; the file is damaged or was edited."));
                    }

                    int day = (int)(row % rowsPerReplication);
                    int k = stride == 1 ? day : Array.BinarySearch(kept, day);
                    if (k >= 0)
                    {
                        values[k][row / rowsPerReplication] = part.Span[j];
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

            bands.Add(Thin(new SeriesBand(metric, days, mean, p5, p95, stride > 1)));
        }

        return bands;
    }

    /// <summary>
    /// At most <see cref="MaxPoints"/> points: each stretch of days keeps the day of its lowest and of its
    /// highest mean (in day order), with the stretch's lowest p5 and highest p95, so extremes survive.
    /// </summary>
    internal static SeriesBand Thin(SeriesBand band)
    {
        int n = band.Days.Length;
        if (n <= MaxPoints)
        {
            return band;
        }

        int stretches = MaxPoints / 2;
        var days = new List<double>(MaxPoints);
        var mean = new List<double>(MaxPoints);
        var p5 = new List<double>(MaxPoints);
        var p95 = new List<double>(MaxPoints);
        for (int s = 0; s < stretches; s++)
        {
            int from = (int)((long)s * n / stretches);
            int to = (int)((long)(s + 1) * n / stretches);
            int low = from, high = from;
            double bandLow = double.PositiveInfinity, bandHigh = double.NegativeInfinity;
            for (int i = from; i < to; i++)
            {
                low = band.Mean[i] < band.Mean[low] ? i : low;
                high = band.Mean[i] > band.Mean[high] ? i : high;
                bandLow = Math.Min(bandLow, band.P5[i]);
                bandHigh = Math.Max(bandHigh, band.P95[i]);
            }

            foreach (int i in low == high ? [low] : new[] { Math.Min(low, high), Math.Max(low, high) })
            {
                days.Add(band.Days[i]);
                mean.Add(band.Mean[i]);
                p5.Add(bandLow);
                p95.Add(bandHigh);
            }
        }

        return new SeriesBand(band.Metric, [.. days], [.. mean], [.. p5], [.. p95], Thinned: true);
    }
}
