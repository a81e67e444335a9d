using System.Text.Json;
using System.Text.Json.Nodes;
using Simulation.Scenarios.Experiments;

namespace Simulation.Cli.Rendering;

/// <summary>The run summary as JSON for scripts: one object per KPI. NaN (undefined) is written as null.</summary>
internal static class SummaryJson
{
    public static string Render(RunOutcome outcome)
    {
        var kpis = new JsonArray();
        foreach (var (kpi, s) in outcome.Summaries)
        {
            // As a JsonNode: the generic Add<T> may build a JsonValue by reflection, which natively compiled sim lacks.
            kpis.Add((JsonNode)new JsonObject
            {
                ["kpi"] = kpi.Name,
                ["unit"] = kpi.Unit,
                ["group"] = kpi.Group.ToString().ToLowerInvariant(),
                ["n"] = s.N,
                ["mean"] = Number(s.Mean),
                ["sd"] = Number(s.StandardDeviation),
                ["ci95_low"] = Number(s.Ci95Low),
                ["ci95_high"] = Number(s.Ci95High),
                ["p5"] = Number(s.P5),
                ["p50"] = Number(s.P50),
                ["p95"] = Number(s.P95),
            });
        }

        var alerts = new JsonArray();
        foreach (var a in outcome.Alerts)
        {
            alerts.Add((JsonNode)new JsonObject
            {
                ["alert"] = a.Alert.Id,
                ["condition"] = AlertText.Condition(a.Alert),
                ["replications"] = a.Replications,
                ["fired"] = a.Fired,
                ["share"] = Number(a.Share),
                ["ci95_low"] = Number(a.Ci95Low),
                ["ci95_high"] = Number(a.Ci95High),
                ["first_day"] = a.FirstDay is { } d
                    ? new JsonObject
                    {
                        ["n"] = d.N,
                        ["mean"] = Number(d.Mean),
                        ["p5"] = Number(d.P5),
                        ["p50"] = Number(d.P50),
                        ["p95"] = Number(d.P95),
                    }
                    : null,
            });
        }

        var root = new JsonObject
        {
            ["scenario"] = outcome.ScenarioName,
            ["replications"] = outcome.Replications,
            ["seed"] = outcome.Seed,
            ["run_folder"] = outcome.OutputDirectory,
            ["kpis"] = kpis,
            ["alerts"] = alerts,
            ["warmup_diagnosis"] = new JsonObject
            {
                ["method"] = outcome.Warmup.Method,
                ["warmup_days"] = outcome.Warmup.WarmupDays,
                ["fill_rate_truncation_day"] = outcome.Warmup.FillRateTruncationDay,
                ["on_hand_truncation_day"] = outcome.Warmup.OnHandTruncationDay,
                ["at_search_limit"] = outcome.Warmup.AtSearchLimit,
                ["beyond_warmup"] = outcome.Warmup.BeyondWarmup,
                ["suggested_warmup_days"] = outcome.Warmup.SuggestedWarmupDays,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
