using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulation.Scenarios.Experiments.Sweeps;
using Spectre.Console;

namespace Simulation.Cli.Rendering;

/// <summary>What <c>sim sweep</c> and <c>sim merge</c> print: a line of counts, Sobol indices as a table, or JSON.</summary>
internal static class SweepReport
{
    public static async Task WriteAsync(CliContext context, SweepOutcome outcome, Shard shard, bool json, bool quiet)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(Json(outcome, shard)).ConfigureAwait(false);
            return;
        }

        if (quiet)
        {
            await context.Out.WriteLineAsync(outcome.OutputDirectory).ConfigureAwait(false);
            return;
        }

        if (outcome.Sensitivity.Count > 0)
        {
            var table = new Table()
                .Border(TableBorder.Simple)
                .Title($"[bold]{Markup.Escape(outcome.Name)}[/]: Sobol indices, first order S1 and total ST (95% bootstrap CIs)")
                .AddColumn(new TableColumn("KPI / parameter").NoWrap())
                .AddColumn(new TableColumn("S1").RightAligned().NoWrap())
                .AddColumn(new TableColumn("95% CI").NoWrap())
                .AddColumn(new TableColumn("ST").RightAligned().NoWrap())
                .AddColumn(new TableColumn("95% CI").NoWrap());
            string? previous = null;
            foreach (var (kpi, parameter, index) in outcome.Sensitivity)
            {
                // The KPI as a heading row over its parameters keeps the table within 80 columns.
                if (kpi != previous)
                {
                    table.AddRow($"[bold underline]{Markup.Escape(kpi)}[/]", "", "", "", "");
                }

                table.AddRow(
                    "  " + Markup.Escape(parameter),
                    Number(index.FirstOrder),
                    Range(index.FirstOrderLow, index.FirstOrderHigh),
                    Number(index.Total),
                    Range(index.TotalLow, index.TotalHigh));
                previous = kpi;
            }

            context.Console.Write(table);
        }

        string where = shard.Count > 1 ? $"shard {shard.Index}/{shard.Count}: " : "";
        string next = outcome.Finished
            ? "dataset: sweep.parquet, points.parquet" + (outcome.Sensitivity.Count > 0 ? ", sensitivity.parquet" : "") + "; page: report.html, charts in charts/"
            : "when every shard is done: sim merge " + outcome.OutputDirectory;
        context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{where}{outcome.Name}: {outcome.Points:N0} points; {outcome.PointsRun:N0} run now, {outcome.PointsSkipped:N0} already finished ({outcome.WallTime.TotalSeconds:F1} s). {outcome.OutputDirectory}\n{next}")));
    }

    private static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Range(double low, double high) => Number(low) + ".." + Number(high);

    private static string Json(SweepOutcome outcome, Shard shard)
    {
        var sensitivity = new JsonArray();
        foreach (var (kpi, parameter, index) in outcome.Sensitivity)
        {
            // As a JsonNode: the generic Add<T> may build a JsonValue by reflection, which natively compiled sim lacks.
            sensitivity.Add((JsonNode)new JsonObject
            {
                ["kpi"] = kpi,
                ["parameter"] = parameter,
                ["first_order"] = index.FirstOrder,
                ["first_order_ci95_low"] = index.FirstOrderLow,
                ["first_order_ci95_high"] = index.FirstOrderHigh,
                ["total"] = index.Total,
                ["total_ci95_low"] = index.TotalLow,
                ["total_ci95_high"] = index.TotalHigh,
            });
        }

        var root = new JsonObject
        {
            ["name"] = outcome.Name,
            ["folder"] = outcome.OutputDirectory,
            ["shard"] = $"{shard.Index}/{shard.Count}",
            ["points"] = outcome.Points,
            ["points_run"] = outcome.PointsRun,
            ["points_skipped"] = outcome.PointsSkipped,
            ["finished"] = outcome.Finished,
            ["sensitivity"] = sensitivity,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
