using System.Text.Json;
using System.Text.Json.Nodes;
using Simulation.Scenarios.Experiments.Compare;

namespace Simulation.Cli.Rendering;

/// <summary>The comparison as JSON for scripts: one object per variant and KPI, the columns of compare.parquet. NaN is written as null.</summary>
internal static class ComparisonJson
{
    public static string Render(ComparisonOutcome outcome)
    {
        var rows = new JsonArray();
        foreach (var (variant, kpi, d) in outcome.Differences)
        {
            // As a JsonNode: the generic Add<T> may build a JsonValue by reflection, which natively compiled sim lacks.
            rows.Add((JsonNode)new JsonObject
            {
                ["variant"] = variant,
                ["kpi"] = kpi.Name,
                ["unit"] = kpi.Unit,
                ["n"] = d.N,
                ["base_mean"] = Number(d.BaseMean),
                ["variant_mean"] = Number(d.VariantMean),
                ["diff_mean"] = Number(d.Difference.Mean),
                ["diff_ci95_low"] = Number(d.Difference.Ci95Low),
                ["diff_ci95_high"] = Number(d.Difference.Ci95High),
                ["unpaired_ci95_low"] = Number(d.UnpairedCi95Low),
                ["unpaired_ci95_high"] = Number(d.UnpairedCi95High),
                ["variance_reduction"] = Number(d.VarianceReduction),
            });
        }

        var root = new JsonObject
        {
            ["scenario"] = outcome.ScenarioName,
            ["replications"] = outcome.Replications,
            ["seed"] = outcome.Seed,
            ["variants"] = new JsonArray([.. outcome.Variants.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["run_folder"] = outcome.OutputDirectory,
            ["differences"] = rows,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
