using System.Diagnostics;
using System.Text.RegularExpressions;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Replications;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Experiments.Compare;

/// <summary>
/// The <c>compare</c> experiment: a base scenario and variants of it, each run for the same
/// replications on the same master seed. Replication r of every variant draws from the same random
/// streams (DESIGN.md section 4), so a KPI's paired difference measures the policy, not the noise.
/// </summary>
/// <remarks>
/// Writes a run folder with <c>compare.parquet</c> (a row per variant and KPI), <c>kpis.parquet</c>
/// (a row per variant and replication), each variant's resolved scenario, <c>manifest.json</c> and
/// <c>charts/compare.png</c> / <c>.svg</c>. Schemas are in docs/experiments.md.
/// </remarks>
public static partial class ScenarioComparison
{
    /// <summary>The name the base is reported under.</summary>
    public const string BaseName = "base";

    /// <summary>Loads the base and every variant; a variant that does not load is reported with its errors.</summary>
    /// <param name="settings">The comparison.</param>
    /// <returns>The base first, then the variants in order, each with its load result.</returns>
    /// <exception cref="ScenarioInputException">There are no variants, or a name is invalid or repeated.</exception>
    public static IReadOnlyList<(string Name, ScenarioLoadResult Scenario)> Load(ComparisonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Variants.Count == 0)
        {
            throw new ScenarioInputException("compare needs at least one --variant, e.g. --variant faster=variant.yaml or --variant cheap --set suppliers[cmt-01].price=4.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { BaseName };
        foreach (var variant in settings.Variants)
        {
            if (!ValidName().IsMatch(variant.Name))
            {
                throw new ScenarioInputException($"Variant name '{variant.Name}' is not valid: use letters, digits, '-', '_' or '.', starting with a letter or digit.");
            }

            if (!seen.Add(variant.Name))
            {
                throw new ScenarioInputException($"Variant name '{variant.Name}' is used twice (or is the reserved name '{BaseName}'); give each variant its own name.");
            }
        }

        var loaded = new List<(string, ScenarioLoadResult)>
        {
            (BaseName, ScenarioLoader.Load(settings.BaseScenarioPath, settings.SharedOverrides)),
        };
        foreach (var variant in settings.Variants)
        {
            loaded.Add((variant.Name, ScenarioLoader.Load(variant.ScenarioPath, [.. settings.SharedOverrides, .. variant.Overrides])));
        }

        return loaded;
    }

    /// <summary>Runs loaded variants (from <see cref="Load"/>) and writes the run folder.</summary>
    /// <param name="scenarios">The base first, then the variants; all loaded without errors.</param>
    /// <param name="settings">The comparison.</param>
    /// <param name="cancellationToken">Stops the run; nothing is written.</param>
    /// <returns>The differences and where they were written.</returns>
    /// <exception cref="ScenarioInputException">A scenario has errors, or a setting is out of range.</exception>
    public static async Task<ComparisonOutcome> ExecuteAsync(
        IReadOnlyList<(string Name, ScenarioLoadResult Scenario)> scenarios,
        ComparisonSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(settings);
        var definitions = new NetworkDefinition[scenarios.Count];
        for (int v = 0; v < scenarios.Count; v++)
        {
            definitions[v] = scenarios[v].Scenario.Definition
                ?? throw new ScenarioInputException($"Variant '{scenarios[v].Name}' has {scenarios[v].Scenario.Errors.Count} error(s); nothing was run.");
        }

        int replications = settings.Replications ?? definitions[0].Replications;
        if (replications is < 2 or > ScenarioRun.MaxReplications)
        {
            throw new ScenarioInputException($"--replications must be between 2 and {ScenarioRun.MaxReplications:N0} for a comparison (a CI needs two), got {replications}.");
        }

        if (settings.Threads < 1)
        {
            throw new ScenarioInputException($"--threads must be at least 1, got {settings.Threads}.");
        }

        ulong seed = settings.Seed ?? definitions[0].Seed;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var folder = RunFolder.Begin(settings.OutputDirectory, settings.Force);

        // rows[v][r] = the KPI vector of variant v, replication r. Every variant uses the same master
        // seed, hence the same replication seeds and the same per-entity streams. The variants'
        // replications are one ordered stream (variant-major), run in steps, so the workers stay busy
        // across variants and finish the last replications together: run variant after variant, each
        // variant's last replication ran alone on one core.
        var rows = new double[scenarios.Count][][];
        for (int v = 0; v < scenarios.Count; v++)
        {
            rows[v] = new double[replications][];
        }

        ReplicationRunner.RunInSteps(
            scenarios.Count * replications,
            seed,
            context => KpiReplication.Start(definitions[context.Index / replications], seed, context.Index % replications, context.CancellationToken),
            (index, result) => rows[index / replications][index % replications] = [.. result.KpiValues],
            new ReplicationOptions
            {
                MaxDegreeOfParallelism = settings.Threads,
                Progress = settings.Progress,
                CancellationToken = cancellationToken,
            });

        var names = scenarios.Select(s => s.Name).ToArray();
        var differences = Differences(names, rows);
        await ComparisonFiles.WriteComparisonAsync(folder.PathFor("compare.parquet"), differences, cancellationToken).ConfigureAwait(false);
        var presentations = scenarios.Select((s, v) => Reporting.RunPresentation.From(definitions[v], s.Scenario.Report)).ToArray();
        bool[][] applies = [.. presentations.Select(Reporting.KpiPresentation.ApplicableKpis)];
        await ComparisonFiles.WriteKpisAsync(folder.PathFor("kpis.parquet"), names, seed, rows, applies, cancellationToken).ConfigureAwait(false);
        for (int v = 0; v < scenarios.Count; v++)
        {
            await File.WriteAllTextAsync(folder.PathFor(Path.Combine("scenarios", names[v] + ".resolved.yaml")), scenarios[v].Scenario.ResolvedYaml, cancellationToken).ConfigureAwait(false);
        }

        ComparisonChart.Write(folder.PathFor(Path.Combine("charts", "compare")), definitions[0].Name, differences);
        clock.Stop();
        var manifest = new ExperimentManifest
        {
            Experiment = "compare",
            Scenario = definitions[0].Name,
            ScenarioHashes = scenarios.ToDictionary(s => s.Name, s => s.Scenario.ScenarioHash, StringComparer.Ordinal),
            CommandLine = settings.CommandLine,
            MasterSeed = seed,
            Replications = replications,
            Threads = settings.Threads,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
        await File.WriteAllTextAsync(folder.PathFor("manifest.json"), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(folder.PathFor(Reporting.RunPresentation.FileName), presentations[0].ToJson(), cancellationToken).ConfigureAwait(false);
        await Reporting.ExperimentPages.WriteCompareAsync(folder.StagingPath, cancellationToken).ConfigureAwait(false);
        folder.Commit();
        return new ComparisonOutcome(definitions[0].Name, folder.FinalPath, replications, seed, names[1..], differences, clock.Elapsed);
    }

    /// <summary>Every variant's paired differences against the base (rows[0]), KPI by KPI.</summary>
    internal static IReadOnlyList<KpiDifference> Differences(IReadOnlyList<string> names, double[][][] rows)
    {
        var differences = new List<KpiDifference>();
        int replications = rows[0].Length;
        var baseline = new double[replications];
        var variant = new double[replications];
        for (int v = 1; v < rows.Length; v++)
        {
            for (int k = 0; k < KpiCatalog.All.Count; k++)
            {
                for (int r = 0; r < replications; r++)
                {
                    baseline[r] = rows[0][r][k];
                    variant[r] = rows[v][r][k];
                }

                if (baseline.All(double.IsFinite) && variant.All(double.IsFinite))
                {
                    differences.Add(new KpiDifference(names[v], KpiCatalog.All[k], PairedDifference.Of(baseline, variant)));
                }
            }
        }

        return differences;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ValidName();

}
