using System.Text.Json;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Json;

namespace Simulation.Scenarios.Reporting;

/// <summary>A lever of the scenario with a window in time: a programme, a policy or a financing offer.</summary>
/// <param name="Label">What the chart marker says, e.g. "audits: amfori-bsci".</param>
/// <param name="StartDay">The day it starts.</param>
/// <param name="EndDay">The day it ends; null when it runs to the horizon.</param>
internal sealed record Lever(string Label, double StartDay, double? EndDay);

/// <summary>A node of the network view: one node, or one group of suppliers in a tier when the network is large.</summary>
/// <param name="Id">Node id, or <c>tier/group</c> for an aggregate.</param>
/// <param name="Label">What the view prints.</param>
/// <param name="Tier">0 for buyers and distribution centres.</param>
/// <param name="Members">Nodes it stands for (1 for a single node).</param>
/// <param name="Region">Region id (of the first member for an aggregate).</param>
internal sealed record ViewNode(string Id, string Label, int Tier, int Members, string Region);

/// <summary>A supply link of the network view: <paramref name="From"/> supplies <paramref name="To"/> with a sourcing share.</summary>
internal sealed record ViewLink(string From, string To, double Share);

/// <summary>
/// What the report needs from the scenario beyond the Parquet files, written by <c>sim run</c> as
/// <c>presentation.json</c>: the <c>report</c> section, which parts the scenario models, the levers
/// with their windows, and the network's shape (aggregated by tier and group, else region, above
/// <see cref="MaxViewNodes"/> nodes; buyers too when they alone are more than that). A run folder
/// without it (older runs) gets the full table.
/// </summary>
internal sealed record RunPresentation
{
    /// <summary>The file's name in a run folder.</summary>
    public const string FileName = "presentation.json";

    /// <summary>Above this many nodes the network view shows groups instead of nodes.</summary>
    public const int MaxViewNodes = 60;

    public ReportSettings Report { get; init; } = ReportSettings.Default;

    /// <summary>True when the scenario has a <c>social</c> section (violations, audits, grievances, programmes).</summary>
    public bool ModelsSocial { get; init; } = true;

    /// <summary>True when a region offers credit or the scenario has financing offers (financing cost is then meaningful).</summary>
    public bool ModelsFinancing { get; init; } = true;

    public IReadOnlyList<Lever> Levers { get; init; } = [];

    public IReadOnlyList<ViewNode> Nodes { get; init; } = [];

    public IReadOnlyList<ViewLink> Links { get; init; } = [];

    /// <summary>True when <see cref="Nodes"/> holds suppliers grouped by <see cref="AggregateKey"/>, not one by one.</summary>
    public bool Aggregated { get; init; }

    /// <summary>The presentation of a run folder written before presentation.json existed: everything shown.</summary>
    public static RunPresentation Unknown { get; } = new();

    public static RunPresentation From(NetworkDefinition definition, ReportSettings report)
    {
        var social = definition.Social;
        var (nodes, links, aggregated) = Network(definition);
        return new RunPresentation
        {
            Report = report,
            ModelsSocial = definition.Models(ModelPart.Social),
            ModelsFinancing = definition.Models(ModelPart.Financing),
            Levers = [.. (social is null ? [] : LeversOf(social)), .. RegionLevers(definition.Regions)],
            Nodes = nodes,
            Links = links,
            Aggregated = aggregated,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, RunFilesJson.Default.RunPresentation);

    /// <summary>Reads presentation.json of a run folder; <see cref="Unknown"/> when the folder has none.</summary>
    /// <exception cref="ScenarioInputException">The file exists but is not a presentation.</exception>
    public static RunPresentation Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return Unknown;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), RunFilesJson.Default.RunPresentation) ?? Unknown;
        }
        catch (JsonException e)
        {
            throw new ScenarioInputException($"'{path}' is not a valid presentation file: {e.Message}");
        }
    }

    /// <summary>Each scheduled change of a region's labour inspections or inspection detection, as a lever starting that day.</summary>
    private static IEnumerable<Lever> RegionLevers(IReadOnlyList<RegionDefinition> regions) =>
        regions.SelectMany(r =>
            r.LabourInspectionsChanges.Select(c => new Lever(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"inspections {r.Id}: {c.Value:0.###}/yr"), c.Day, null))
                .Concat(r.InspectionDetectionChanges.Select(c => new Lever(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"inspection detection {r.Id}: {c.Value:0.###}"), c.Day, null))));

    private static IReadOnlyList<Lever> LeversOf(SocialDefinition social)
    {
        static double? End(double day) => double.IsFinite(day) ? day : null;
        var levers = new List<Lever>();
        levers.AddRange(social.AuditProgrammes.Select(a => new Lever("audits: " + a.Id, a.StartDay, End(a.EndDay))));
        levers.AddRange(social.CapacityBuilding.Select(c => new Lever("capacity building: " + c.Id, c.StartDay, End(c.EndDay))));
        levers.AddRange(social.SupplyChainFinance.Select(f => new Lever("supply-chain finance: " + f.Id, f.StartDay, End(f.EndDay))));
        levers.AddRange(social.DirectLending.Select(l => new Lever("direct lending: " + l.Id, l.StartDay, null)));
        levers.AddRange(social.Certifications.Where(c => c.AdoptionDay > 0).Select(c => new Lever("certification: " + c.Id, c.AdoptionDay, null)));
        if (social.DueDiligence is { } law)
        {
            levers.Add(new Lever(law.Markets.Count > 0 ? "due-diligence law (" + string.Join(", ", law.Markets) + ")" : "due-diligence law", law.StartDay, End(law.EndDay)));
        }

        if (social.ImportBan is { } ban)
        {
            levers.Add(new Lever(ban.Markets.Count > 0 ? "import ban (" + string.Join(", ", ban.Markets) + ")" : "import ban", ban.StartDay, End(ban.EndDay)));
        }

        // A lever on from day 0 to the horizon has no moment to mark.
        return [.. levers.Where(l => l.StartDay > 0 || l.EndDay is not null)];
    }

    /// <summary>The view node a supplier belongs to in an aggregated view: its tier and its group, else its region.</summary>
    public static string AggregateKey(int tier, string? group, string region) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tier {tier}: {group ?? region}");

    private static (IReadOnlyList<ViewNode>, IReadOnlyList<ViewLink>, bool) Network(NetworkDefinition definition)
    {
        bool aggregate = definition.Nodes.Count > MaxViewNodes;

        // Buyers stay one by one unless they alone crowd the view: layered-2000's 1,115 retailers
        // each drew their 285 sourcing links, 318,000 curves in a 63 MB report.
        bool groupBuyers = aggregate && definition.Nodes.Count(n => n.Role != NodeRole.Supplier) > MaxViewNodes;
        var nodeOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, ViewNode>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            bool single = !aggregate || (node.Role != NodeRole.Supplier && !groupBuyers);
            string key = single ? node.Id : AggregateKey(node.Tier, node.Group, node.RegionId);
            nodeOf[node.Id] = key;
            nodes[key] = nodes.TryGetValue(key, out var existing)
                ? existing with { Members = existing.Members + 1 }
                : new ViewNode(key, single ? node.Id : node.Group ?? node.RegionId, node.Tier, 1, node.RegionId);
        }

        var shares = new Dictionary<(string From, string To), double>();
        foreach (var node in definition.Nodes)
        {
            foreach (var source in node.Inputs.Prepend(node.Stock).SelectMany(s => s.Sources))
            {
                // A group supplying itself (distributors and retailers in one buyer group) has no curve to draw.
                if (nodeOf.TryGetValue(source.SupplierId, out string? from) && from != nodeOf[node.Id])
                {
                    var link = (from, nodeOf[node.Id]);
                    shares[link] = shares.GetValueOrDefault(link) + source.Share;
                }
            }
        }

        return ([.. nodes.Values.OrderBy(n => n.Tier)], [.. shares.Select(s => new ViewLink(s.Key.From, s.Key.To, s.Value))], aggregate);
    }
}
