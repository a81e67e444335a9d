using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Simulation.Core.Optimization;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// <c>report.html</c> of an <c>optimize</c> folder: one self-contained page (styles inline, charts
/// embedded as base64 PNG, no scripts, no external addresses) rendered from the folder's own files
/// alone (manifest.json, pareto.parquet, mix.parquet, charts/), so <c>sim report DIR</c> can render it
/// again. It leads with the verdict (is there a mix that holds up against today's in simulation?),
/// then the table of every point against today's mix (predicted, simulated with 95% CI, paired
/// difference), the charts (frontier with today's mix, predicted against simulated per point, the
/// mixes), the recommended mix beside today's, and the provenance.
/// </summary>
public static class OptimizeReportPage
{
    /// <summary>The page's name in the folder.</summary>
    public const string FileName = "report.html";

    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.45; }
        h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 2.2rem; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.88rem; }
        th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.baseline td { background: #eef7ee; } tr.flagged td { background: #fdecea; }
        .verdict { padding: 0.8rem 1rem; border-radius: 4px; font-weight: bold; }
        .verdict.bad { background: #fdecea; border: 2px solid #c62828; color: #8e0000; }
        .verdict.good { background: #eef7ee; border: 2px solid #2e7d32; color: #1b5e20; }
        figure { margin: 1.5rem 0; } figure img { width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { color: #444; margin-top: 0.4rem; } code { font-size: 0.86rem; word-break: break-all; }
        """;

    /// <summary>True when <paramref name="folder"/> holds an optimize run (its manifest says kind <c>optimize</c>).</summary>
    public static bool IsOptimizeFolder(string folder)
    {
        string path = Path.Combine(folder, OptimizeFiles.ManifestFile);
        if (!File.Exists(path) || !File.Exists(Path.Combine(folder, "pareto.parquet")))
        {
            return false;
        }

        try
        {
            return (string?)OptimizeFiles.ReadManifest(folder)["kind"] == OptimizeFiles.Kind;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Renders the page of an optimize folder from its files; writes nothing.</summary>
    /// <param name="folder">The folder <c>sim optimize</c> wrote.</param>
    /// <exception cref="ScenarioInputException">A file is missing or unreadable.</exception>
    public static string Render(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        JsonObject manifest;
        try
        {
            manifest = OptimizeFiles.ReadManifest(folder);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            throw new ScenarioInputException($"'{Path.Combine(folder, OptimizeFiles.ManifestFile)}' is missing or not readable: {e.Message}");
        }

        var pareto = ReadTable(Path.Combine(folder, "pareto.parquet"));
        var mix = ReadTable(Path.Combine(folder, OptimizeFiles.MixFile));
        var html = new StringBuilder();
        string scenario = (string?)manifest["scenario"] ?? "";
        string objective = (string?)manifest["objective"] ?? "cost";
        html.Append(Invariant($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(scenario)}: sourcing optimisation</title>
            <style>
            {Style}
            </style>
            </head>
            <body>
            <h1>{E(scenario)}: minimise {E(objective)}</h1>

            """));
        AppendVerdict(html, pareto, manifest);
        AppendPoints(html, pareto, manifest);
        AppendCharts(html, folder);
        AppendMix(html, mix);
        AppendProvenance(html, manifest);
        html.Append("<p><small>Exact values: pareto.parquet, mix.parquet and manifest.json beside this page (docs/optimizer.md).</small></p>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Renders the page and writes it as <c>report.html</c> in the folder.</summary>
    public static void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), Render(folder));

    /// <summary>
    /// What the good verdict does not say: a capped KPI whose simulated mean is above its cap (its CI
    /// reaching below), and an objective whose paired difference from today's mix reaches 0.
    /// </summary>
    private static void AppendCaveats(StringBuilder html, Table pareto, JsonObject manifest, int chosen)
    {
        if (manifest["caps"] is JsonObject caps)
        {
            foreach (var (kpi, value) in caps)
            {
                double cap = value!.GetValue<double>();
                double mean = pareto.Doubles($"simulated_{kpi}_mean")[chosen];
                if (mean > cap)
                {
                    html.Append(Invariant($"<p class=\"caveat\">Its simulated {E(kpi)} {FormatNumber(mean)} is above the cap {FormatNumber(cap)} on average; the 95% CI {LevelInterval(pareto, kpi, chosen)} reaches below it, so it is not flagged (more replications would tell).</p>\n"));
                }
            }
        }

        string objective = (string?)manifest["objective"] ?? "cost";
        if (!(pareto.Doubles($"diff_{objective}_ci95_high")[chosen] < 0))
        {
            html.Append(Invariant($"<p class=\"caveat\">The {E(objective)} difference from today's mix is within the simulation's noise (its 95% CI reaches 0): no mix was found that is surely better than today's.</p>\n"));
        }
    }

    private static void AppendVerdict(StringBuilder html, Table pareto, JsonObject manifest)
    {
        int chosen = Array.IndexOf(pareto.Ints("chosen"), 1);
        bool unsafeChoice = (bool?)manifest["no_safe_recommendation"] ?? false;
        var flagged = Enumerable.Range(0, pareto.Rows).Where(r => pareto.Strings("flags")[r].Length > 0).ToList();
        string label = chosen >= 0 ? pareto.Strings("label")[chosen] : "?";
        if (unsafeChoice)
        {
            html.Append(Invariant($"<p class=\"verdict bad\" id=\"verdict\">NO SAFE RECOMMENDATION: the recommended mix (point {E(label)}) {E(pareto.Strings("flags")[chosen])}. Keep today's mix or loosen the request.</p>\n"));
        }
        else
        {
            html.Append(Invariant($"<p class=\"verdict good\" id=\"verdict\">The recommended mix (point {E(label)}) meets its caps in simulation and is not worse than today's mix on the objective or any capped KPI (paired 95% CIs).</p>\n"));
            AppendCaveats(html, pareto, manifest, chosen);
        }

        if (flagged.Count > 0)
        {
            html.Append("<ul>\n");
            foreach (int r in flagged)
            {
                html.Append(Invariant($"<li>Point {E(pareto.Strings("label")[r])}: {E(pareto.Strings("flags")[r])}</li>\n"));
            }

            html.Append("</ul>\n");
        }

        if (manifest["calibration"]?["note"]?.GetValue<string>() is { Length: > 0 } calibration)
        {
            html.Append(Invariant($"<p id=\"calibration\">{E(calibration)}</p>\n"));
        }

        if ((string?)manifest["notes"] is { Length: > 0 } notes)
        {
            html.Append(Invariant($"<p>{E(notes)}</p>\n"));
        }
    }

    private static void AppendPoints(StringBuilder html, Table pareto, JsonObject manifest)
    {
        html.Append(Invariant($"""
            <h2 id="points">Every point against today's mix</h2>
            <p>Simulated with {manifest["replications"]} replications on common random numbers; the CVaR over {manifest["replications"]} x {manifest["periods_per_replication"]} periods of {manifest["period_days"]} days ({FormatNumber((double?)manifest["cvar_tail_outcomes"] ?? double.NaN)} outcomes in its tail), its CI by the jackknife over replications. Difference = point - today, paired, with its 95% CI. * = mix.yaml.</p>
            <table id="points-table">
            <tr><th>point</th><th>kpi</th><th>predicted</th><th>simulated</th><th>95% CI</th><th>vs today</th><th>95% CI</th></tr>

            """));
        int chosen = Array.IndexOf(pareto.Ints("chosen"), 1);
        for (int r = 0; r < pareto.Rows; r++)
        {
            bool baseline = pareto.Strings("variant")[r] == OptimizedPoint.BaselineName;
            bool flagged = pareto.Strings("flags")[r].Length > 0;
            string css = baseline ? "baseline" : flagged ? "flagged" : "";
            string label = pareto.Strings("label")[r] + (r == chosen ? "*" : "");
            foreach (var kpi in SourcingKpis.All)
            {
                string k = SourcingKpis.Name(kpi);
                bool first = kpi == SourcingKpis.All[0];
                html.Append(Invariant($"<tr class=\"{css}\" data-point=\"{E(pareto.Strings("label")[r])}\"><td>{(first ? E(label) + (baseline ? " (current mix)" : "") : "")}</td><td>{E(k)}</td>"));
                html.Append(Invariant($"<td class=\"num\">{FormatNumber(pareto.Doubles($"predicted_{k}")[r])}</td><td class=\"num\">{FormatNumber(pareto.Doubles($"simulated_{k}_mean")[r])}</td>"));
                html.Append(Invariant($"<td class=\"num\">{LevelInterval(pareto, k, r)}</td>"));
                html.Append(baseline
                    ? "<td class=\"num\">-</td><td class=\"num\">-</td></tr>\n"
                    : Invariant($"<td class=\"num\">{Signed(pareto.Doubles($"diff_{k}_mean")[r])}</td><td class=\"num\">{Interval(pareto.Doubles($"diff_{k}_ci95_low")[r], pareto.Doubles($"diff_{k}_ci95_high")[r])}</td></tr>\n"));
            }
        }

        html.Append("</table>\n");
    }

    private static void AppendCharts(StringBuilder html, string folder)
    {
        (string Name, string Caption)[] charts =
        [
            ("frontier", "Pareto frontier: predicted points and their simulated means with 95% CIs; today's mix as squares (predicted open, simulated filled)."),
            (OptimizerCharts.PredictedSimulatedChart, "Predicted against simulated per point, today's mix first; red = flagged (worse than today or breaks a cap); dashed = the cap."),
            ("mix-suppliers", "Each point's mix by supplier (share of all demand), today's first."),
            ("mix-regions", "Each point's mix by region, today's first."),
        ];
        html.Append("<h2 id=\"charts\">Charts</h2>\n");
        foreach (var (name, caption) in charts)
        {
            string path = Path.Combine(folder, "charts", name + ".png");
            if (!File.Exists(path))
            {
                continue;
            }

            string png = Convert.ToBase64String(File.ReadAllBytes(path));
            html.Append(Invariant($"<figure data-chart=\"{E(name)}\"><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{png}\"><figcaption>{E(caption)} <small>(charts/{E(name)}.png)</small></figcaption></figure>\n"));
        }
    }

    private static void AppendMix(StringBuilder html, Table mix)
    {
        html.Append("<h2 id=\"mix\">The recommended mix beside today's</h2>\n<table id=\"mix-table\">\n<tr><th>buyer</th><th>supplier</th><th>region</th><th>share today</th><th>share recommended</th><th>change</th></tr>\n");
        for (int r = 0; r < mix.Rows; r++)
        {
            double before = mix.Doubles("share_before")[r], after = mix.Doubles("share_after")[r];
            html.Append(Invariant($"<tr><td>{E(mix.Strings("buyer")[r])}</td><td>{E(mix.Strings("supplier")[r])}</td><td>{E(mix.Strings("region")[r])}</td><td class=\"num\">{before:P1}</td><td class=\"num\">{after:P1}</td><td class=\"num\">{(after - before) * 100:+0.0;-0.0;0.0} pt</td></tr>\n"));
        }

        html.Append("</table>\n");
    }

    private static void AppendProvenance(StringBuilder html, JsonObject manifest)
    {
        html.Append("<h2 id=\"provenance\">Provenance</h2>\n<table>\n");
        foreach (var (key, value) in manifest)
        {
            html.Append(Invariant($"<tr><th>{E(key)}</th><td><code>{E(value?.ToJsonString() ?? "null")}</code></td></tr>\n"));
        }

        html.Append("</table>\n");
    }

    /// <summary>
    /// A simulated KPI's 95% CI as shown: clipped to the values the KPI can take (a shortfall is never
    /// below 0), as the console table shows it; pareto.parquet keeps the raw bounds.
    /// </summary>
    private static string LevelInterval(Table pareto, string kpi, int row)
    {
        double low = pareto.Doubles($"simulated_{kpi}_ci95_low")[row], high = pareto.Doubles($"simulated_{kpi}_ci95_high")[row];
        if (SourcingKpis.TryParse(kpi, out var parsed))
        {
            (low, high) = SourcingKpis.Range(parsed).Clip(low, high);
        }

        return Interval(low, high);
    }

    private static string Interval(double low, double high) =>
        double.IsFinite(low) && double.IsFinite(high) ? Invariant($"[{FormatNumber(low)}, {FormatNumber(high)}]") : "-";

    private static string Signed(double value) => double.IsFinite(value) ? PointVerdict.WithSign(value) : "-";

    private static string FormatNumber(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Table ReadTable(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioInputException($"'{path}' does not exist; the optimize folder is incomplete.");
        }

        return Table.Read(path);
    }

    /// <summary>A small Parquet table read whole (pareto.parquet and mix.parquet are a few rows).</summary>
    private sealed class Table
    {
        private readonly Dictionary<string, Array> _columns;

        private Table(Dictionary<string, Array> columns, int rows)
        {
            _columns = columns;
            Rows = rows;
        }

        public int Rows { get; }

        public static Table Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

        public double[] Doubles(string name) => Column<double>(name);

        public int[] Ints(string name) => Column<int>(name);

        public string[] Strings(string name) => _columns.TryGetValue(name, out var values) ? [.. values.Cast<string?>().Select(s => s ?? "")] : new string[Rows];

        private T[] Column<T>(string name) =>
            _columns.TryGetValue(name, out var values) ? [.. values.Cast<object?>().Select(v => v is null ? default! : (T)v)] : new T[Rows];

        /// <summary>One column of a row group, boxed: the page's tables are a few rows, and their columns are int, double, bool or text.</summary>
        private static async Task<Table> ReadAsync(string path)
        {
            await using var table = await Reporting.ParquetTable.OpenAsync(path, CancellationToken.None).ConfigureAwait(false);
            var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
            int rows = 0;
            foreach (string name in table.ColumnNames)
            {
                var type = table.ValueType(name);
                Array values = type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? await table.ReadStringsAsync(name, CancellationToken.None).ConfigureAwait(false)
                    : type == typeof(int) ? await table.ReadAsync<int>(name, CancellationToken.None).ConfigureAwait(false)
                    : type == typeof(double) ? await table.ReadAsync<double>(name, CancellationToken.None).ConfigureAwait(false)
                    : Array.Empty<object>();
                columns[name] = values;
                rows = Math.Max(rows, values.Length);
            }

            return new Table(columns, rows);
        }
    }
}
