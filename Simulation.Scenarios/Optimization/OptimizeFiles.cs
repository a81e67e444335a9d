using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// The provenance and mix files of an <c>optimize</c> folder (docs/optimizer.md, "Outputs"):
/// <c>manifest.json</c> (kind <c>optimize</c>: command, solver and its version, gap, time limit, seeds,
/// replications, periods, timings) and <c>mix.parquet</c> (one row per buyer and supplier that today's
/// mix or the recommended one uses: <c>buyer</c>, <c>supplier</c>, <c>region</c>, <c>share_before</c>,
/// <c>share_after</c>, <c>units_per_day_before</c>, <c>units_per_day_after</c>).
/// </summary>
internal static class OptimizeFiles
{
    public const string ManifestFile = "manifest.json";

    public const string MixFile = "mix.parquet";

    /// <summary>The manifest's <c>kind</c>, so that <c>sim report DIR</c> knows the folder.</summary>
    public const string Kind = "optimize";

    public static Task WriteManifestAsync(string path, OptimizeOutcome outcome, OptimizeSettings settings, NetworkDefinition definition, double solveSeconds, double simulateSeconds, double totalSeconds, CancellationToken cancellationToken)
    {
        var sourcing = settings.Sourcing;
        var caps = new JsonObject();
        foreach (var (kpi, cap) in sourcing.Caps.OrderBy(c => c.Key))
        {
            caps[SourcingKpis.Name(kpi)] = cap;
        }

        var root = new JsonObject
        {
            ["kind"] = Kind,
            ["tool_version"] = Manifest.CurrentToolVersion,
            ["scenario"] = outcome.ScenarioName,
            ["command"] = settings.CommandLine,
            ["solver"] = "SCIP via Google OR-Tools " + typeof(Google.OrTools.LinearSolver.Solver).Assembly.GetName().Version?.ToString(3),
            ["objective"] = SourcingKpis.Name(sourcing.Objective),
            ["axis"] = outcome.Axis is { } axis ? SourcingKpis.Name(axis) : null,
            ["caps"] = caps,
            ["gap"] = sourcing.RelativeGap,
            ["time_limit_seconds"] = sourcing.TimeLimit.TotalSeconds,
            ["max_share"] = sourcing.MaxSupplierShare,
            ["max_region_share"] = sourcing.MaxRegionShare,
            ["max_change"] = sourcing.MaxShareChange,
            ["max_utilisation"] = sourcing.MaxUtilisation,
            ["cvar_alpha"] = sourcing.CvarAlpha,
            ["seed"] = definition.Seed,
            ["disruption_seed"] = settings.Build.Seed ?? definition.Seed,
            ["disruption_scenarios"] = outcome.Scenarios,
            ["periods_per_replication"] = outcome.PeriodsPerReplication,
            ["period_days"] = outcome.PeriodDays,
            ["replications"] = outcome.Replications,
            ["cvar_tail_outcomes"] = outcome.TailOutcomes,
            ["refine_rounds"] = outcome.Refinement.Count,
            ["chosen_point"] = outcome.Chosen.Label,
            ["no_safe_recommendation"] = outcome.NoSafeRecommendation,
            ["calibration"] = outcome.Calibration is { } calibration ? new JsonObject
            {
                ["absorption_days"] = calibration.AbsorptionDays,
                ["today_predicted_cvar_uncalibrated"] = calibration.PredictedCvarBefore,
                ["today_predicted_cvar"] = calibration.PredictedCvarAfter,
                ["today_simulated_cvar"] = calibration.SimulatedCvar,
                ["note"] = calibration.Describe(),
            } : null,
            ["timings_seconds"] = new JsonObject
            {
                ["solve"] = Math.Round(solveSeconds, 3),
                ["simulate"] = Math.Round(simulateSeconds, 3),
                ["total"] = Math.Round(totalSeconds, 3),
            },
        };
        return File.WriteAllTextAsync(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
    }

    public static Task WriteMixAsync(string path, SourcingProblem problem, SourcingSolution today, OptimizedPoint chosen, CancellationToken cancellationToken)
    {
        var rows = Enumerable.Range(0, problem.Arcs.Count)
            .Where(a => today.Shares[a] > SourcingEvaluation.UsedThreshold || chosen.Solution.Shares[a] > SourcingEvaluation.UsedThreshold)
            .ToList();
        string Buyer(int a) => problem.Buyers[problem.Arcs[a].BuyerIndex].Id;
        double Demand(int a) => problem.Buyers[problem.Arcs[a].BuyerIndex].DemandPerDay;
        var table = new ParquetColumns(rows.Count);
        table.Add("buyer", [.. rows.Select(Buyer)]);
        table.Add("supplier", [.. rows.Select(a => problem.Candidates[problem.Arcs[a].CandidateIndex].SupplierId)]);
        table.Add("region", [.. rows.Select(a => problem.Candidates[problem.Arcs[a].CandidateIndex].RegionId)]);
        table.Add("share_before", [.. rows.Select(a => today.Shares[a])]);
        table.Add("share_after", [.. rows.Select(a => chosen.Solution.Shares[a])]);
        table.Add("units_per_day_before", [.. rows.Select(a => today.Shares[a] * Demand(a))]);
        table.Add("units_per_day_after", [.. rows.Select(a => chosen.Solution.Shares[a] * Demand(a))]);
        return table.WriteAsync(path, cancellationToken);
    }

    /// <summary>Reads <c>manifest.json</c> of an optimize folder.</summary>
    public static JsonObject ReadManifest(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ManifestFile))) as JsonObject
            ?? throw new InvalidDataException($"{Path.Combine(folder, ManifestFile)} is not a JSON object.");

    internal static string Invariant(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
