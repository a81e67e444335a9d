using System.Globalization;
using Simulation.Scenarios.Experiments;
using Simulation.Scenarios.Reporting;
using Spectre.Console;

namespace Simulation.Cli.Rendering;

/// <summary>
/// The KPI table printed at the end of a run: first the headline (with target and verdict), then the
/// KPIs of the parts the scenario models, grouped, with labels and units for people; <c>--all</c> adds
/// the KPIs of parts it does not model. The CI is clipped to the KPI's natural range
/// (<see cref="KpiSummary.Ci95InRange"/>). Fits 80 columns; wider consoles also get p5 .. p95.
/// </summary>
internal static class KpiTable
{
    /// <summary>Below this console width the p5..p95 column is left out so rows stay on one line.</summary>
    private const int WidthForQuantiles = 110;

    public static void Render(IAnsiConsole console, RunOutcome outcome, bool all = false)
    {
        var presentation = KpiPresentation.ForFolder(outcome.OutputDirectory);
        var byName = outcome.Summaries.ToDictionary(s => s.Kpi.Name, StringComparer.Ordinal);
        var headline = new Table()
            .Border(TableBorder.Simple)
            .Title($"[bold]{Markup.Escape(outcome.ScenarioName)}[/]: {outcome.Replications} replications, seed {outcome.Seed}")
            .AddColumn(new TableColumn("headline").NoWrap())
            .AddColumn(new TableColumn("mean").RightAligned().NoWrap())
            .AddColumn(new TableColumn("95% CI").RightAligned().NoWrap())
            .AddColumn(new TableColumn("target: verdict").NoWrap());
        foreach (string name in presentation.Headline.Where(byName.ContainsKey))
        {
            var s = byName[name];
            var (low, high) = s.Ci95InRange;
            var verdict = presentation.VerdictOf(name, low, high, s.Summary.Mean);
            var cells = Cells(quantiles: false, presentation, s);
            string target = verdict == Verdict.None ? "[grey]no target[/]" : $"{presentation.TargetText(name, s.Kpi.Unit)}: {Colour(verdict)}";
            headline.AddRow([.. cells, target]);
        }

        console.Write(headline);

        bool quantiles = console.Profile.Width >= WidthForQuantiles;
        var table = new Table()
            .Border(TableBorder.Simple)
            .AddColumn(new TableColumn("KPI").NoWrap())
            .AddColumn(new TableColumn("mean").RightAligned().NoWrap())
            .AddColumn(new TableColumn("95% CI").RightAligned().NoWrap());
        if (quantiles)
        {
            table.AddColumn(new TableColumn("p5 .. p95").RightAligned().NoWrap());
        }

        foreach (var group in outcome.Summaries.Where(s => all || presentation.Applies(s.Kpi.Name, s.Kpi.Group)).GroupBy(s => s.Kpi.Group))
        {
            table.AddRow(Row(quantiles, $"[bold underline]{group.Key.ToString().ToLowerInvariant()}[/]", "", "", ""));
            foreach (var s in group)
            {
                var cells = Cells(quantiles, presentation, s);
                if (!presentation.Applies(s.Kpi.Name, s.Kpi.Group))
                {
                    cells[0] = "[grey]" + cells[0] + " (not modelled)[/]";
                }

                table.AddRow(cells);
            }
        }

        console.Write(table);
        if (outcome.Alerts.Count > 0)
        {
            console.Write(AlertTable(outcome));
        }

        if (outcome.Warmup.Warning is { } warning)
        {
            console.MarkupLine("[yellow]Warning:[/] " + Markup.Escape(warning));
        }

        string hint = all ? "" : "; --all lists every KPI";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Run folder: {Markup.Escape(outcome.OutputDirectory)} ({outcome.WallTime.TotalSeconds:F1} s, {outcome.Events:N0} events){hint}"));
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

    private static string[] Cells(bool quantiles, KpiPresentation presentation, KpiSummary s)
    {
        var (low, high) = s.Ci95InRange;
        string unit = s.Kpi.Unit;
        string ci = double.IsNaN(low) ? "-" : $"{KpiPresentation.Format(low, unit)} .. {KpiPresentation.Format(high, unit)}";
        return Row(
            quantiles,
            Markup.Escape(presentation.LabelWithUnit(s.Kpi.Name, unit)),
            KpiPresentation.Format(s.Summary.Mean, unit),
            ci,
            $"{KpiPresentation.Format(s.Summary.P5, unit)} .. {KpiPresentation.Format(s.Summary.P95, unit)}");
    }

    private static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Met => "[green]met[/]",
        Verdict.AtRisk => "[yellow]at risk[/]",
        _ => "[red]missed[/]",
    };

    private static string[] Row(bool quantiles, string name, string mean, string ci, string range) =>
        quantiles ? [name, mean, ci, range] : [name, mean, ci];
}
