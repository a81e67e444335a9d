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

        // The verdict first: a strategist reads this line before any table.
        foreach (string line in Verdict(outcome))
        {
            console.MarkupLine(line);
        }

        console.MarkupLine(Markup.Escape(
            $"Each mix simulated with {outcome.Replications} replications on the same random numbers as today's mix; " +
            $"CVaR over {outcome.Replications} x {outcome.PeriodsPerReplication} periods of {outcome.PeriodDays:0.#} days ({outcome.TailOutcomes:0.#} outcomes in its tail). " +
            "vs today = paired difference (point - today) with its 95% CI. * = the mix in mix.yaml."));
        if (outcome.TailOutcomes < SimulatedRisk.FewTailOutcomes)
        {
            console.MarkupLine(Markup.Escape($"Note: the simulated CVaR rests on {outcome.TailOutcomes:0.#} outcomes; raise --replications for a figure that means something."));
        }

        RenderPoints(console, outcome);
        if (outcome.Axis is { } traded && outcome.Points.Count == 2)
        {
            console.MarkupLine(Markup.Escape(
                $"The frontier is a single point: {SourcingKpis.Name(traded)} is the same at its own minimum and at the {SourcingKpis.Name(objective)} optimum, " +
                $"so the candidates offer no trade-off between them (in this scenario they differ in other KPIs)."));
        }

        foreach (var point in outcome.Points.Where(p => !p.Solution.HasMix))
        {
            console.MarkupLine(Markup.Escape($"point {point.Index}: {point.Solution.Explanation}"));
        }

        RenderRefinement(console, outcome);
        RenderMix(console, outcome.Chosen);
        RenderEnrolments(console, outcome.Chosen);
        string set = string.Concat(overrides.Select(o => $" --set \"{o}\""));
        console.MarkupLine(Markup.Escape($"Written to {outcome.OutputDirectory}: mix.yaml (point {outcome.Chosen.Label}, marked *), mix.parquet, pareto.parquet, manifest.json, report.html, charts/, points/ (one variant and run folder per mix, today's in points/baseline)."));
        console.MarkupLine(Markup.Escape($"Reproduce the simulated figures: sim run {Path.Combine(outcome.OutputDirectory, "mix.yaml")}{set}"));
    }

    /// <summary>Console width from which levels and paired differences share one table.</summary>
    private const int WideLayoutWidth = 120;

    /// <summary>
    /// Each point's KPIs: predicted, simulated with its CI, and the paired difference from today's mix with
    /// its CI. On a console narrower than <see cref="WideLayoutWidth"/> (a pipe is 80 columns) the levels and
    /// the differences are two tables, so no number is broken across lines.
    /// </summary>
    private static void RenderPoints(IAnsiConsole console, OptimizeOutcome outcome)
    {
        console.MarkupLine(Markup.Escape("Units: " + string.Join("; ", SourcingKpis.All.Select(k => $"{SourcingKpis.Name(k)} {SourcingKpis.Unit(k)}")) + "."));
        bool wide = console.Profile.Width >= WideLayoutWidth;
        console.Write(PointsTable(outcome, levels: true, differences: wide));
        if (!wide)
        {
            console.Write(PointsTable(outcome, levels: false, differences: true).Title("against today's mix: paired difference (point - today)"));
        }
    }

    private static Table PointsTable(OptimizeOutcome outcome, bool levels, bool differences)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("point");
        table.AddColumn("kpi");
        if (levels)
        {
            table.AddColumn(new TableColumn("predicted").RightAligned());
            table.AddColumn(new TableColumn("simulated").RightAligned());
            table.AddColumn(new TableColumn("95% CI").RightAligned());
        }

        if (differences)
        {
            table.AddColumn(new TableColumn("vs today").RightAligned());
            table.AddColumn(new TableColumn("95% CI").RightAligned());
        }

        bool first = true;
        foreach (var point in outcome.Points.Where(p => levels || !p.IsBaseline))
        {
            if (!first)
            {
                table.AddEmptyRow();
            }

            first = false;
            string[] labels = PointLabels(outcome, point);
            for (int k = 0; k < SourcingKpis.All.Count; k++)
            {
                var kpi = SourcingKpis.All[k];
                string name = Markup.Escape(SourcingKpis.Name(kpi));
                bool bad = point.BrokenCaps.Contains(kpi) || point.WorseThanBaseline.Contains(kpi);
                var cells = new List<string>
                {
                    k < labels.Length ? labels[k] : "",
                    kpi == outcome.Settings.Objective || kpi == outcome.Axis ? $"[bold]{name}[/]" : name,
                };
                if (levels)
                {
                    var simulated = point.Simulated?.Kpis[kpi];
                    cells.Add(point.Solution.Predicted.TryGetValue(kpi, out double p) ? Number(p) : "-");
                    cells.Add(simulated is null ? "-" : bad ? $"[red]{Number(simulated.Mean)}[/]" : Number(simulated.Mean));
                    cells.Add(simulated is null || !double.IsFinite(simulated.Ci95Low) ? "-" : Markup.Escape(ClippedInterval(kpi, simulated)));
                }

                if (differences)
                {
                    string difference = point.Differences.TryGetValue(kpi, out var d) ? Markup.Escape(PointVerdict.WithSign(d.Mean)) : "-";
                    cells.Add(bad ? $"[red]{difference}[/]" : difference);
                    cells.Add(d is not null && double.IsFinite(d.Ci95Low) ? Markup.Escape($"[{PointVerdict.WithSign(d.Ci95Low)}, {PointVerdict.WithSign(d.Ci95High)}]") : "-");
                }

                table.AddRow([.. cells]);
            }
        }

        return table;
    }

    /// <summary>What the point column says down a point's rows: label, status, gap or flag, supplier count.</summary>
    private static string[] PointLabels(OptimizeOutcome outcome, OptimizedPoint point)
    {
        string label = point.IsBaseline ? "today" : point.Index.ToString(CultureInfo.InvariantCulture);
        return
        [
            point.Index == outcome.ChosenIndex ? $"[bold]{label}*[/]" : label,
            point.IsBaseline ? "current mix" : SourcingStatusNames.Name(point.Solution.Status),
            point.IsFlagged ? "[bold red]FLAGGED[/]" : double.IsFinite(point.Solution.Gap) ? "gap " + point.Solution.Gap.ToString("P2", CultureInfo.InvariantCulture) : "",
            $"{point.Mix.Select(m => m.SupplierId).Distinct(StringComparer.Ordinal).Count()} suppliers",
        ];
    }

    /// <summary>
    /// The lines that lead the output: whether the recommended mix holds up against today's in
    /// simulation, every flagged point, collapsed frontier points and why refinement stopped.
    /// </summary>
    internal static IEnumerable<string> Verdict(OptimizeOutcome outcome)
    {
        var chosen = outcome.Chosen;
        var today = outcome.Baseline.Simulated!.Kpis;
        string objective = SourcingKpis.Name(outcome.Settings.Objective);
        if (outcome.NoSafeRecommendation)
        {
            yield return "[bold red]" + Markup.Escape($"NO SAFE RECOMMENDATION: the recommended mix (point {chosen.Label}) {PointVerdict.Describe(chosen)}. No mix found holds up against today's in simulation: keep today's mix, or loosen the request.") + "[/]";
        }
        else if (chosen.Differences.TryGetValue(outcome.Settings.Objective, out var d))
        {
            yield return "[bold green]" + Markup.Escape(
                $"Point {chosen.Label} meets its caps in simulation and is not worse than today's mix; simulated {objective} {Number(chosen.Simulated!.Kpis[outcome.Settings.Objective].Mean)} against today's {Number(today[outcome.Settings.Objective].Mean)} " +
                $"(difference {PointVerdict.WithSign(d.Mean)} [{PointVerdict.WithSign(d.Ci95Low)}, {PointVerdict.WithSign(d.Ci95High)}]).") + "[/]";
            foreach (var (kpi, cap) in outcome.Settings.Caps.Where(c => chosen.Simulated!.Kpis[c.Key].Mean > c.Value))
            {
                var simulated = chosen.Simulated!.Kpis[kpi];
                yield return "[yellow]" + Markup.Escape(
                    $"Its simulated {SourcingKpis.Name(kpi)} {Number(simulated.Mean)} is above the cap {Number(cap)} on average; the 95% CI {ClippedInterval(kpi, simulated)} reaches below it, so it is not flagged (more --replications would tell).") + "[/]";
            }

            if (!(d.Ci95High < 0))
            {
                yield return Markup.Escape($"The {objective} difference is within the simulation's noise (its 95% CI reaches 0): no mix was found that is surely better than today's.");
            }
        }

        if (outcome.Calibration is { } calibration)
        {
            yield return Markup.Escape(calibration.Describe());
        }

        foreach (var point in outcome.Points.Where(p => p.IsFlagged && p.Index != outcome.ChosenIndex))
        {
            yield return "[red]" + Markup.Escape($"Point {point.Label} {PointVerdict.Describe(point)}.") + "[/]";
        }

        int distinct = outcome.Points.Count(p => !p.IsBaseline);
        if (outcome.RequestedPoints > distinct)
        {
            yield return Markup.Escape($"{outcome.RequestedPoints} frontier points were asked for; {distinct} distinct mixes remain (points with the same mix as the previous one were collapsed).");
        }

        if (outcome.RefinementStop.Length > 0)
        {
            yield return "[yellow]" + Markup.Escape(outcome.RefinementStop) + "[/]";
        }
    }

    /// <summary>The KPIs whose parameters <c>--refine</c> feeds back, shown per round.</summary>
    private static readonly SourcingKpi[] RefinedKpis = [SourcingKpi.Shortfall, SourcingKpi.Cvar, SourcingKpi.Cost, SourcingKpi.SocialRisk];

    private static void RenderRefinement(IAnsiConsole console, OptimizeOutcome outcome)
    {
        if (outcome.Refinement.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("refinement: simulated supply, cost, social risk, tail, exits fed back");
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
                    round.After.TryGetValue(kpi, out double after) ? Number(after) : "no mix",
                    first ? Number(round.MaxShareChange) : "");
            }
        }

        console.Write(table);
        foreach (var round in outcome.Refinement.Where(r => r.Changes.Length > 0))
        {
            console.MarkupLine(Markup.Escape($"round {round.Round}: {round.Changes}"));
        }
    }

    private static void RenderMix(IAnsiConsole console, OptimizedPoint point)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"mix of point {point.Label} (mix.yaml)");
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

        var table = new Table().Border(TableBorder.Rounded).Title($"capacity building of point {point.Label} (mix.yaml)");
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

                if (point.Differences.TryGetValue(kpi, out var d))
                {
                    entry["diff_mean"] = Value(d.Mean);
                    entry["diff_ci95_low"] = Value(d.Ci95Low);
                    entry["diff_ci95_high"] = Value(d.Ci95High);
                }

                kpis[SourcingKpis.Name(kpi)] = entry;
            }

            var mix = new JsonArray();
            foreach (var share in point.Mix)
            {
                // As a JsonNode: the generic Add<T> may build a JsonValue by reflection, which natively compiled sim lacks.
                mix.Add((JsonNode)new JsonObject { ["buyer"] = share.BuyerId, ["supplier"] = share.SupplierId, ["region"] = share.RegionId, ["share"] = share.Share });
            }

            var enrolments = new JsonArray();
            foreach (var enrolment in point.Enrolments)
            {
                enrolments.Add((JsonNode)new JsonObject { ["programme"] = enrolment.ProgrammeId, ["supplier"] = enrolment.SupplierId, ["cost_per_year"] = Value(enrolment.CostPerYear) });
            }

            points.Add((JsonNode)new JsonObject
            {
                ["point"] = point.Index,
                ["label"] = point.Label,
                ["breaks_caps"] = point.BrokenCaps.Count > 0,
                ["worse_than_baseline"] = point.WorseThanBaseline.Count > 0,
                ["flags"] = point.IsFlagged ? PointVerdict.Describe(point) : "",
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
            ["no_safe_recommendation"] = outcome.NoSafeRecommendation,
            ["verdict"] = string.Join(" ", Verdict(outcome).Select(Markup.Remove)),
            ["chosen"] = outcome.Chosen.Label,
            ["scenario"] = outcome.ScenarioName,
            ["objective"] = SourcingKpis.Name(outcome.Settings.Objective),
            ["axis"] = outcome.Axis is { } axis ? SourcingKpis.Name(axis) : null,
            ["scenarios"] = outcome.Scenarios,
            ["replications"] = outcome.Replications,
            ["periods_per_replication"] = outcome.PeriodsPerReplication,
            ["requested_points"] = outcome.RequestedPoints,
            ["refinement_stop"] = outcome.RefinementStop,
            ["calibration"] = outcome.Calibration is { } c ? new JsonObject
            {
                ["absorption_days"] = Value(c.AbsorptionDays),
                ["today_predicted_cvar_uncalibrated"] = Value(c.PredictedCvarBefore),
                ["today_predicted_cvar"] = Value(c.PredictedCvarAfter),
                ["today_simulated_cvar"] = Value(c.SimulatedCvar),
            } : null,
            ["output_folder"] = outcome.OutputDirectory,
            ["refine_rounds"] = outcome.Refinement.Count,
            ["refinement"] = new JsonArray([.. outcome.Refinement.Select(r => (JsonNode)new JsonObject
            {
                ["round"] = r.Round,
                ["predicted_cvar"] = Value(r.Before.GetValueOrDefault(SourcingKpi.Cvar, double.NaN)),
                ["simulated_cvar"] = Value(r.Simulated.Kpis[SourcingKpi.Cvar].Mean),
                ["resolved_cvar"] = Value(r.After.GetValueOrDefault(SourcingKpi.Cvar, double.NaN)),
                ["share_change"] = Value(r.MaxShareChange),
                ["changes"] = r.Changes,
            })]),
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
