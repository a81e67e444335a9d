using System.Globalization;
using System.Net;
using System.Text;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page (styles inline, charts embedded as base64 PNG, no
/// scripts, no external addresses) with the scenario, the run's provenance, the KPI table with 95%
/// confidence intervals and every chart with a caption. Opens from disk in any browser.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2.5rem; }
        .description { white-space: pre-line; color: #444; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
        th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.group th { background: #eef4fa; text-transform: capitalize; }
        code { font-size: 0.88rem; word-break: break-all; }
        figure { margin: 2rem 0; } figure img { width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { color: #444; margin-top: 0.4rem; }
        nav a { margin-right: 1rem; }
        """;

    public static string Render(RunData data, IReadOnlyList<ChartFile> charts, string chartsFolder)
    {
        var m = data.Manifest;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(m.Scenario)}: simulation report</title>
            <style>
            {Style}
            </style>
            </head>
            <body>
            <h1>{E(m.Scenario)}</h1>
            <p class="description">{E(m.ScenarioDescription.Trim())}</p>
            <nav><a href="#provenance">Provenance</a><a href="#kpis">KPIs</a>
            """);
        foreach (string section in charts.Select(c => c.Section).Distinct())
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#{Anchor(section)}\">{E(section)}</a>");
        }

        if (data.Alerts.Count > 0)
        {
            html.Append("<a href=\"#alerts\">Alerts</a>");
        }

        html.Append("</nav>\n");
        AppendProvenance(html, m);
        AppendKpiTable(html, data);
        AppendAlerts(html, data);
        foreach (var section in charts.GroupBy(c => c.Section))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{Anchor(section.Key)}\">{E(section.Key)}</h2>\n");
            foreach (var chart in section)
            {
                string png = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(chartsFolder, chart.Name + ".png")));
                html.Append(CultureInfo.InvariantCulture, $"""
                    <figure id="chart-{E(chart.Name)}" data-chart="{E(chart.Name)}">
                    <img alt="{E(chart.Title)}" src="data:image/png;base64,{png}">
                    <figcaption>{E(chart.Caption)} <small>(charts/{E(chart.Name)}.png, .svg)</small></figcaption>
                    </figure>

                    """);
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><small>Written by sim {E(m.ToolVersion)}. Exact values: the Parquet files beside this page (see docs/outputs.md).</small></p>\n</body>\n</html>\n");
        return html.ToString();
    }

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
        html.Append("""
            <h2 id="kpis">KPIs</h2>
            <p>Per replication, after the warm-up; mean over replications with its 95% confidence interval (Student t, clipped to the values the KPI can take, e.g. 0 to 1 for a fraction; summary.parquet has the raw bounds), and the range that holds the middle 90% of replications.</p>
            <table>
            <tr><th>KPI</th><th>mean</th><th>95% CI</th><th>p5 .. p95</th><th>unit</th><th>n</th></tr>

            """);
        foreach (var group in data.Summary.GroupBy(s => s.Group))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group\"><th colspan=\"6\">{E(group.Key)}</th></tr>\n");
            foreach (var s in group)
            {
                var (low, high) = s.Ci95InRange;
                string ci = double.IsFinite(low) ? $"{SummaryCharts.Compact(low)} .. {SummaryCharts.Compact(high)}" : "-";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(s.Kpi)}</td><td class=\"num\">{E(SummaryCharts.Compact(s.Mean))}</td><td class=\"num\">{E(ci)}</td><td class=\"num\">{E(SummaryCharts.Compact(s.P5))} .. {E(SummaryCharts.Compact(s.P95))}</td><td>{E(s.Unit)}</td><td class=\"num\">{s.N}</td></tr>\n");
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
            string mean = a.FirstDay is { } d ? SummaryCharts.Compact(d.Mean) : "-";
            string range = a.FirstDay is { } r ? $"{SummaryCharts.Compact(r.P5)} .. {SummaryCharts.Compact(r.P95)}" : "-";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(a.Id)}</td><td class=\"num\">{E(share)}</td><td class=\"num\">{E(ci)}</td><td class=\"num\">{E(mean)}</td><td class=\"num\">{E(range)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Anchor(string section) => "section-" + section.ToLowerInvariant().Replace(' ', '-');

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
