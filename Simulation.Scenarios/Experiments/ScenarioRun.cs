using System.Diagnostics;
using Simulation.Core.Network;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Output;
using Simulation.Scenarios.Reporting;

namespace Simulation.Scenarios.Experiments;

/// <summary>
/// The <c>run</c> experiment: one scenario, N replications in parallel, KPIs summarised with
/// confidence intervals, written atomically into a run folder (DESIGN.md section 8).
/// </summary>
/// <remarks>
/// Replication results reach the writers in replication order through the runner's bounded reorder
/// buffer, and each is written (time series, supplier outcomes, events) and dropped before the next,
/// so memory does not grow with the number of replications except for the KPI rows (one double per
/// KPI and replication), and the files are the same bytes for any thread count.
/// </remarks>
public static class ScenarioRun
{
    /// <summary>Most replications one run accepts.</summary>
    public const int MaxReplications = 100_000;

    /// <summary>Runs a loaded scenario and writes its run folder.</summary>
    /// <exception cref="ScenarioInputException">The scenario has errors, or a setting is out of range.</exception>
    public static async Task<RunOutcome> ExecuteAsync(ScenarioLoadResult scenario, RunSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        var definition = scenario.Definition
            ?? throw new ScenarioInputException($"The scenario has {scenario.Errors.Count} error(s); run 'sim validate' to list them.");
        int replications = settings.Replications ?? definition.Replications;
        if (replications is < 1 or > MaxReplications)
        {
            throw new ScenarioInputException($"--replications must be between 1 and {MaxReplications:N0}, got {replications}.");
        }

        if (settings.Threads < 1)
        {
            throw new ScenarioInputException($"--threads must be at least 1, got {settings.Threads}.");
        }

        if (settings.TimeSeriesEveryDays < 1)
        {
            throw new ScenarioInputException($"--timeseries-every must be a whole number of days >= 1, got {settings.TimeSeriesEveryDays}.");
        }

        ulong seed = settings.Seed ?? definition.Seed;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var folder = RunFolder.Begin(settings.OutputDirectory, settings.Force);

        var rows = new double[replications][];
        var alerts = new IReadOnlyList<AlertOutcome>[replications];
        long events = 0;
        var warmup = new WarmupSeries(definition.WarmupDays, settings.TimeSeriesEveryDays);
        var presentation = RunPresentation.From(definition, scenario.Report);
        bool[] applies = KpiPresentation.ApplicableKpis(presentation);
        var seeds = Enumerable.Range(0, replications).Select(r => SeedSequence.ReplicationSeed(seed, r)).ToArray();
        var nodeBuffers = new NodeSeriesBuffers(); // each replication's node series reuses the arrays of one already written
        IReadOnlyList<KpiSummary> summaries;
        IReadOnlyList<AlertSummary> alertSummaries;
        await using (var timeSeries = await TimeSeriesFile.CreateAsync(folder.PathFor(TimeSeriesFile.FileName), definition.StartDate, cancellationToken).ConfigureAwait(false))
        await using (var suppliers = await SuppliersFile.CreateAsync(folder.PathFor(SuppliersFile.FileName), cancellationToken).ConfigureAwait(false))
        await using (var eventLog = settings.RecordEvents ? await EventsFile.CreateAsync(folder.PathFor(EventsFile.FileName), cancellationToken).ConfigureAwait(false) : null)
        await using (var nodes = await NodesFile.CreateAsync(folder.PathFor(NodesFile.FileName), cancellationToken).ConfigureAwait(false))
        await using (var nodeSeries = await NodeTimeSeriesFile.CreateAsync(folder.PathFor(NodeTimeSeriesFile.FileName), cancellationToken).ConfigureAwait(false))
        await using (var orderLog = settings.RecordOrders ? await OrderEventsFile.CreateAsync(folder.PathFor(OrderEventsFile.FileName), cancellationToken).ConfigureAwait(false) : null)
        {
            ReplicationRunner.RunInSteps(
                replications,
                seed,
                context => StartOne(definition, context, settings, nodeBuffers, nodeSeries.Encoder),
                (index, replication) =>
                {
                    var result = replication.Result;
                    rows[index] = [.. result.KpiValues];
                    alerts[index] = result.Alerts;
                    events += result.EventCount;
                    timeSeries.Append(index, result.Daily);
                    warmup.Add(result.Daily);
                    suppliers.Append(index, result.Suppliers);
                    eventLog?.Append(index, replication.Events!);
                    nodes.Append(index, result.Nodes);
                    nodeSeries.Append(replication.NodeSeries);
                    orderLog?.Append(index, replication.Orders!);
                    settings.ReplicationObserver?.Invoke(result);
                },
                new ReplicationOptions
                {
                    MaxDegreeOfParallelism = settings.Threads,
                    Progress = settings.Progress,
                    CancellationToken = cancellationToken,
                });

            // After the last replication only these writes are left, and they are independent files:
            // finishing them side by side keeps every core busy instead of one (each file is still
            // written by one task in order, so its bytes do not depend on the thread count).
            settings.Stage?.Report("Writing Parquet files");
            summaries = Summarise(rows, applies);
            alertSummaries = [.. definition.Alerts.Select((alert, i) => AlertSummary.Of(alert, i, alerts))];
            await Task.WhenAll(
                Task.Run(timeSeries.CompleteAsync, cancellationToken),
                Task.Run(suppliers.CompleteAsync, cancellationToken),
                eventLog is null ? Task.CompletedTask : Task.Run(eventLog.CompleteAsync, cancellationToken),
                Task.Run(nodes.CompleteAsync, cancellationToken),
                Task.Run(nodeSeries.CompleteAsync, cancellationToken),
                orderLog is null ? Task.CompletedTask : Task.Run(orderLog.CompleteAsync, cancellationToken),
                Task.Run(() => KpiFiles.WriteKpisAsync(folder.PathFor("kpis.parquet"), seeds, rows, applies, definition.Alerts, alerts, cancellationToken), cancellationToken),
                Task.Run(() => KpiFiles.WriteSummaryAsync(folder.PathFor("summary.parquet"), summaries, cancellationToken), cancellationToken),
                File.WriteAllTextAsync(folder.PathFor("scenario.resolved.yaml"), scenario.ResolvedYaml, cancellationToken),
                File.WriteAllTextAsync(folder.PathFor(RunPresentation.FileName), presentation.ToJson(), cancellationToken)).ConfigureAwait(false);
        }

        var diagnosis = warmup.Diagnose();
        var manifest = new Manifest
        {
            ToolVersion = Manifest.CurrentToolVersion,
            Scenario = definition.Name,
            ScenarioDescription = definition.Description,
            ScenarioHash = scenario.ScenarioHash,
            ImportedTables = scenario.ImportedTables.Count > 0 ? scenario.ImportedTables : null,
            StartDate = definition.StartDate,
            HorizonDays = definition.HorizonDays,
            WarmupDays = definition.WarmupDays,
            TimeseriesEveryDays = settings.TimeSeriesEveryDays,
            CommandLine = settings.CommandLine,
            MasterSeed = seed,
            Replications = replications,
            ReplicationSeeds = seeds,
            Threads = settings.Threads,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            WallSeconds = clock.Elapsed.TotalSeconds,
            SimulationSeconds = clock.Elapsed.TotalSeconds,
            Events = events,
            WarmupDiagnosis = diagnosis,
        };

        if (settings.Report)
        {
            await RunReport.RenderAsync(folder.StagingPath, folder.StagingPath, manifest, settings.Stage, cancellationToken).ConfigureAwait(false);
        }

        clock.Stop();
        manifest = manifest with
        {
            FinishedUtc = DateTimeOffset.UtcNow,
            WallSeconds = clock.Elapsed.TotalSeconds,
            Files = [.. ListFiles(folder.StagingPath).Append(Manifest.FileName).Order(StringComparer.Ordinal)],
        };
        await File.WriteAllTextAsync(folder.PathFor(Manifest.FileName), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        folder.Commit();
        return new RunOutcome(definition.Name, folder.FinalPath, replications, seed, summaries, clock.Elapsed, events, diagnosis, alertSummaries);
    }

    /// <summary>
    /// Summarises each KPI column over replications; NaN values (undefined ratios) are left out, and a KPI
    /// that does not apply to the scenario (<paramref name="applies"/> false) gets n = 0 and NaN statistics.
    /// </summary>
    internal static IReadOnlyList<KpiSummary> Summarise(IReadOnlyList<double[]> rows, IReadOnlyList<bool> applies)
    {
        var summaries = new List<KpiSummary>(KpiCatalog.All.Count);
        for (int k = 0; k < KpiCatalog.All.Count; k++)
        {
            int column = k;
            double[] values = applies[k] ? [.. rows.Select(r => r[column]).Where(double.IsFinite)] : [];
            var summary = values.Length > 0
                ? Summary.Of(values)
                : new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            summaries.Add(new KpiSummary(KpiCatalog.All[k], summary));
        }

        return summaries;
    }

    /// <summary>
    /// Steps per replication: enough that the workers, taking turns at one replication more than there
    /// are of them, finish the last ones within a small part of a replication of each other; few enough
    /// that moving between replications (a cold cache each time) costs nothing measurable.
    /// </summary>
    internal const int StepsPerReplication = 16;

    private static ReplicationSteps StartOne(
        Core.Network.Definitions.NetworkDefinition definition, ReplicationContext context, RunSettings settings, NodeSeriesBuffers nodeBuffers, NodeSeriesEncoder encoder)
    {
        List<NetworkEvent>? events = settings.RecordEvents ? [] : null;
        List<OrderEvent>? orders = settings.RecordOrders ? [] : null;
        var options = new NetworkRunOptions
        {
            TimeSeriesEveryDays = settings.TimeSeriesEveryDays,
            EventRecorder = events is null ? null : events.Add,
            OrderRecorder = orders is null ? null : orders.Add,
            NodeSeriesBuffers = nodeBuffers,
        };
        return new ReplicationSteps(NetworkSimulation.Start(definition, context, options, StepsPerReplication), context.Index, encoder, events, orders);
    }

    private static IEnumerable<string> ListFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'));

    /// <summary>One replication's result, its node series as encoded pages (the series itself is released) and, with --events, its event and order logs.</summary>
    private sealed record ReplicationOutput(NetworkRunResult Result, EncodedNodeSeries? NodeSeries, List<NetworkEvent>? Events, List<OrderEvent>? Orders);

    /// <summary>One replication in steps, and the logs it records.</summary>
    private sealed class ReplicationSteps(
        NetworkReplication replication, int index, NodeSeriesEncoder encoder, List<NetworkEvent>? events, List<OrderEvent>? orders) : ISteppedReplication<ReplicationOutput>
    {
        private ReplicationOutput? _output;

        public ReplicationOutput Result => _output ?? throw new InvalidOperationException("The replication has not finished.");

        public bool Step()
        {
            if (replication.Step())
            {
                return true;
            }

            // The node series is encoded here, on the worker that ran it, not on the consumer every
            // worker waits on; its arrays then go back to the run's buffers for the next replication
            // (NodeSeriesEncoder).
            var result = replication.Result;
            var nodeSeries = result.NodeSeries is { } series ? encoder.Encode(index, series) : null;
            result.NodeSeries?.Release();

            // A customer delivery is recorded when the goods leave the buyer, with the later time they
            // reach the customer: a stable sort puts every order event in time order, ties in the order taken.
            _output = new ReplicationOutput(result, nodeSeries, events, orders is null ? null : [.. orders.OrderBy(e => e.Time)]);
            return false;
        }

        public void Dispose() => replication.Dispose();
    }
}
