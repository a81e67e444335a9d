using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulation.Core.Optimization;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Optimization;
using Spectre.Console;

namespace Simulation.Cli.Rendering;

/// <summary>The optimizer's result for people (tables: predicted beside simulated with CIs) and scripts (JSON).</summary>
internal static class OptimizeReport
{
    /// <summary>Mix rows shown for the chosen point; the full mix is in mix.yaml.</summary>
    private const int MixRowsShown = 15;

    public static void Render(IAnsiConsole console, OptimizeOutcome outcome, IReadOnlyList<string> overrides)
    {
        var objective = outcome.Settings.Objective;
        string title = outcome.Axis is { } axis
            ? $"{outcome.ScenarioName}: minimise {SourcingKpis.Name(objective)}, Pareto frontier over {SourcingKpis.Name(axis)}"
            : $"{outcome.ScenarioName}: minimise {SourcingKpis.Name(objective)}";
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        console.MarkupLine(Markup.Escape($"{outcome.Scenarios} disruption scenarios; each mix simulated with {outcome.Replications} replications (common random numbers). Predicted by the optimizer beside simulated (mean and 95% CI); * = the mix in mix.yaml."));

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("point");
        table.AddColumn("kpi");
        table.AddColumn(new TableColumn("predicted").RightAligned());
        table.AddColumn(new TableColumn("simulated").RightAligned());
        table.AddColumn(new TableColumn("95% CI").RightAligned());
        foreach (var point in outcome.Points)
        {
            if (point.Index > 0)
            {
                table.AddEmptyRow();
            }

            var labels = new[]
            {
                point.Index == outcome.ChosenIndex ? $"[bold]{point.Index + 1}*[/]" : $"{point.Index + 1}",
                SourcingStatusNames.Name(point.Solution.Status),
                double.IsFinite(point.Solution.Gap) ? "gap " + point.Solution.Gap.ToString("P2", CultureInfo.InvariantCulture) : "",
                $"{point.Mix.Select(m => m.SupplierId).Distinct(StringComparer.Ordinal).Count()} suppliers",
            };
            for (int k = 0; k < SourcingKpis.All.Count; k++)
            {
                var kpi = SourcingKpis.All[k];
                string name = Markup.Escape($"{SourcingKpis.Name(kpi)} ({SourcingKpis.Unit(kpi)})");
                string predicted = point.Solution.Predicted.TryGetValue(kpi, out double p) ? Number(p) : "-";
                var simulated = point.Simulated?.Kpis[kpi];
                table.AddRow(
                    k < labels.Length ? labels[k] : "",
                    kpi == objective || kpi == outcome.Axis ? $"[bold]{name}[/]" : name,
                    predicted,
                    simulated is null ? "-" : Number(simulated.Mean),
                    simulated is null || !double.IsFinite(simulated.Ci95Low) ? "-" : Markup.Escape(ClippedInterval(kpi, simulated)));
            }
        }

        console.Write(table);
        if (outcome.Axis is { } traded && outcome.Points.Count == 1)
        {
            console.MarkupLine(Markup.Escape(
                $"The frontier is a single point: {SourcingKpis.Name(traded)} is the same at its own minimum and at the {SourcingKpis.Name(objective)} optimum, " +
                $"so the candidates offer no trade-off between them (in this scenario they differ in other KPIs)."));
        }

        foreach (var point in outcome.Points.Where(p => !p.Solution.HasMix))
        {
            console.MarkupLine(Markup.Escape($"point {point.Index + 1}: {point.Solution.Explanation}"));
        }

        RenderRefinement(console, outcome);
        RenderMix(console, outcome.Points[outcome.ChosenIndex]);
        RenderEnrolments(console, outcome.Points[outcome.ChosenIndex]);
        string set = string.Concat(overrides.Select(o => $" --set \"{o}\""));
        console.MarkupLine(Markup.Escape($"Written to {outcome.OutputDirectory}: mix.yaml (point {outcome.ChosenIndex + 1}, marked *), pareto.parquet, charts/, points/ (one variant and run folder per mix)."));
        console.MarkupLine(Markup.Escape($"Reproduce the simulated figures: sim run {Path.Combine(outcome.OutputDirectory, "mix.yaml")}{set}"));
    }

    /// <summary>The KPIs whose parameters <c>--refine</c> feeds back, shown per round.</summary>
    private static readonly SourcingKpi[] RefinedKpis = [SourcingKpi.Shortfall, SourcingKpi.Cost, SourcingKpi.SocialRisk];

    private static void RenderRefinement(IAnsiConsole console, OptimizeOutcome outcome)
    {
        if (outcome.Refinement.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("refinement: simulated availability, cost and social risk per supplier fed back");
        table.AddColumn("round");
        table.AddColumn("kpi");
        table.AddColumn(new TableColumn("predicted").RightAligned());
        table.AddColumn(new TableColumn("simulated").RightAligned());
        table.AddColumn(new TableColumn("re-solved").RightAligned());
        table.AddColumn(new TableColumn("share change").RightAligned());
        foreach (var round in outcome.Refinement)
        {
            foreach (var kpi in RefinedKpis)
            {
                bool first = kpi == RefinedKpis[0];
                table.AddRow(
                    first ? round.Round.ToString(CultureInfo.InvariantCulture) : "",
                    Markup.Escape(SourcingKpis.Name(kpi)),
                    Number(round.Before[kpi]),
                    Markup.Escape(Interval(kpi, round.Simulated.Kpis[kpi])),
                    Number(round.After[kpi]),
                    first ? Number(round.MaxShareChange) : "");
            }
        }

        console.Write(table);
    }

    private static void RenderMix(IAnsiConsole console, OptimizedPoint point)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"mix of point {point.Index + 1} (mix.yaml)");
        table.AddColumn("buyer");
        table.AddColumn("supplier");
        table.AddColumn("region");
        table.AddColumn(new TableColumn("share").RightAligned());
        table.AddColumn(new TableColumn("units/day").RightAligned());
        var rows = point.Mix.OrderBy(m => m.BuyerId, StringComparer.Ordinal).ThenByDescending(m => m.Share).ToList();
        foreach (var row in rows.Take(MixRowsShown))
        {
            table.AddRow(Markup.Escape(row.BuyerId), Markup.Escape(row.SupplierId), Markup.Escape(row.RegionId),
                row.Share.ToString("P1", CultureInfo.InvariantCulture), NumberFormat.Compact(row.UnitsPerDay));
        }

        if (rows.Count > MixRowsShown)
        {
            table.AddRow($"... {rows.Count - MixRowsShown} more (see mix.yaml)", "", "", "", "");
        }

        console.Write(table);
    }

    private static void RenderEnrolments(IAnsiConsole console, OptimizedPoint point)
    {
        if (point.Enrolments.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"capacity building of point {point.Index + 1} (mix.yaml)");
        table.AddColumn("programme");
        table.AddColumn("supplier");
        table.AddColumn(new TableColumn("cost/year").RightAligned());
        foreach (var enrolment in point.Enrolments)
        {
            table.AddRow(Markup.Escape(enrolment.ProgrammeId), Markup.Escape(enrolment.SupplierId), NumberFormat.Compact(enrolment.CostPerYear));
        }

        table.AddRow("[bold]total[/]", "", NumberFormat.Compact(point.Enrolments.Sum(e => e.CostPerYear)));
        console.Write(table);
    }

    public static string Json(OptimizeOutcome outcome)
    {
        var points = new JsonArray();
        foreach (var point in outcome.Points)
        {
            var kpis = new JsonObject();
            foreach (var kpi in SourcingKpis.All)
            {
                var entry = new JsonObject
                {
                    ["predicted"] = Value(point.Solution.Predicted.TryGetValue(kpi, out double p) ? p : double.NaN),
                };
                if (point.Simulated is { } simulated)
                {
                    var s = simulated.Kpis[kpi];
                    entry["simulated_mean"] = Value(s.Mean);
                    entry["simulated_ci95_low"] = Value(s.Ci95Low);
                    entry["simulated_ci95_high"] = Value(s.Ci95High);
                }

                kpis[SourcingKpis.Name(kpi)] = entry;
            }

            var mix = new JsonArray();
            foreach (var share in point.Mix)
            {
                mix.Add(new JsonObject { ["buyer"] = share.BuyerId, ["supplier"] = share.SupplierId, ["region"] = share.RegionId, ["share"] = share.Share });
            }

            var enrolments = new JsonArray();
            foreach (var enrolment in point.Enrolments)
            {
                enrolments.Add(new JsonObject { ["programme"] = enrolment.ProgrammeId, ["supplier"] = enrolment.SupplierId, ["cost_per_year"] = Value(enrolment.CostPerYear) });
            }

            points.Add(new JsonObject
            {
                ["point"] = point.Index + 1,
                ["epsilon"] = point.Epsilon is { } e ? Value(e) : null,
                ["status"] = SourcingStatusNames.Name(point.Solution.Status),
                ["gap"] = Value(point.Solution.Gap),
                ["chosen"] = point.Index == outcome.ChosenIndex,
                ["variant"] = point.VariantFile,
                ["explanation"] = point.Solution.Explanation,
                ["kpis"] = kpis,
                ["mix"] = mix,
                ["enrolments"] = enrolments,
            });
        }

        var root = new JsonObject
        {
            ["scenario"] = outcome.ScenarioName,
            ["objective"] = SourcingKpis.Name(outcome.Settings.Objective),
            ["axis"] = outcome.Axis is { } axis ? SourcingKpis.Name(axis) : null,
            ["scenarios"] = outcome.Scenarios,
            ["replications"] = outcome.Replications,
            ["output_folder"] = outcome.OutputDirectory,
            ["refine_rounds"] = outcome.Refinement.Count,
            ["points"] = points,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Interval(SourcingKpi kpi, Summary summary) =>
        double.IsFinite(summary.Ci95Low) ? $"{Number(summary.Mean)} {ClippedInterval(kpi, summary)}" : Number(summary.Mean);

    /// <summary>The 95% CI as shown: clipped to the KPI's natural range (pareto.parquet and --json keep the raw bounds).</summary>
    private static string ClippedInterval(SourcingKpi kpi, Summary summary)
    {
        var (low, high) = SourcingKpis.Range(kpi).Clip(summary.Ci95Low, summary.Ci95High);
        return $"[{Number(low)}, {Number(high)}]";
    }

    /// <summary>Four significant figures: the KPIs span 1e-4 (shortfall) to 1e4 (water).</summary>
    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static JsonValue? Value(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
