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
        if (outcome.Alerts.Count > 0)
        {
            console.Write(AlertTable(outcome));
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Run folder: {Markup.Escape(outcome.OutputDirectory)} ({outcome.WallTime.TotalSeconds:F1} s, {outcome.Events:N0} events)"));
    }

    /// <summary>Per alert: the share of replications it fired in, its 95% Wilson interval, and the first day it fired (mean, p5 .. p95).</summary>
    private static Table AlertTable(RunOutcome outcome)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .Title("[bold]alerts[/]")
            .AddColumn(new TableColumn("alert"))
            .AddColumn(new TableColumn("condition"))
            .AddColumn(new TableColumn("fired").RightAligned().NoWrap())
            .AddColumn(new TableColumn("95% CI").RightAligned().NoWrap())
            .AddColumn(new TableColumn("first day (p5..p95)").RightAligned().NoWrap());
        foreach (var a in outcome.Alerts)
        {
            string firstDay = a.FirstDay is { } d
                ? $"{NumberFormat.Compact(d.Mean)} ({NumberFormat.Compact(d.P5)}..{NumberFormat.Compact(d.P95)})"
                : "-";
            table.AddRow(
                Markup.Escape(a.Alert.Id),
                Markup.Escape(AlertText.Condition(a.Alert)),
                string.Create(CultureInfo.InvariantCulture, $"{a.Fired}/{a.Replications}"),
                string.Create(CultureInfo.InvariantCulture, $"{100 * a.Ci95Low:F0}-{100 * a.Ci95High:F0}%"),
                firstDay);
        }

        return table;
    }

    private static string[] Row(bool quantiles, string name, string mean, string ci, string range, string unit) =>
        quantiles ? [name, mean, ci, range, unit] : [name, mean, ci, unit];
}
