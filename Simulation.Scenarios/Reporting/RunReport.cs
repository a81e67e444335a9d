using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Reporting;

/// <summary>What <see cref="RunReport.RerenderAsync"/> wrote.</summary>
/// <param name="ReportPath">The report page.</param>
/// <param name="Charts">Charts written (each as SVG).</param>
public sealed record ReportOutcome(string ReportPath, int Charts);

/// <summary>
/// Charts (<c>charts/</c>) and <c>report.html</c> of a run folder, drawn from its Parquet files and
/// manifest alone: <c>sim run</c> calls this before it commits the folder, and <c>sim report</c>
/// calls it again on a finished folder (after a restyle, or on another machine).
/// </summary>
public static class RunReport
{
    /// <summary>The charts folder's name in a run folder.</summary>
    public const string ChartsFolder = "charts";

    /// <summary>The report page's name in a run folder.</summary>
    public const string ReportFile = "report.html";

    /// <summary>
    /// Re-renders the page of any finished folder: a run's charts and report, or the one-page report
    /// of a <c>sim compare</c>, <c>sim sweep</c> or <c>sim optimize</c> folder.
    /// </summary>
    /// <param name="folder">A folder written by <c>sim run</c>, <c>sim compare</c>, <c>sim sweep</c> or <c>sim optimize</c>.</param>
    /// <param name="stage">Reports each step (optional).</param>
    /// <param name="cancellationToken">Stops between charts.</param>
    /// <returns>Where the report is and how many charts it has.</returns>
    /// <exception cref="ScenarioInputException">The folder is not a complete folder of one of those commands.</exception>
    public static async Task<ReportOutcome> RenderAnyAsync(string folder, IProgress<string>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new ScenarioInputException($"The folder '{folder}' does not exist.");
        }

        int ChartCount() => Directory.Exists(Path.Combine(full, ChartsFolder)) ? Directory.GetFiles(Path.Combine(full, ChartsFolder), "*.svg").Length : 0;
        switch (ExperimentPages.KindOf(full))
        {
            case "compare":
                return new ReportOutcome(await ExperimentPages.WriteCompareAsync(full, cancellationToken).ConfigureAwait(false), ChartCount());
            case "sweep":
                return new ReportOutcome(await ExperimentPages.WriteSweepAsync(full, cancellationToken).ConfigureAwait(false), ChartCount());
            case "optimize":
                if (!Optimization.OptimizeReportPage.IsOptimizeFolder(full))
                {
                    throw new ScenarioInputException($"'{folder}' has a pareto.parquet but no optimize manifest.json; is it a complete 'sim optimize' folder?");
                }

                Optimization.OptimizeReportPage.Write(full);
                return new ReportOutcome(Path.Combine(full, Optimization.OptimizeReportPage.FileName), ChartCount());
            default:
                return await RerenderAsync(full, stage, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Re-renders the charts and report of a finished run folder. They are drawn in a staging folder
    /// and swapped in at the end, so an interrupted re-render leaves the old ones in place.
    /// </summary>
    /// <param name="runFolder">A folder written by <c>sim run</c>.</param>
    /// <param name="stage">Reports each step (optional).</param>
    /// <param name="cancellationToken">Stops between charts.</param>
    /// <returns>Where the report is and how many charts it has.</returns>
    /// <exception cref="ScenarioInputException">The folder is not a complete run folder.</exception>
    public static async Task<ReportOutcome> RerenderAsync(string runFolder, IProgress<string>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        string folder = Path.GetFullPath(runFolder);
        if (!Directory.Exists(folder))
        {
            throw new ScenarioInputException($"The run folder '{runFolder}' does not exist.");
        }

        var manifest = Manifest.Read(Path.Combine(folder, Manifest.FileName));
        string staging = Path.Combine(folder, $".report-partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            int charts = await RenderAsync(folder, staging, manifest, stage, cancellationToken).ConfigureAwait(false);
            string chartsPath = Path.Combine(folder, ChartsFolder);
            if (Directory.Exists(chartsPath))
            {
                Directory.Delete(chartsPath, recursive: true);
            }

            Directory.Move(Path.Combine(staging, ChartsFolder), chartsPath);
            File.Move(Path.Combine(staging, ReportFile), Path.Combine(folder, ReportFile), overwrite: true);
            return new ReportOutcome(Path.Combine(folder, ReportFile), charts);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Draws the charts and report of the run whose files are in <paramref name="dataFolder"/> into <paramref name="outputFolder"/>.</summary>
    /// <returns>The number of charts.</returns>
    internal static async Task<int> RenderAsync(string dataFolder, string outputFolder, Manifest manifest, IProgress<string>? stage, CancellationToken cancellationToken)
    {
        stage?.Report("Reading run data");
        var data = await RunData.LoadAsync(dataFolder, manifest, cancellationToken).ConfigureAwait(false);
        string chartsFolder = Path.Combine(outputFolder, ChartsFolder);
        Directory.CreateDirectory(chartsFolder);
        var charts = new List<ChartFile>();

        IReadOnlyList<string> columns;
        await using (var table = await ParquetTable.OpenAsync(data.TimeSeriesPath, cancellationToken).ConfigureAwait(false))
        {
            columns = [.. table.ColumnNames.Where(c => table.ValueType(c) == typeof(double))];
        }

        var plan = TrajectoryCharts.Plan(columns).Where(p => data.Presentation.Applies(p.Metrics[0])).ToArray();
        stage?.Report($"Drawing {plan.Length} trajectory charts and the summary charts");

        // Each chart reads its own columns and writes its own file, so they are drawn in parallel and
        // collected back in plan order: the report is the same bytes at any thread count.
        var trajectories = new ChartFile[plan.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.Length),
            new ParallelOptions { CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var bands = await TimeSeriesBands.ReadAsync(data.TimeSeriesPath, manifest, plan[i].Metrics, token).ConfigureAwait(false);
                trajectories[i] = TrajectoryCharts.Render(plan[i].Key, bands, data, chartsFolder);
            }).ConfigureAwait(false);
        charts.AddRange(trajectories);
        if (SummaryCharts.CostBreakdown(data, chartsFolder) is { } cost)
        {
            charts.Add(cost);
        }

        charts.Add(SummaryCharts.Exits(data, chartsFolder));
        charts.AddRange(SummaryCharts.Distributions(data, chartsFolder));

        stage?.Report("Writing report.html");
        await File.WriteAllTextAsync(Path.Combine(outputFolder, ReportFile), HtmlReport.Render(data, charts, chartsFolder), cancellationToken).ConfigureAwait(false);
        return charts.Count;
    }
}
