using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// <c>report.html</c> of a <c>sim compare</c> or <c>sim sweep</c> folder: one self-contained page,
/// drawn from the folder's Parquet files, manifest and charts alone (so <c>sim report</c> redraws it).
/// A comparison shows the variants side by side with each paired difference and its 95% CI; a sweep
/// its parameters with readable names, its charts (heatmaps with colour bars, response curves, Sobol
/// bars) and the Sobol indices.
/// </summary>
internal static partial class ExperimentPages
{
    /// <summary>The kind of folder, from its manifest: "run", "compare", "sweep" or "optimize".</summary>
    public static string KindOf(string folder)
    {
        if (File.Exists(Path.Combine(folder, "pareto.parquet")))
        {
            return "optimize";
        }

        string manifest = Path.Combine(folder, Output.Manifest.FileName);
        if (!File.Exists(manifest))
        {
            throw new ScenarioInputException($"'{manifest}' does not exist; is this a folder written by 'sim run', 'sim compare' or 'sim sweep'?");
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            return json.RootElement.TryGetProperty("experiment", out var kind) && kind.GetString() is { } name ? name : "run";
        }
        catch (JsonException e)
        {
            throw new ScenarioInputException($"'{manifest}' is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Writes the comparison page of <paramref name="folder"/>.</summary>
    public static async Task<string> WriteCompareAsync(string folder, CancellationToken cancellationToken)
    {
        var presentation = KpiPresentation.ForFolder(folder);
        var rows = new List<(string Variant, string Kpi, string Unit, int N, double Base, double Mean, double Diff, double Low, double High)>();
        await using (var table = await ParquetTable.OpenAsync(Path.Combine(folder, "compare.parquet"), cancellationToken).ConfigureAwait(false))
        {
            var variants = await table.ReadStringsAsync("variant", cancellationToken).ConfigureAwait(false);
            var kpis = await table.ReadStringsAsync("kpi", cancellationToken).ConfigureAwait(false);
            var units = await table.ReadStringsAsync("unit", cancellationToken).ConfigureAwait(false);
            var n = await table.ReadAsync<int>("n", cancellationToken).ConfigureAwait(false);
            async Task<double[]> D(string c) => await table.ReadAsync<double>(c, cancellationToken).ConfigureAwait(false);
            double[] baseMean = await D("base_mean").ConfigureAwait(false);
            double[] variantMean = await D("variant_mean").ConfigureAwait(false);
            double[] diff = await D("diff_mean").ConfigureAwait(false);
            double[] low = await D("diff_ci95_low").ConfigureAwait(false);
            double[] high = await D("diff_ci95_high").ConfigureAwait(false);
            for (int i = 0; i < kpis.Length; i++)
            {
                rows.Add((variants[i]!, kpis[i]!, units[i]!, n[i], baseMean[i], variantMean[i], diff[i], low[i], high[i]));
            }
        }

        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, Output.Manifest.FileName), cancellationToken).ConfigureAwait(false)).RootElement;
        string scenario = manifest.GetProperty("scenario").GetString() ?? "";
        var variantNames = rows.Select(r => r.Variant).Distinct().ToList();
        var html = new StringBuilder();
        HtmlReport.Begin(html, $"{scenario}: comparison");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(scenario)}: {variantNames.Count} variant(s) against the base</h1>\n<p>{E(Int(manifest, "replications"))} paired replications per variant on common random numbers (seed {E(Int(manifest, "master_seed"))}). Each difference is the variant's mean less the base's, paired replication by replication, with its 95% CI; <b>bold</b> differences have a CI that excludes 0. Parts of the chain the scenario does not model are left out.</p>\n");
        html.Append("<table id=\"comparison\">\n<tr><th>KPI</th><th>base</th>");
        foreach (string v in variantNames)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(v)}</th><th>difference (95% CI)</th>");
        }

        html.Append("</tr>\n");
        // Headline first; KPIs that are 0 in the base and in every variant say nothing and are left out.
        var kpiOrder = presentation.Headline.Concat(rows.Select(r => r.Kpi)).Distinct()
            .Where(k => rows.Any(r => r.Kpi == k) && presentation.Applies(k))
            .Where(k => presentation.Headline.Contains(k) || rows.Any(r => r.Kpi == k && (r.Base != 0 || r.Mean != 0)))
            .ToList();
        foreach (string kpi in kpiOrder)
        {
            var first = rows.First(r => r.Kpi == kpi);
            bool headline = presentation.Headline.Contains(kpi);
            html.Append(CultureInfo.InvariantCulture, $"<tr data-kpi=\"{E(kpi)}\"{(headline ? " class=\"headline-row\"" : "")}><td>{E(presentation.LabelWithUnit(kpi, first.Unit))}<br><small class=\"name\">{E(kpi)}</small></td><td class=\"num\">{E(KpiPresentation.Format(first.Base, first.Unit))}</td>");
            foreach (string v in variantNames)
            {
                var r = rows.FirstOrDefault(x => x.Variant == v && x.Kpi == kpi);
                if (r.Variant is null)
                {
                    html.Append("<td></td><td></td>");
                    continue;
                }

                bool significant = r.Low > 0 || r.High < 0;
                string ci = double.IsFinite(r.Low) ? $" ({Signed(r.Low, r.Unit)} .. {Signed(r.High, r.Unit)})" : "";
                string difference = Signed(r.Diff, r.Unit) + ci;
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{E(KpiPresentation.Format(r.Mean, r.Unit))}</td><td class=\"num\">{(significant ? "<b>" + E(difference) + "</b>" : E(difference))}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        AppendCharts(html, folder, "The paired differences as a percentage of the base mean, with their 95% CIs (KPIs with a zero base mean or no change are left out).");
        End(html, manifest);
        return await WritePageAsync(folder, html, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the sweep page of <paramref name="folder"/>.</summary>
    public static async Task<string> WriteSweepAsync(string folder, CancellationToken cancellationToken)
    {
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, Output.Manifest.FileName), cancellationToken).ConfigureAwait(false)).RootElement;
        string name = manifest.GetProperty("scenario").GetString() ?? "";
        var html = new StringBuilder();
        HtmlReport.Begin(html, $"{name}: sweep");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(name)}: sweep of {E(Int(manifest, "points"))} points</h1>\n<p>{E(Int(manifest, "replications"))} replications per point on common random numbers (seed {E(Int(manifest, "master_seed"))}); every point's KPIs are the mean over its replications. Exact values: points.parquet (per point) and sweep.parquet (per replication).</p>\n");
        await AppendParametersAsync(html, folder, cancellationToken).ConfigureAwait(false);
        string sensitivity = Path.Combine(folder, "sensitivity.parquet");
        if (File.Exists(sensitivity))
        {
            await AppendSensitivityAsync(html, sensitivity, cancellationToken).ConfigureAwait(false);
        }

        AppendCharts(html, folder, null);
        End(html, manifest);
        return await WritePageAsync(folder, html, cancellationToken).ConfigureAwait(false);
    }

    private static async Task AppendParametersAsync(StringBuilder html, string folder, CancellationToken cancellationToken)
    {
        await using var table = await ParquetTable.OpenAsync(Path.Combine(folder, "points.parquet"), cancellationToken).ConfigureAwait(false);
        var parameters = table.ColumnNames.Where(c => c != "point" && !c.Contains("_mean", StringComparison.Ordinal) && !c.EndsWith("_sd", StringComparison.Ordinal) && !c.Contains("_ci95_", StringComparison.Ordinal)).ToList();
        html.Append("<h2>Parameters</h2>\n<table><tr><th>parameter</th><th>values swept</th></tr>\n");
        foreach (string p in parameters)
        {
            var type = table.ValueType(p);
            IEnumerable<string> levels = type == typeof(double)
                ? (await table.ReadAsync<double>(p, cancellationToken).ConfigureAwait(false)).Distinct().Order().Select(NumberText.Compact)
                : type == typeof(long)
                    ? (await table.ReadAsync<long>(p, cancellationToken).ConfigureAwait(false)).Distinct().Order().Select(v => v.ToString(CultureInfo.InvariantCulture))
                    : type == typeof(int)
                        ? (await table.ReadAsync<int>(p, cancellationToken).ConfigureAwait(false)).Distinct().Order().Select(v => v.ToString(CultureInfo.InvariantCulture))
                        : (await table.ReadStringsAsync(p, cancellationToken).ConfigureAwait(false)).Distinct().Select(v => v ?? "");
            string values = string.Join(", ", levels.Take(12));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(KpiPresentation.Label(p))}<br><small class=\"name\">{E(p)}</small></td><td>{E(values)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static async Task AppendSensitivityAsync(StringBuilder html, string path, CancellationToken cancellationToken)
    {
        await using var table = await ParquetTable.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var kpis = await table.ReadStringsAsync("kpi", cancellationToken).ConfigureAwait(false);
        var parameters = await table.ReadStringsAsync("parameter", cancellationToken).ConfigureAwait(false);
        async Task<double[]> D(string c) => await table.ReadAsync<double>(c, cancellationToken).ConfigureAwait(false);
        double[] s1 = await D("first_order").ConfigureAwait(false);
        double[] s1Low = await D("first_order_ci95_low").ConfigureAwait(false);
        double[] s1High = await D("first_order_ci95_high").ConfigureAwait(false);
        double[] st = await D("total").ConfigureAwait(false);
        double[] stLow = await D("total_ci95_low").ConfigureAwait(false);
        double[] stHigh = await D("total_ci95_high").ConfigureAwait(false);
        html.Append("<h2>Sobol indices</h2>\n<p>Share of the variance of each KPI's point means due to a parameter alone (first order S1) and with its interactions (total ST), with 95% bootstrap CIs; with few base samples S1 is noisy and may fall below 0.</p>\n<table id=\"sobol\"><tr><th>KPI / parameter</th><th>S1</th><th>95% CI</th><th>ST</th><th>95% CI</th></tr>\n");
        string? previous = null;
        for (int i = 0; i < kpis.Length; i++)
        {
            if (kpis[i] != previous)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group\"><th colspan=\"5\">{E(KpiPresentation.Label(kpis[i]!))} <small class=\"name\">{E(kpis[i]!)}</small></th></tr>\n");
                previous = kpis[i];
            }

            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(KpiPresentation.Label(parameters[i]!))}</td><td class=\"num\">{Two(s1[i])}</td><td class=\"num\">{Two(s1Low[i])} .. {Two(s1High[i])}</td><td class=\"num\">{Two(st[i])}</td><td class=\"num\">{Two(stLow[i])} .. {Two(stHigh[i])}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>Every chart of charts/ inline (its SVG), in name order, with the chart's own title as its caption.</summary>
    private static void AppendCharts(StringBuilder html, string folder, string? caption)
    {
        string charts = Path.Combine(folder, RunReport.ChartsFolder);
        if (!Directory.Exists(charts))
        {
            return;
        }

        html.Append("<h2 id=\"charts\">Charts</h2>\n");
        foreach (string svg in Directory.GetFiles(charts, "*.svg").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(svg);
            html.Append(CultureInfo.InvariantCulture, $"<figure data-chart=\"{E(name)}\">\n{Inline(File.ReadAllText(svg))}\n<figcaption>{E(caption ?? Describe(name))} <small class=\"name\">(charts/{E(name)}.svg, .png)</small></figcaption>\n</figure>\n");
        }
    }

    private static string Describe(string chart) => chart switch
    {
        _ when chart.StartsWith("heatmap-", StringComparison.Ordinal) => "Mean of the KPI at every grid point; the colour bar on the right maps colour to value, and each cell carries its value.",
        _ when chart.StartsWith("response-", StringComparison.Ordinal) => "Mean of the KPI against the parameter, with its 95% CI (clipped to the KPI's natural range).",
        _ when chart.StartsWith("sensitivity-", StringComparison.Ordinal) => "Sobol indices of the KPI: first order (S1) and total (ST) per parameter, with 95% bootstrap CIs.",
        _ => "",
    };

    /// <summary>
    /// A ScottPlot SVG made ready to inline: no XML declaration, no namespaces (inline SVG needs none),
    /// and a viewBox from its width and height so the page can scale it without leaving a blank margin.
    /// </summary>
    private static string Inline(string svg)
    {
        string text = svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..] : svg;
        text = text.Replace(HtmlReport.SvgNamespace, "", StringComparison.Ordinal)
            .Replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "", StringComparison.Ordinal);
        return SvgSize().Replace(text, m => m.Value.Contains("viewBox", StringComparison.Ordinal)
            ? m.Value
            : m.Value.Replace("<svg", $"<svg viewBox=\"0 0 {m.Groups[1].Value} {m.Groups[2].Value}\"", StringComparison.Ordinal), 1);
    }

    [System.Text.RegularExpressions.GeneratedRegex("""<svg[^>]*\swidth="([0-9.]+)"\s+height="([0-9.]+)"[^>]*>""")]
    private static partial System.Text.RegularExpressions.Regex SvgSize();

    private static void End(StringBuilder html, JsonElement manifest) => html.Append(CultureInfo.InvariantCulture,
        $"<h2>Provenance</h2>\n<p><code>{E(manifest.TryGetProperty("command_line", out var c) ? c.GetString() ?? "" : "")}</code><br><small>Written by sim {E(manifest.TryGetProperty("tool_version", out var v) ? v.GetString() ?? "" : "")}; the files beside this page hold the exact values (docs/experiments.md).</small></p>\n</body>\n</html>\n");

    private static async Task<string> WritePageAsync(string folder, StringBuilder html, CancellationToken cancellationToken)
    {
        string path = Path.Combine(folder, RunReport.ReportFile);
        string temporary = path + ".partial";
        await File.WriteAllTextAsync(temporary, html.ToString(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>A difference with its sign; a difference of fractions in percentage points.</summary>
    private static string Signed(double value, string unit) => (value > 0 ? "+" : "") + (unit == "fraction"
        ? NumberText.Compact(value * 100) + " pp"
        : KpiPresentation.Format(value, unit));

    private static string Two(double value) => double.IsFinite(value) ? Math.Round(value, 2).ToString("0.00", CultureInfo.InvariantCulture).Replace("-0.00", "0.00", StringComparison.Ordinal) : "-";

    private static string Int(JsonElement manifest, string key) => manifest.TryGetProperty(key, out var value) ? value.ToString() : "?";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
