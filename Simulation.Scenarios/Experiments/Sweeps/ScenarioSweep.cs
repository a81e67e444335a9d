using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// The <c>sweep</c> experiment: a design's points, each run for the same replications (replication r on
/// the same random streams at every point), written one part file per finished point, then combined
/// into one dataset. Resumable, shardable across processes or machines, and byte-identical whatever the
/// thread count, the sharding or the interruptions.
/// </summary>
/// <remarks>
/// A sweep folder holds <c>sweep.json</c> (what sweep it is), <c>parts/point-NNNNNNN.parquet</c> (one per
/// finished point, written atomically) and, once every point is finished, <c>sweep.parquet</c>,
/// <c>points.parquet</c>, <c>sensitivity.parquet</c> (Sobol designs), <c>charts/</c> and
/// <c>manifest.json</c>. Layout and columns: docs/experiments.md.
/// </remarks>
public static class ScenarioSweep
{
    /// <summary>The folder of per-point part files inside a sweep folder.</summary>
    public const string PartsFolder = "parts";

    /// <summary>The part file of <paramref name="point"/> in sweep folder <paramref name="folder"/>.</summary>
    /// <param name="folder">The sweep folder.</param>
    /// <param name="point">The point index.</param>
    /// <returns>The path.</returns>
    public static string PartPath(string folder, int point) =>
        Path.Combine(folder, PartsFolder, string.Create(CultureInfo.InvariantCulture, $"point-{point:D7}.parquet"));

    /// <summary>
    /// Checks a design against its scenario before anything runs: the scenario with the design's fixed
    /// overrides, then with each parameter at each listed value or at both ends of its range.
    /// </summary>
    /// <param name="design">The design.</param>
    /// <returns>Every error, each naming the parameter value that caused it; empty when the sweep can run.</returns>
    public static IReadOnlyList<ScenarioError> Check(SweepDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var baseline = ScenarioLoader.Load(design.ScenarioPath, design.Overrides);
        if (!baseline.Succeeded)
        {
            return [.. baseline.Errors.Select(e => InDesign(design, e, e.Line <= design.Overrides.Count ? design.Overrides[e.Line - 1] : ""))];
        }

        var errors = new List<ScenarioError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in design.Parameters)
        {
            IEnumerable<string> probes = parameter.IsRange
                ? [Probe(parameter, Math.Ceiling(parameter.Min), parameter.Min), Probe(parameter, Math.Floor(parameter.Max), parameter.Max)]
                : parameter.Values;
            foreach (string value in probes)
            {
                var result = ScenarioLoader.Load(design.ScenarioPath, [.. design.Overrides, parameter.Path + "=" + value]);
                foreach (var error in result.Errors.Where(e => seen.Add(e.Message)))
                {
                    var located = InDesign(design, error, error.Line <= design.Overrides.Count ? design.Overrides[error.Line - 1] : parameter.Path + "=");
                    errors.Add(located with { Message = $"{error.Message} (sweep parameter '{parameter.Name}' = {value})" });
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// The design passes its <c>set:</c> entries and parameter values to the scenario as overrides, which
    /// the loader reports under <c>--set</c>; the user never typed those, so such an error is moved to the
    /// design file, at the first line that names the override's path.
    /// </summary>
    private static ScenarioError InDesign(SweepDesign design, ScenarioError error, string overrideText)
    {
        if (error.File != "--set" || overrideText.Length == 0)
        {
            return error;
        }

        string path = overrideText.Split('=', 2)[0].Trim();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(design.DesignPath);
        }
        catch (IOException)
        {
            return error with { File = design.DesignPath, Line = 1, Column = 1 };
        }

        int line = Array.FindIndex(lines, l => !l.TrimStart().StartsWith('#') && l.Contains(path, StringComparison.Ordinal));
        int column = line < 0 ? 1 : lines[line].IndexOf(path, StringComparison.Ordinal) + 1;
        return error with { File = design.DesignPath, Line = line + 1 == 0 ? 1 : line + 1, Column = column };
    }

    /// <summary>Runs the design's points of <see cref="SweepSettings.Shard"/> that are not finished yet; an unsharded run then writes the dataset.</summary>
    /// <param name="design">A design that passed <see cref="Check"/>.</param>
    /// <param name="settings">Folder, threads, shard.</param>
    /// <param name="cancellationToken">Stops the sweep after the points in progress; finished points stay for a resume.</param>
    /// <returns>What was run and where it was written.</returns>
    /// <exception cref="ScenarioInputException">A setting is out of range, the folder holds another sweep, or a point's scenario is invalid.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled; the folder is resumable.</exception>
    public static async Task<SweepOutcome> ExecuteAsync(SweepDesign design, SweepSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Threads < 1)
        {
            throw new ScenarioInputException($"--threads must be at least 1, got {settings.Threads}.");
        }

        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var plan = SweepPlan.Create(design);
        var scenario = ScenarioLoader.Load(design.ScenarioPath, design.Overrides);
        var definition = scenario.Definition ?? throw new ScenarioInputException($"The scenario '{design.ScenarioPath}' has errors; run 'sim validate' on it.");
        var state = new SweepState
        {
            Hash = plan.Hash(scenario.ScenarioHash, scenario.ImportedTables),
            ImportedTables = scenario.ImportedTables,
            Name = design.Name,
            Scenario = definition.Name,
            Design = design.Kind,
            Points = plan.PointCount,
            Replications = design.Replications,
            Seed = design.Seed,
            Samples = design.Samples,
            BootstrapResamples = design.BootstrapResamples,
            Parameters = [.. design.Parameters.Select(p => new ParameterColumn(p.Name, p.Path, p.Type))],
            Kpis = [.. design.Kpis.Select(k => k.Name)],
        };
        string folder = Path.GetFullPath(settings.OutputDirectory);
        Prepare(folder, state, settings.Force);

        int start = settings.Shard.Start(plan.PointCount);
        int end = settings.Shard.End(plan.PointCount);
        int[] pending = [.. Enumerable.Range(start, end - start).Where(p => !File.Exists(PartPath(folder, p)))];
        RunPoints(plan, state, folder, pending, settings, cancellationToken);

        if (settings.Shard.Count > 1)
        {
            new ShardRecord
            {
                Shard = settings.Shard.Index,
                Count = settings.Shard.Count,
                FirstPoint = start,
                EndPoint = end,
                PointsRun = pending.Length,
                Host = Environment.MachineName,
                ProcessId = Environment.ProcessId,
                CommandLine = settings.CommandLine,
                Threads = settings.Threads,
                StartedUtc = started,
                FinishedUtc = DateTimeOffset.UtcNow,
                Scheduler = ShardRecord.SchedulerFromEnvironment(),
            }.Write(folder);
            return new SweepOutcome(design.Name, folder, plan.PointCount, pending.Length, end - start - pending.Length, false, [], clock.Elapsed);
        }

        var sensitivity = await SweepFinalizer.FinishAsync(folder, state, cancellationToken).ConfigureAwait(false);
        await WriteManifestAsync(folder, state, settings.CommandLine, settings.Threads, started, clock).ConfigureAwait(false);
        await Reporting.ExperimentPages.WriteSweepAsync(folder, cancellationToken).ConfigureAwait(false);
        return new SweepOutcome(design.Name, folder, plan.PointCount, pending.Length, end - start - pending.Length, true, sensitivity, clock.Elapsed);
    }

    /// <summary>
    /// Combines sweep folders (shards run on other machines, or one shared folder) into
    /// <paramref name="outputDirectory"/> and writes the dataset, identical to a one-process run's.
    /// </summary>
    /// <param name="outputDirectory">The folder to finish; it may be one of the inputs.</param>
    /// <param name="inputDirectories">Sweep folders of the same sweep.</param>
    /// <param name="commandLine">Recorded in the manifest.</param>
    /// <param name="cancellationToken">Stops the merge; nothing half-written is left.</param>
    /// <returns>The finished sweep.</returns>
    /// <exception cref="ScenarioInputException">A folder is not a sweep folder, folders belong to different sweeps, or points are missing.</exception>
    public static async Task<SweepOutcome> MergeAsync(string outputDirectory, IReadOnlyList<string> inputDirectories, string commandLine = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(inputDirectories);
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        string output = Path.GetFullPath(outputDirectory);
        var inputs = inputDirectories.Select(Path.GetFullPath).Where(i => i != output).Distinct(StringComparer.Ordinal).ToList();
        SweepState? state = SweepState.TryRead(output);
        foreach (string input in inputs)
        {
            var other = SweepState.TryRead(input) ?? throw new ScenarioInputException($"'{input}' is not a sweep folder (it has no {SweepState.FileName}).");
            state ??= other;
            if (other.Hash != state.Hash)
            {
                throw new ScenarioInputException($"'{input}' holds a different sweep than the others (another design, scenario or seed); merge only shards of one sweep.");
            }
        }

        if (state is null)
        {
            throw new ScenarioInputException($"'{outputDirectory}' is not a sweep folder and no shard folders were given to merge into it.");
        }

        Prepare(output, state, force: false);
        foreach (string input in inputs)
        {
            for (int point = 0; point < state.Points; point++)
            {
                string source = PartPath(input, point);
                string target = PartPath(output, point);
                if (File.Exists(source) && !File.Exists(target))
                {
                    await AtomicFile.WriteAsync(target, temporary => Task.Run(() => File.Copy(source, temporary), cancellationToken)).ConfigureAwait(false);
                }
            }
        }

        var shards = inputs.Prepend(output).SelectMany(ShardRecord.ReadAll).DistinctBy(r => (r.Shard, r.Count)).OrderBy(r => r.Count).ThenBy(r => r.Shard).ToList();
        var missing = Enumerable.Range(0, state.Points).Where(p => !File.Exists(PartPath(output, p))).ToList();
        if (missing.Count > 0)
        {
            throw new ScenarioInputException(string.Create(CultureInfo.InvariantCulture,
                $"{missing.Count:N0} of {state.Points:N0} points are not finished: {ShardRecord.DescribeMissing(missing, state.Points, shards)}. Run the shards that hold them again (they resume their own points; or the sweep without --shard), then merge again."));
        }

        var sensitivity = await SweepFinalizer.FinishAsync(output, state, cancellationToken).ConfigureAwait(false);
        await WriteManifestAsync(output, state, commandLine, 1, started, clock, shards).ConfigureAwait(false);
        await Reporting.ExperimentPages.WriteSweepAsync(output, cancellationToken).ConfigureAwait(false);
        return new SweepOutcome(state.Name, output, state.Points, 0, state.Points, true, sensitivity, clock.Elapsed);
    }

    /// <summary>Creates the folder with its state file, or checks that an existing one holds this sweep.</summary>
    private static void Prepare(string folder, SweepState state, bool force)
    {
        var existing = Directory.Exists(folder) ? SweepState.TryRead(folder) : null;
        if (existing is null && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(e => !IsShardsOwn(Path.GetFileName(e))))
        {
            // A shard that starts at the same moment may have created the folder, and may have written its
            // state file since it was read above (the listing then shows it): read it again. Only a folder
            // with other content is refused, with --force too: it may be anybody's files.
            existing = SweepState.TryRead(folder)
                ?? throw new ScenarioInputException($"'{folder}' exists and is not a sweep folder (it has no {SweepState.FileName}); choose another --out. --force replaces only sweep folders.");
        }

        if (existing is not null && (force || existing.Hash != state.Hash))
        {
            if (!force)
            {
                string because = SweepState.ChangedTable(existing.ImportedTables, state.ImportedTables) is { } table
                    ? $"the imported table '{table}' changed since its points were run"
                    : "the design, scenario or seed changed";
                throw new ScenarioInputException($"'{folder}' holds a different sweep ({because}); resuming would mix results of both. Choose another --out, or pass --force to delete it and start over.");
            }

            Directory.Delete(folder, recursive: true);
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(folder, PartsFolder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Output.RunFolder.CannotCreate("sweep", folder, e);
        }

        if (existing is null || force)
        {
            state.Write(folder);
        }

        AtomicFile.DeleteLeftovers(Path.Combine(folder, PartsFolder));
        AtomicFile.DeleteLeftovers(folder);
    }

    /// <summary>What shards starting at the same moment create before the state file appears: parts, shard records, temporary files.</summary>
    private static bool IsShardsOwn(string name) =>
        name is PartsFolder or ShardRecord.Folder || name.Contains(AtomicFile.TemporaryMarker, StringComparison.Ordinal);

    /// <summary>
    /// Runs the pending points' replications as one ordered stream of work items (point-major), so all
    /// threads stay busy across point boundaries, in steps, so that they finish the last replications
    /// together, and writes each point's part as soon as its last replication arrives in order.
    /// </summary>
    private static void RunPoints(SweepPlan plan, SweepState state, string folder, int[] pending, SweepSettings settings, CancellationToken cancellationToken)
    {
        int replications = state.Replications;
        int[] kpiColumns = [.. state.Kpis.Select(name => KpiCatalog.All.ToList().FindIndex(k => k.Name == name))];
        var definitions = new ConcurrentDictionary<int, Lazy<NetworkDefinition>>();
        var rows = new SweepRows(state);
        int done = 0;
        settings.Progress?.Report((0, pending.Length));

        NetworkDefinition Definition(int point) =>
            definitions.GetOrAdd(point, p => new Lazy<NetworkDefinition>(() => Load(plan, state, p))).Value;

        try
        {
            ReplicationRunner.RunInSteps(
                pending.Length * replications,
                state.Seed,
                context => KpiReplication.Start(Definition(pending[context.Index / replications]), state.Seed, context.Index % replications, context.CancellationToken),
                (index, result) =>
                {
                    double[] kpis = [.. kpiColumns.Select(k => result.KpiValues[k])];
                    int point = pending[index / replications];
                    int replication = index % replications;
                    rows.Add(point, replication, SeedSequence.ReplicationSeed(state.Seed, replication), [.. Enumerable.Range(0, state.Parameters.Count).Select(i => plan.Value(point, i))], kpis);
                    if (replication == replications - 1)
                    {
                        rows.WriteFileAsync(PartPath(folder, point), CancellationToken.None).GetAwaiter().GetResult();
                        rows.Clear();
                        definitions.TryRemove(point, out _);
                        settings.Progress?.Report((++done, pending.Length));
                    }
                },
                new ReplicationOptions { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancellationToken });
        }
        catch (ReplicationFailedException e) when (e.InnerException is ScenarioInputException input)
        {
            throw input;
        }
    }

    private static NetworkDefinition Load(SweepPlan plan, SweepState state, int point)
    {
        var overrides = plan.Overrides(point);
        var result = ScenarioLoader.Load(plan.Design.ScenarioPath, overrides);
        var definition = result.Definition ?? throw new ScenarioInputException(
            $"Point {point} ({string.Join(", ", overrides.Skip(plan.Design.Overrides.Count))}) is not a valid scenario: {result.Errors[0]}");
        if (SweepState.ChangedTable(state.ImportedTables, result.ImportedTables) is { } table)
        {
            throw new ScenarioInputException($"The imported table '{table}' changed while the sweep was running; its points would mix both versions. Run the sweep again with --force.");
        }

        return definition;
    }

    private static Task WriteManifestAsync(string folder, SweepState state, string commandLine, int threads, DateTimeOffset started, Stopwatch clock, IReadOnlyList<ShardRecord>? shards = null)
    {
        var manifest = new ExperimentManifest
        {
            Experiment = "sweep",
            Scenario = state.Scenario,
            DesignHash = state.Hash,
            CommandLine = commandLine,
            MasterSeed = state.Seed,
            Replications = state.Replications,
            Points = state.Points,
            Threads = threads,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            WallSeconds = clock.Elapsed.TotalSeconds,
            ImportedTables = state.ImportedTables.Count > 0 ? state.ImportedTables : null,
            Shards = shards is { Count: > 0 } ? shards : null,
        };
        return AtomicFile.WriteAsync(Path.Combine(folder, "manifest.json"), temporary => File.WriteAllTextAsync(temporary, manifest.ToJson()));
    }

    /// <summary>A range's end as the sweep will set it: whole-number ranges run from ceil(min) to floor(max).</summary>
    private static string Probe(SweepParameter parameter, double wholeBound, double realBound) =>
        parameter.Type == ParameterType.Whole
            ? wholeBound.ToString(CultureInfo.InvariantCulture)
            : realBound.ToString("R", CultureInfo.InvariantCulture);
}
