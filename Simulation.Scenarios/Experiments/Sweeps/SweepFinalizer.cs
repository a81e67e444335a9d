using Parquet;
using Parquet.Schema;
using Simulation.Core.Statistics;
using Simulation.Core.Statistics.Sensitivity;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// Turns a sweep folder's parts into its results: <c>sweep.parquet</c> (the parts concatenated in point
/// order), <c>points.parquet</c> (per point and KPI: mean, sd, 95% CI over replications),
/// <c>sensitivity.parquet</c> for Sobol designs, and the charts.
/// </summary>
/// <remarks>
/// Parts are streamed in blocks of points, one row group per block, so memory does not grow with the
/// number of points; only each point's KPI means and CI half-widths (16 bytes per point and KPI) are kept
/// for the charts and indices. The block size depends on the replications only, so the bytes written do
/// not depend on how the parts were produced.
/// </remarks>
internal static class SweepFinalizer
{
    private const int RowsPerGroup = 50_000;

    public static async Task<IReadOnlyList<SensitivityRow>> FinishAsync(string folder, SweepState state, CancellationToken cancellationToken)
    {
        int kpis = state.Kpis.Count;
        var means = new double[state.Points][];
        var halfWidths = new double[state.Points][];
        // Parameter values per point feed the response curves and heatmaps, which exist for one or two parameters only.
        object[][]? parameterValues = state.Parameters.Count <= 2 ? new object[state.Points][] : null;
        var summaries = new PointSummaries(state);
        var rows = new SweepRows(state);
        int pointsPerGroup = Math.Max(1, RowsPerGroup / state.Replications);

        string dataset = Path.Combine(folder, "sweep.parquet");
        string points = Path.Combine(folder, "points.parquet");
        string datasetTemporary = AtomicFile.TemporaryPath(dataset);
        string pointsTemporary = AtomicFile.TemporaryPath(points);
        try
        {
            await using (var datasetStream = new FileStream(datasetTemporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            await using (var pointsStream = new FileStream(pointsTemporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var datasetWriter = await ParquetWriter.CreateAsync(rows.Schema, datasetStream, Output.ParquetColumns.WriterOptions(), append: false, cancellationToken).ConfigureAwait(false);
                var pointsWriter = await ParquetWriter.CreateAsync(summaries.Schema, pointsStream, Output.ParquetColumns.WriterOptions(), append: false, cancellationToken).ConfigureAwait(false);
                await using (datasetWriter.ConfigureAwait(false))
                await using (pointsWriter.ConfigureAwait(false))
                {
                    for (int first = 0; first < state.Points; first += pointsPerGroup)
                    {
                        int last = Math.Min(state.Points, first + pointsPerGroup);
                        for (int point = first; point < last; point++)
                        {
                            string part = ScenarioSweep.PartPath(folder, point);
                            if (!File.Exists(part))
                            {
                                throw new ScenarioInputException($"Point {point} is not finished ({part} is missing).");
                            }

                            await ReadPartAsync(rows, part, point, cancellationToken).ConfigureAwait(false);
                        }

                        if (rows.Count != (last - first) * state.Replications)
                        {
                            throw new ScenarioInputException($"The parts of points {first}..{last - 1} do not hold {state.Replications} replications each; the sweep folder is damaged (run the sweep with --force).");
                        }

                        for (int point = first; point < last; point++)
                        {
                            int row = (point - first) * state.Replications;
                            (means[point], halfWidths[point]) = summaries.Add(point, rows, row, kpis);
                            if (parameterValues is not null)
                            {
                                parameterValues[point] = rows.Parameters(row);
                            }
                        }

                        await rows.WriteRowGroupAsync(datasetWriter, cancellationToken).ConfigureAwait(false);
                        await summaries.WriteRowGroupAsync(pointsWriter, cancellationToken).ConfigureAwait(false);
                        rows.Clear();
                        summaries.Clear();
                    }
                }
            }

            File.Move(datasetTemporary, dataset, overwrite: true);
            File.Move(pointsTemporary, points, overwrite: true);
        }
        finally
        {
            File.Delete(datasetTemporary);
            File.Delete(pointsTemporary);
        }

        var sensitivity = state.Design == DesignKind.Sobol ? Sensitivity(state, means) : [];
        if (sensitivity.Count > 0)
        {
            await WriteSensitivityAsync(Path.Combine(folder, "sensitivity.parquet"), sensitivity, cancellationToken).ConfigureAwait(false);
        }

        SweepCharts.Write(Path.Combine(folder, "charts"), state, parameterValues, means, halfWidths, sensitivity);
        return sensitivity;
    }

    private static List<SensitivityRow> Sensitivity(SweepState state, double[][] means)
    {
        var rows = new List<SensitivityRow>();
        int d = state.Parameters.Count;
        for (int k = 0; k < state.Kpis.Count; k++)
        {
            double[] y = [.. means.Select(m => m[k])];
            if (y.Any(v => !double.IsFinite(v)))
            {
                continue;
            }

            var indices = SobolIndices.Estimate(y, d, state.BootstrapResamples, state.Seed);
            for (int i = 0; i < d; i++)
            {
                rows.Add(new SensitivityRow(state.Kpis[k], state.Parameters[i].Name, indices[i]));
            }
        }

        return rows;
    }

    private static async Task WriteSensitivityAsync(string path, List<SensitivityRow> rows, CancellationToken cancellationToken)
    {
        var table = new Output.ParquetColumns(rows.Count);
        table.Add("kpi", [.. rows.Select(r => r.Kpi)]);
        table.Add("parameter", [.. rows.Select(r => r.Parameter)]);
        table.Add("first_order", [.. rows.Select(r => r.Index.FirstOrder)]);
        table.Add("first_order_ci95_low", [.. rows.Select(r => r.Index.FirstOrderLow)]);
        table.Add("first_order_ci95_high", [.. rows.Select(r => r.Index.FirstOrderHigh)]);
        table.Add("total", [.. rows.Select(r => r.Index.Total)]);
        table.Add("total_ci95_low", [.. rows.Select(r => r.Index.TotalLow)]);
        table.Add("total_ci95_high", [.. rows.Select(r => r.Index.TotalHigh)]);
        await AtomicFile.WriteAsync(path, temporary => table.WriteAsync(temporary, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The rows of <c>points.parquet</c>: point, the parameters, and per KPI its mean, sd and 95% CI.</summary>
    private sealed class PointSummaries
    {
        private readonly SweepState _state;
        private readonly List<int> _point = [];
        private readonly SweepParameterColumns _parameters;
        private readonly List<double>[] _statistics;

        public PointSummaries(SweepState state)
        {
            _state = state;
            _parameters = new SweepParameterColumns(state);
            _statistics = [.. Enumerable.Range(0, 4 * state.Kpis.Count).Select(_ => new List<double>())];
            var fields = new List<DataField> { new DataField<int>("point", false) };
            fields.AddRange(_parameters.Fields);

            foreach (string kpi in state.Kpis)
            {
                fields.Add(new DataField<double>(kpi + "_mean", false));
                fields.Add(new DataField<double>(kpi + "_sd", false));
                fields.Add(new DataField<double>(kpi + "_ci95_low", false));
                fields.Add(new DataField<double>(kpi + "_ci95_high", false));
            }

            Schema = new ParquetSchema([.. fields]);
        }

        public ParquetSchema Schema { get; }

        /// <summary>Summarises one point's replications (rows <paramref name="firstRow"/> onwards) and returns its KPI means and CI half-widths.</summary>
        public (double[] Means, double[] HalfWidths) Add(int point, SweepRows rows, int firstRow, int kpis)
        {
            _point.Add(point);
            _parameters.Add(rows.Parameters(firstRow));

            var means = new double[kpis];
            var halfWidths = new double[kpis];
            var values = new double[_state.Replications];
            for (int k = 0; k < kpis; k++)
            {
                for (int r = 0; r < values.Length; r++)
                {
                    values[r] = rows.Kpi(firstRow + r, k);
                }

                var summary = values.All(double.IsFinite) ? Summary.Of(values) : null;
                means[k] = summary?.Mean ?? double.NaN;
                halfWidths[k] = summary is null ? double.NaN : (summary.Ci95High - summary.Ci95Low) / 2;
                _statistics[4 * k].Add(means[k]);
                _statistics[(4 * k) + 1].Add(summary?.StandardDeviation ?? double.NaN);
                _statistics[(4 * k) + 2].Add(summary?.Ci95Low ?? double.NaN);
                _statistics[(4 * k) + 3].Add(summary?.Ci95High ?? double.NaN);
            }

            return (means, halfWidths);
        }

        public void Clear()
        {
            _point.Clear();
            _parameters.Clear();

            foreach (var column in _statistics)
            {
                column.Clear();
            }
        }

        public async Task WriteRowGroupAsync(ParquetWriter writer, CancellationToken cancellationToken)
        {
            var fields = Schema.DataFields;
            using var group = writer.CreateRowGroup();
            int f = 0;
            await group.WriteAsync<int>(fields[f++], _point.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await _parameters.WriteAsync(group, fields, f, cancellationToken).ConfigureAwait(false);
            f += _parameters.Fields.Count;

            foreach (var column in _statistics)
            {
                await group.WriteAsync<double>(fields[f++], column.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads one part; a damaged file (truncated, overwritten, another sweep's) is named with what to do.</summary>
    private static async Task ReadPartAsync(SweepRows rows, string part, int point, CancellationToken cancellationToken)
    {
        try
        {
            await rows.ReadFileAsync(part, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Parquet.Net fails in many ways on a damaged file; each is one message naming the file.
        catch (Exception e) when (e is not OperationCanceledException and not ScenarioInputException)
#pragma warning restore CA1031
        {
            throw new ScenarioInputException(
                $"The part file '{part}' of point {point} is damaged ({e.Message.TrimEnd('.')}); delete it and run the shard that holds point {point} again (a sweep reruns only the points whose part is missing), then merge again.",
                e);
        }
    }
}
