using System.Globalization;
using Simulation.Scenarios.Experiments;
using Spectre.Console;

namespace Simulation.Cli.Rendering;

/// <summary>
/// The KPI table printed at the end of a run: mean and 95% CI per KPI, grouped. The CI is clipped to
/// the KPI's natural range (<see cref="KpiSummary.Ci95InRange"/>), so a count never shows a bound below 0.
/// </summary>
internal static class KpiTable
{
    /// <summary>Below this console width the p5..p95 column is left out so rows stay on one line.</summary>
    private const int WidthForQuantiles = 110;

    public static void Render(IAnsiConsole console, RunOutcome outcome)
    {
        bool quantiles = console.Profile.Width >= WidthForQuantiles;
        var table = new Table()
            .Border(TableBorder.Simple)
            .Title($"[bold]{Markup.Escape(outcome.ScenarioName)}[/]: {outcome.Replications} replications, seed {outcome.Seed}")
            .AddColumn(new TableColumn("KPI").NoWrap())
            .AddColumn(new TableColumn("mean").RightAligned().NoWrap())
            .AddColumn(new TableColumn("95% CI").RightAligned().NoWrap());
        if (quantiles)
        {
            table.AddColumn(new TableColumn("p5 .. p95").RightAligned().NoWrap());
        }

        table.AddColumn(new TableColumn("unit").NoWrap());
        foreach (var group in outcome.Summaries.GroupBy(s => s.Kpi.Group))
        {
            table.AddRow(Row(quantiles, $"[bold underline]{group.Key.ToString().ToLowerInvariant()}[/]", "", "", "", ""));
            foreach (var kpiSummary in group)
            {
                var (kpi, summary) = kpiSummary;
                var (low, high) = kpiSummary.Ci95InRange;
                string ci = double.IsNaN(low) ? "-" : $"{NumberFormat.Compact(low)} .. {NumberFormat.Compact(high)}";
                table.AddRow(Row(
                    quantiles,
                    Markup.Escape(kpi.Name),
                    NumberFormat.Compact(summary.Mean),
                    ci,
                    $"{NumberFormat.Compact(summary.P5)} .. {NumberFormat.Compact(summary.P95)}",
                    Markup.Escape(kpi.Unit)));
            }
        }

        console.Write(table);
        if (outcome.Warmup.Warning is { } warning)
        {
            console.MarkupLine("[yellow]Warning:[/] " + Markup.Escape(warning));
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Run folder: {Markup.Escape(outcome.OutputDirectory)} ({outcome.WallTime.TotalSeconds:F1} s, {outcome.Events:N0} events)"));
    }

    private static string[] Row(bool quantiles, string name, string mean, string ci, string range, string unit) =>
        quantiles ? [name, mean, ci, range, unit] : [name, mean, ci, unit];
}
