using System.Globalization;
using System.Net;
using System.Text;
using Simulation.Core.Network;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page (styles inline, charts inline as SVG, one small inline
/// script for the network view, no external addresses). It leads with the headline (5-8 KPIs with
/// CI, target and verdict), then the network view, the KPIs of the parts the scenario models with
/// labels for people (snake_case names in small print), every chart with a caption, and provenance.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Our pages load nothing: no network, no files; only their own inline styles, scripts and data images.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

    /// <summary>The SVG namespace attribute, which standalone SVG files need and inline SVG does not.</summary>
    public const string SvgNamespace = " xmlns=\"http://www.w3.org/2000/svg\"";

    /// <summary>Styles every page of ours shares (run, compare, sweep).</summary>
    public const string Style = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 1rem auto; max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.4; }
        h1 { margin: 0.2rem 0 0.6rem; font-size: 1.6rem; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2.2rem; }
        .description { white-space: pre-line; color: #444; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
        th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.group th { background: #eef4fa; text-transform: capitalize; }
        small.name, code { font-size: 0.8rem; color: #666; word-break: break-all; }
        figure { margin: 1.6rem 0; } figure svg { width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { color: #444; margin-top: 0.4rem; }
        nav a { margin-right: 1rem; }
        .warning { background: #fff4d6; border-left: 4px solid #E69F00; padding: 0.5rem 0.8rem; }
        .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(12.5rem, 1fr)); gap: 0.7rem; margin: 0.6rem 0 1rem; }
        .card { border: 1px solid #ccd; border-radius: 6px; padding: 0.6rem 0.8rem; background: #fafbfd; }
        .card .label { font-weight: bold; } .card .value { font-size: 1.6rem; font-variant-numeric: tabular-nums; }
        .card .ci, .card .target { color: #555; font-size: 0.85rem; }
        .verdict { display: inline-block; border-radius: 4px; padding: 0 0.4rem; font-size: 0.85rem; font-weight: bold; }
        .verdict.met { background: #d4f0e2; color: #035b38; } .verdict.at-risk { background: #fdebc8; color: #7a4a00; }
        .verdict.missed { background: #f9d3d0; color: #8a1208; } .verdict.none { background: #eee; color: #555; font-weight: normal; }
        .node-info { background: #f4f6f8; padding: 0.4rem 0.7rem; border-radius: 4px; min-height: 1.4rem; }
        #network-view .node { cursor: pointer; }
        """;

    public static string Render(RunData data, IReadOnlyList<ChartFile> charts, string chartsFolder)
    {
        var m = data.Manifest;
        var html = new StringBuilder();
        Begin(html, $"{m.Scenario}: simulation report");
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>{E(m.Scenario)}</h1>

            """);
        AppendHeadline(html, data);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"description\">{E(m.ScenarioDescription.Trim())}</p>\n");
        string network = NetworkView.Render(data);
        html.Append("<nav>");
        if (network.Length > 0)
        {
            html.Append("<a href=\"#network\">Network</a>");
        }

        html.Append("<a href=\"#kpis\">KPIs</a>");
        if (data.Alerts.Count > 0)
        {
            html.Append("<a href=\"#alerts\">Alerts</a>");
        }

        foreach (string section in charts.Select(c => c.Section).Distinct())
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#{Anchor(section)}\">{E(section)}</a>");
        }

        html.Append("<a href=\"#provenance\">Provenance</a></nav>\n");
        if (m.WarmupDiagnosis?.Warning is { } warning)
        {
            // The one hook of the warm-up check in the page: a warning above everything else.
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"warning\" id=\"warmup-warning\"><strong>Warning:</strong> {E(warning)}</p>\n");
        }

        if (network.Length > 0)
        {
            html.Append("<h2 id=\"network\">Network</h2>\n<p>Tiers as columns, deepest on the left; circle area follows the units a node made (buyers: received) per replication, link width the flow along it (a supplier's units split over its customers by their sourcing shares); colour shows supplier exits after the warm-up.")
                .Append(data.Shape.Aggregated ? " The network is large, so suppliers are grouped by tier and supplier group (else region); the number after a name counts its suppliers." : "")
                .Append(data.Shape.Nodes.Any(n => n.Tier == 0 && n.Members > 1) ? " Buyers and distribution centres, too many to show one by one, are grouped the same way." : "")
                .Append("</p>\n").Append(network);
        }

        AppendKpiTable(html, data);
        AppendAlerts(html, data);
        foreach (var section in charts.GroupBy(c => c.Section))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{Anchor(section.Key)}\">{E(section.Key)}</h2>\n");
            foreach (var chart in section)
            {
                // Inline SVG in HTML needs no namespace; leaving it out keeps the page free of any address.
                string svg = File.ReadAllText(Path.Combine(chartsFolder, chart.Name + ".svg")).Replace(SvgNamespace, "", StringComparison.Ordinal);
                html.Append(CultureInfo.InvariantCulture, $"<figure id=\"chart-{E(chart.Name)}\" data-chart=\"{E(chart.Name)}\">\n{svg}<figcaption>{E(chart.Caption)} <small class=\"name\">({E(chart.Columns)}; charts/{E(chart.Name)}.svg)</small></figcaption>\n</figure>\n");
            }
        }

        AppendProvenance(html, m);
        html.Append(CultureInfo.InvariantCulture, $"<p><small>Written by sim {E(m.ToolVersion)}. Exact values: the Parquet files beside this page (see docs/outputs.md).</small></p>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The start of every page of ours: the security policy that lets nothing load, the shared styles, the title.</summary>
    public static void Begin(StringBuilder html, string title) => html.Append(CultureInfo.InvariantCulture, $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="{ContentSecurityPolicy}">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>

        """);

    /// <summary>The headline KPIs as cards: label, mean, 95% CI, target and verdict.</summary>
    private static void AppendHeadline(StringBuilder html, RunData data)
    {
        var p = data.Presentation;
        html.Append("<section class=\"headline\" id=\"headline\">\n");
        foreach (string kpi in p.Headline)
        {
            if (data.SummaryOf(kpi) is not { } s)
            {
                continue;
            }

            var (low, high) = s.Ci95InRange;
            var verdict = p.VerdictOf(kpi, low, high, s.Mean);
            string ci = double.IsFinite(low) ? $"95% CI {KpiPresentation.Format(low, s.Unit)} .. {KpiPresentation.Format(high, s.Unit)}" : "no spread across replications";
            string unit = s.Unit == "fraction" ? "" : " " + p.Unit(s.Unit);
            html.Append(CultureInfo.InvariantCulture, $"""
                <div class="card" data-kpi="{E(kpi)}" title="{E(kpi)}"><div class="label">{E(KpiPresentation.Label(kpi))}</div><div class="value">{E(KpiPresentation.Format(s.Mean, s.Unit))}<small>{E(unit)}</small></div><div class="ci">{E(ci)}</div><div class="target">{(verdict == Verdict.None ? "" : "target " + E(p.TargetText(kpi, s.Unit)) + " ")}<span class="verdict {VerdictClass(verdict)}">{E(verdict == Verdict.None ? "no target set" : KpiPresentation.Text(verdict))}</span></div></div>

                """);
        }

        html.Append("</section>\n");
    }

    private static string VerdictClass(Verdict verdict) => KpiPresentation.Text(verdict).Replace("no target", "none", StringComparison.Ordinal).Replace(' ', '-');

    private static void AppendProvenance(StringBuilder html, Output.Manifest m)
    {
        html.Append("<h2 id=\"provenance\">Provenance</h2>\n<table>\n");
        void Row(string name, string value) => html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{value}</td></tr>\n");
        Row("Command", $"<code>{E(m.CommandLine)}</code>");
        Row("Tool version", E(m.ToolVersion));
        Row("Scenario hash (SHA-256 of scenario.resolved.yaml)", $"<code>{E(m.ScenarioHash)}</code>");
        Row("Master seed", m.MasterSeed.ToString(CultureInfo.InvariantCulture));
        Row("Replications", string.Create(CultureInfo.InvariantCulture, $"{m.Replications} (seeds in manifest.json)"));
        Row("Horizon", string.Create(CultureInfo.InvariantCulture, $"{m.HorizonDays:0.##} days, of which {m.WarmupDays:0.##} warm-up days are left out of the KPIs")
            + (m.StartDate is { } start ? E(string.Create(CultureInfo.InvariantCulture, $"; day 0 is {start:yyyy-MM-dd}")) : ""));
        Row("Started (UTC)", E(m.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        Row("Simulation wall time", string.Create(CultureInfo.InvariantCulture, $"{m.SimulationSeconds:0.0} s on {m.Threads} thread(s), {m.Events:N0} kernel events"));
        html.Append("</table>\n");
    }

    private static void AppendKpiTable(StringBuilder html, RunData data)
    {
        var p = data.Presentation;
        html.Append("""
            <h2 id="kpis">KPIs</h2>
            <p>Per replication, after the warm-up; mean over replications with its 95% confidence interval (Student t, clipped to the values the KPI can take, e.g. 0 to 100% for a fraction; summary.parquet has the raw bounds), and the range that holds the middle 90% of replications. Parts of the chain the scenario does not model are left out.</p>
            <table>
            <tr><th>KPI</th><th>mean</th><th>95% CI</th><th>p5 .. p95</th><th>n</th></tr>

            """);
        foreach (var group in data.Summary.Where(s => p.Applies(s.Kpi, GroupOf(s))).GroupBy(s => s.Group))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group\"><th colspan=\"5\">{E(group.Key)}</th></tr>\n");
            foreach (var s in group)
            {
                var (low, high) = s.Ci95InRange;
                string ci = double.IsFinite(low) ? $"{KpiPresentation.Format(low, s.Unit)} .. {KpiPresentation.Format(high, s.Unit)}" : "-";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr data-kpi=\"{E(s.Kpi)}\"><td>{E(p.LabelWithUnit(s.Kpi, s.Unit))}<br><small class=\"name\">{E(s.Kpi)}</small></td><td class=\"num\">{E(KpiPresentation.Format(s.Mean, s.Unit))}</td><td class=\"num\">{E(ci)}</td><td class=\"num\">{E(KpiPresentation.Format(s.P5, s.Unit))} .. {E(KpiPresentation.Format(s.P95, s.Unit))}</td><td class=\"num\">{s.N}</td></tr>\n");
            }
        }

        html.Append("</table>\n");
    }

    /// <summary>Per alert: how often it fired, with the 95% Wilson interval, and when it first fired.</summary>
    private static void AppendAlerts(StringBuilder html, RunData data)
    {
        if (data.Alerts.Count == 0)
        {
            return;
        }

        html.Append("""
            <h2 id="alerts">Alerts</h2>
            <p>The share of replications in which each alert of the scenario fired (95% Wilson interval), and the first day it fired over those replications (none for end-of-run alerts). Per replication: kpis.parquet, columns alert_&lt;id&gt;_fired and alert_&lt;id&gt;_first_day.</p>
            <table>
            <tr><th>alert</th><th>fired</th><th>95% CI</th><th>first day: mean</th><th>p5 .. p95</th></tr>

            """);
        foreach (var a in data.Alerts)
        {
            string share = string.Create(CultureInfo.InvariantCulture, $"{a.Fired} of {a.N}");
            string ci = string.Create(CultureInfo.InvariantCulture, $"{100 * a.Ci95Low:0}% .. {100 * a.Ci95High:0}%");
            string mean = a.FirstDay is { } d ? NumberText.Compact(d.Mean) : "-";
            string range = a.FirstDay is { } r ? $"{NumberText.Compact(r.P5)} .. {NumberText.Compact(r.P95)}" : "-";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(a.Id)}</td><td class=\"num\">{E(share)}</td><td class=\"num\">{E(ci)}</td><td class=\"num\">{E(mean)}</td><td class=\"num\">{E(range)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }
    private static KpiGroup? GroupOf(SummaryRow s) => Enum.TryParse<KpiGroup>(s.Group, ignoreCase: true, out var g) ? g : null;

    private static string Anchor(string section) => "section-" + section.ToLowerInvariant().Replace(' ', '-');

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
