using System.Globalization;
using System.Net;
using System.Text;
using Simulation.Scenarios.Experiments.Charts;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// The report's network view: one column per tier (deepest tier on the left, buyers on the right),
/// a circle per node (or per group of suppliers in a tier when the network is large) sized by the
/// units it made, links as curves as wide as the flow they carry, nodes coloured by the share of
/// their suppliers that left the chain. Hover shows a node's numbers (SVG title), a click pins them
/// in the panel under the view (a few lines of inline script; no network access).
/// </summary>
internal static class NetworkView
{
    private const double ColumnWidth = 230;
    private const double RowHeight = 40;
    private const double Margin = 70;

    /// <summary>The view as inline SVG plus its info panel and script; empty when the run folder has no network shape.</summary>
    public static string Render(RunData data)
    {
        var nodes = data.Shape.Nodes;
        if (nodes.Count == 0)
        {
            return "";
        }

        int deepest = nodes.Max(n => n.Tier);
        var columns = nodes.GroupBy(n => n.Tier).ToDictionary(g => g.Key, g => g.ToList());
        int tallest = columns.Values.Max(c => c.Count);
        double width = (Margin * 2) + (deepest * ColumnWidth) + 140;
        double height = Math.Max(220, (tallest * RowHeight) + (Margin * 1.6));
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var (tier, column) in columns)
        {
            double x = Margin + ((deepest - tier) * ColumnWidth);
            double top = ((height - (column.Count * RowHeight)) / 2) + (RowHeight / 2) + 10;
            for (int i = 0; i < column.Count; i++)
            {
                position[column[i].Id] = (x, top + (i * RowHeight));
            }
        }

        // A supplier's units are split over its customers in proportion to their sourcing shares.
        var shareOut = data.Shape.Links.GroupBy(l => l.From).ToDictionary(g => g.Key, g => g.Sum(l => l.Share), StringComparer.Ordinal);
        double Flow(ViewLink l) => Units(data, l.From) * l.Share / Math.Max(shareOut[l.From], 1e-12);
        var inflow = data.Shape.Links.GroupBy(l => l.To).ToDictionary(g => g.Key, g => g.Sum(Flow), StringComparer.Ordinal);
        double Volume(ViewNode n) => n.Tier == 0 ? inflow.GetValueOrDefault(n.Id) : Units(data, n.Id);
        double maxVolume = Math.Max(nodes.Max(Volume), 1e-12);
        double maxFlow = Math.Max(data.Shape.Links.Select(Flow).DefaultIfEmpty(0).Max(), 1e-12);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"network-view\" viewBox=\"0 0 {width:0} {height:0}\" width=\"100%\" font-family=\"{E(ChartFiles.SansFont)}\" role=\"img\" aria-label=\"Network view\">\n");
        foreach (var (tier, _) in columns.OrderBy(c => c.Key))
        {
            string name = tier == 0 ? "buyers" : $"tier {tier}";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + ((deepest - tier) * ColumnWidth):0.#}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{name}</text>\n");
        }

        foreach (var link in data.Shape.Links.Where(l => position.ContainsKey(l.From) && position.ContainsKey(l.To)))
        {
            var (x0, y0) = position[link.From];
            var (x1, y1) = position[link.To];
            double flow = Flow(link);
            double w = 0.8 + (11 * flow / maxFlow);
            double mid = (x0 + x1) / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"link\" d=\"M{x0:0.#},{y0:0.#}C{mid:0.#},{y0:0.#} {mid:0.#},{y1:0.#} {x1:0.#},{y1:0.#}\" stroke=\"#0072B2\" stroke-opacity=\"0.35\" stroke-width=\"{w:0.##}\" fill=\"none\"><title>{E(link.From)} → {E(link.To)}: {E(NumberText.Compact(flow))} units per replication</title></path>\n");
        }

        foreach (var node in nodes)
        {
            var (x, y) = position[node.Id];
            var stats = data.Nodes.GetValueOrDefault(node.Id);
            double exitShare = stats is null ? 0 : stats.Exits / node.Members;
            double r = 5 + (13 * Math.Sqrt(Volume(node) / maxVolume));
            string info = Info(data, node, stats, Volume(node));
            string members = node.Members > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({node.Members})") : "";
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node\" data-id=\"{E(node.Id)}\" data-info=\"{E(info)}\" tabindex=\"0\"><circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{r:0.#}\" fill=\"{Colour(exitShare)}\" stroke=\"#333\" stroke-width=\"1\"/><text x=\"{x + r + 4:0.#}\" y=\"{y + 4:0.#}\" font-size=\"12\">{E(node.Label + members)}</text><title>{E(info)}</title></g>\n");
        }

        double ly = height - 18;
        svg.Append(CultureInfo.InvariantCulture, $"<g font-size=\"12\"><circle cx=\"{Margin:0}\" cy=\"{ly - 4:0}\" r=\"6\" fill=\"{Colour(0)}\"/><text x=\"{Margin + 10:0}\" y=\"{ly:0}\">no exits</text><circle cx=\"{Margin + 90:0}\" cy=\"{ly - 4:0}\" r=\"6\" fill=\"{Colour(0.25)}\"/><text x=\"{Margin + 100:0}\" y=\"{ly:0}\">some replications</text><circle cx=\"{Margin + 230:0}\" cy=\"{ly - 4:0}\" r=\"6\" fill=\"{Colour(1)}\"/><text x=\"{Margin + 240:0}\" y=\"{ly:0}\">exits in every replication</text></g>\n");
        svg.Append("</svg>\n");
        return svg + """
            <p id="node-info" class="node-info">Hover over a node for its numbers; click to keep them here.</p>
            <script>
            document.querySelectorAll('#network-view .node').forEach(function (g) {
              g.addEventListener('click', function () {
                document.getElementById('node-info').textContent = g.getAttribute('data-info');
                document.querySelectorAll('#network-view .node circle').forEach(function (c) { c.setAttribute('stroke-width', '1'); });
                g.querySelector('circle').setAttribute('stroke-width', '3');
              });
            });
            </script>

            """;
    }

    private static double Units(RunData data, string id) => data.Nodes.GetValueOrDefault(id)?.UnitsProduced ?? 0;

    private static string Info(RunData data, ViewNode node, NodeStats? stats, double volume)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{node.Label}: {(node.Tier == 0 ? "buyer or distribution centre" : $"tier {node.Tier}")}, region {node.Region}");
        if (node.Members > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $", {node.Members} suppliers");
        }

        text.Append(CultureInfo.InvariantCulture, $". Units {(node.Tier == 0 ? "received" : "made")} per replication: {NumberText.Compact(volume)}");
        if (stats is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"; exits per replication: {NumberText.Compact(stats.Exits)}; liquidity-stress days: {NumberText.Compact(stats.StressDays)}");
            if (data.Presentation.Applies("worker_exposure_days"))
            {
                text.Append(CultureInfo.InvariantCulture, $"; worker exposure: {NumberText.Compact(stats.WorkerExposureDays)} worker-days");
            }
        }

        return text.Append('.').ToString();
    }

    /// <summary>Blue-green for no exits through orange to red for exits in every replication.</summary>
    private static string Colour(double exitShare) => exitShare switch
    {
        <= 0 => "#8fd1b8",
        < 0.5 => "#E69F00",
        < 1 => "#D55E00",
        _ => "#a3001b",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
