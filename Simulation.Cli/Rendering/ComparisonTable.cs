using System.Globalization;
using Simulation.Scenarios.Experiments.Compare;
using Spectre.Console;

namespace Simulation.Cli.Rendering;

/// <summary>
/// The comparison table: per variant and KPI the base and variant means, the paired difference with its
/// 95% CI (bold when the CI excludes 0), and the paired CI's width as a share of the unpaired one.
/// </summary>
internal static class ComparisonTable
{
    /// <summary>Below this console width the variant-mean column (base + difference) is left out so rows stay on one line.</summary>
    private const int WidthForVariantMeans = 100;

    public static void Render(IAnsiConsole console, ComparisonOutcome outcome)
    {
        bool variantMeans = console.Profile.Width >= WidthForVariantMeans;
        foreach (string variant in outcome.Variants)
        {
            var table = new Table()
                .Border(TableBorder.Simple)
                .Title($"[bold]{Markup.Escape(variant)}[/] vs base: {outcome.Replications} paired replications, seed {outcome.Seed}")
                .AddColumn(new TableColumn("KPI").NoWrap())
                .AddColumn(new TableColumn("base").RightAligned().NoWrap());
            if (variantMeans)
            {
                table.AddColumn(new TableColumn(Markup.Escape(variant)).RightAligned().NoWrap());
            }

            table
                .AddColumn(new TableColumn("difference").RightAligned().NoWrap())
                .AddColumn(new TableColumn("95% CI").NoWrap())
                .AddColumn(new TableColumn("CI ratio").RightAligned().NoWrap());
            foreach (var (_, kpi, d) in outcome.Differences.Where(d => d.Variant == variant))
            {
                var diff = d.Difference;
                bool significant = diff.Ci95Low > 0 || diff.Ci95High < 0;
                // The paired t interval is symmetric, so "difference +- half-width" says it in less room than low .. high.
                string ci = double.IsNaN(diff.Ci95Low) ? "-" : "± " + NumberFormat.Compact((diff.Ci95High - diff.Ci95Low) / 2);
                string ratio = d.UnpairedCiWidth > 0
                    ? (d.PairedCiWidth / d.UnpairedCiWidth).ToString("P0", CultureInfo.InvariantCulture)
                    : "-";
                string difference = significant ? $"[bold]{NumberFormat.Compact(diff.Mean)}[/]" : NumberFormat.Compact(diff.Mean);
                table.AddRow(variantMeans
                    ? [Markup.Escape(kpi.Name), NumberFormat.Compact(d.BaseMean), NumberFormat.Compact(d.VariantMean), difference, ci, ratio]
                    : [Markup.Escape(kpi.Name), NumberFormat.Compact(d.BaseMean), difference, ci, ratio]);
            }

            console.Write(table);
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{Markup.Escape(outcome.ScenarioName)}: bold differences have a 95% CI that excludes 0; CI ratio is the paired CI's width over an unpaired one's.\nRun folder: {Markup.Escape(outcome.OutputDirectory)} ({outcome.WallTime.TotalSeconds:F1} s); page: report.html, chart: charts/compare.png"));
    }
}
