using Simulation.Cli.Rendering;
using Simulation.Core.Network;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>The console table at 80 columns: every KPI, wide values, no line wraps.</summary>
public sealed class KpiTableWidthTests
{
    [Fact]
    public void EveryRow_FitsEightyColumns_WithoutWrapping()
    {
        // Wide values in every KPI (millions with a wide CI, fractions up to 100%), every KPI listed (--all).
        var summaries = KpiCatalog.All
            .Select(k => new KpiSummary(k, Summary.Of(k.Unit == "fraction" ? [0.91, 0.999, 1, 0.95] : [1_070_000, 471_000, 1_660_000, 2_500_000])))
            .ToList();
        var output = new StringWriter();
        var console = CliHarness.PlainConsole(output);
        console.Profile.Width = 80;

        KpiTable.Render(console, new RunOutcome("width", "runs/width", 4, 1, summaries, TimeSpan.FromSeconds(1), 100, new WarmupDiagnosis()), all: true);

        string[] lines = output.ToString().Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.TrimEnd().Length}: {line}"));
        // One line per KPI (twice for the headline ones) plus headings: nothing wrapped onto a second line.
        var presentation = new Simulation.Scenarios.Reporting.KpiPresentation(new Simulation.Scenarios.Reporting.RunPresentation { Report = Simulation.Scenarios.Reporting.ReportSettings.Default });
        foreach (var kpi in KpiCatalog.All)
        {
            string labelWithUnit = presentation.LabelWithUnit(kpi.Name, kpi.Unit);
            string label = labelWithUnit[..labelWithUnit.LastIndexOf(" (", StringComparison.Ordinal)];
            Assert.Contains(lines, l => l.Contains(label + " (", StringComparison.Ordinal) && l.TrimEnd().EndsWith(')') is false && l.Contains(" .. ", StringComparison.Ordinal));
        }

        // A wrapped cell would leave a line with text but no CI on it.
        var body = lines.SkipWhile(l => !l.Contains("mean", StringComparison.Ordinal)).Skip(2)
            .Where(l => l.Trim().Length > 0 && !l.Contains('─') && !l.Contains("mean", StringComparison.Ordinal) && !l.StartsWith("Run folder", StringComparison.Ordinal));
        Assert.All(body, l => Assert.True(l.Contains(" .. ", StringComparison.Ordinal) || l.Trim() is "service" or "cost" or "environment" or "network" or "social", l));
    }
}
