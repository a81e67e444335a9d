using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Loading;

namespace Simulation.Scenarios.Reading;

// What the reader hands the builder: the definitions as far as one mapping can tell, plus where each
// came from, so that cross-references (regions, products, suppliers, groups) can be resolved and
// reported at the right place.

/// <summary>Everything read from a scenario, before references are resolved.</summary>
internal sealed class ScenarioSpec
{
    public required SMap Root { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public required double HorizonDays { get; init; }

    public required double WarmupDays { get; init; }

    public required DateOnly? StartDate { get; init; }

    public required int Replications { get; init; }

    public required ulong Seed { get; init; }

    public required EconomicsDefinition Economics { get; init; }

    /// <summary>The top-level <c>resourcing</c>: the rule of every sourcing stock that sets none; null when absent.</summary>
    public ResourcingDefinition? Resourcing { get; init; }

    public List<Located<RegionDefinition>> Regions { get; } = [];

    public List<ProductSpec> Products { get; } = [];

    /// <summary>Every node: buyers, distribution centres, suppliers, group members, imported rows, in that order.</summary>
    public List<NodeSpec> Nodes { get; } = [];

    /// <summary>Supplier groups and import groups, by name, with their members.</summary>
    public List<GroupSpec> Groups { get; } = [];

    /// <summary>
    /// An import could not be read (its file, table or column mapping had errors, reported already), so
    /// its suppliers are missing, and a reference to an undefined supplier may name one of them: such
    /// references are not reported as well, only the import's own errors. (A source naming the
    /// import's group is spared by <see cref="GroupSpec.Complete"/>.)
    /// </summary>
    public bool SomeSuppliersUnread { get; set; }

    public List<DisruptionSpec> Disruptions { get; } = [];

    /// <summary>The social section, or null when the scenario has none.</summary>
    public SocialSpec? Social { get; set; }

    /// <summary>The alerts, in file order.</summary>
    public List<AlertDefinition> Alerts { get; } = [];

    /// <summary>Regions and suppliers named by alert filters (resolved by the builder).</summary>
    public List<SocialReference> AlertReferences { get; } = [];

    /// <summary>The report section (headline, targets, currency), defaults when absent.</summary>
    public Reporting.ReportSettings Report { get; set; } = Reporting.ReportSettings.Default;

    /// <summary>False when the node cap was exceeded, so groups and imports were not expanded.</summary>
    public bool Expanded { get; set; } = true;
}

/// <summary>A value and the node and path it was read from.</summary>
internal sealed record Located<T>(T Value, SNode Node, string Path);

internal sealed class ProductSpec
{
    public required ProductDefinition Definition { get; init; }

    public required SNode Node { get; init; }

    public required SNode IdNode { get; init; }

    public required string Path { get; init; }

    /// <summary>The BOM lines' product references.</summary>
    public required IReadOnlyList<Located<string>> Inputs { get; init; }
}

internal sealed class NodeSpec
{
    /// <summary>The node without sources (they are resolved by the builder).</summary>
    public required NodeDefinition Definition { get; init; }

    public required SNode Node { get; init; }

    public required SNode IdNode { get; init; }

    public required string Path { get; init; }

    public required SNode RegionNode { get; init; }

    public required SNode ProductNode { get; init; }

    public required StockSpec Stock { get; init; }

    public required IReadOnlyList<StockSpec> Inputs { get; init; }

    /// <summary>Where the inputs list is (or the node, when it has none), for missing-input errors.</summary>
    public required SNode InputsNode { get; init; }

    public required string InputsPath { get; init; }
}

internal sealed class StockSpec
{
    public required StockDefinition Definition { get; init; }

    public required SNode Node { get; init; }

    public required SNode ProductNode { get; init; }

    public required string Path { get; init; }

    public required IReadOnlyList<SourceSpec> Sources { get; init; }

    /// <summary>The sources list, for errors about the list as a whole (shares that do not sum to 1).</summary>
    public required SNode SourcesNode { get; init; }

    public required string SourcesPath { get; init; }

    /// <summary>False when a source could not be read (or has no share): its sum is then not checked, as that error is already reported.</summary>
    public required bool SharesComplete { get; init; }
}

internal sealed class SourceSpec
{
    /// <summary>The supplier named, or null when a group is.</summary>
    public string? SupplierId { get; init; }

    /// <summary>The group named, or null when a supplier is.</summary>
    public string? GroupId { get; init; }

    /// <summary>The <c>supplier</c> or <c>group</c> value.</summary>
    public required SNode ReferenceNode { get; init; }

    public required string Path { get; init; }

    /// <summary>How many members of the group to link to; null for all of them.</summary>
    public int? Pick { get; init; }

    /// <summary>With <see cref="Pick"/>: the members not picked become backup links.</summary>
    public bool UnpickedAsBackup { get; init; }

    /// <summary>The <c>pick</c> value (or the source mapping when there is none), for range errors.</summary>
    public required SNode PickNode { get; init; }

    /// <summary>Share, lead time and costs; the supplier id is filled in per expanded link.</summary>
    public required SourceLink Template { get; init; }
}

internal sealed class GroupSpec
{
    public required string Id { get; init; }

    public required SNode Node { get; init; }

    public required string Path { get; init; }

    public List<NodeSpec> Members { get; } = [];

    /// <summary>False when some members could not be read (an import with errors): an empty group is then not reported again.</summary>
    public bool Complete { get; init; } = true;
}

internal sealed class DisruptionSpec
{
    public required DisruptionDefinition Definition { get; init; }

    public required SNode Node { get; init; }

    public required SNode IdNode { get; init; }

    public required SNode TargetNode { get; init; }

    public required string Path { get; init; }
}
