using System.Diagnostics;
using Simulation.Core.Network;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Experiments;

/// <summary>
/// The <c>run</c> experiment: one scenario, N replications in parallel, KPIs summarised with
/// confidence intervals, written atomically into a run folder.
/// </summary>
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

        ulong seed = settings.Seed ?? definition.Seed;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var folder = RunFolder.Begin(settings.OutputDirectory, settings.Force);

        var rows = new double[replications][];
        long events = 0;
        ReplicationRunner.Run(
            replications,
            seed,
            context => NetworkSimulation.Run(definition, context),
            (index, result) =>
            {
                rows[index] = [.. result.KpiValues];
                events += result.EventCount;
                settings.ReplicationObserver?.Invoke(result);
            },
            new ReplicationOptions
            {
                MaxDegreeOfParallelism = settings.Threads,
                Progress = settings.Progress,
                CancellationToken = cancellationToken,
            });

        var seeds = Enumerable.Range(0, replications).Select(r => SeedSequence.ReplicationSeed(seed, r)).ToArray();
        var summaries = Summarise(rows);
        await KpiFiles.WriteKpisAsync(folder.PathFor("kpis.parquet"), seeds, rows, cancellationToken).ConfigureAwait(false);
        await KpiFiles.WriteSummaryAsync(folder.PathFor("summary.parquet"), summaries, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(folder.PathFor("scenario.resolved.yaml"), scenario.ResolvedYaml, cancellationToken).ConfigureAwait(false);
        clock.Stop();
        var manifest = new Manifest
        {
            ToolVersion = Manifest.CurrentToolVersion,
            Scenario = definition.Name,
            ScenarioHash = scenario.ScenarioHash,
            CommandLine = settings.CommandLine,
            MasterSeed = seed,
            Replications = replications,
            ReplicationSeeds = seeds,
            Threads = settings.Threads,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            WallSeconds = clock.Elapsed.TotalSeconds,
            Events = events,
        };
        await File.WriteAllTextAsync(folder.PathFor("manifest.json"), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        folder.Commit();
        return new RunOutcome(definition.Name, folder.FinalPath, replications, seed, summaries, clock.Elapsed, events);
    }

    /// <summary>Summarises each KPI column over replications; NaN values (undefined ratios) are left out.</summary>
    internal static IReadOnlyList<KpiSummary> Summarise(IReadOnlyList<double[]> rows)
    {
        var summaries = new List<KpiSummary>(KpiCatalog.All.Count);
        for (int k = 0; k < KpiCatalog.All.Count; k++)
        {
            int column = k;
            double[] values = rows.Select(r => r[column]).Where(double.IsFinite).ToArray();
            var summary = values.Length > 0
                ? Summary.Of(values)
                : new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            summaries.Add(new KpiSummary(KpiCatalog.All[k], summary));
        }

        return summaries;
    }
}
