using Simulation.Core.Network.Definitions;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Reading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Building;

/// <summary>
/// Resolves the references of a <see cref="ScenarioSpec"/> and checks the network as a whole: unique
/// ids, regions and products that exist, inputs that match bills of materials, group links expanded
/// into one link per member, sources that supply the right product at the right tier, shares that sum
/// to 1, and no cycles. Builds the <see cref="NetworkDefinition"/> only when no error was found.
/// </summary>
/// <remarks>
/// Everything here is linear in nodes plus links: links are checked as they are expanded, ids are
/// looked up in dictionaries, and the cycle search visits each link once. A reference node shared by
/// many generated suppliers (a group's <c>sources</c>) is reported once.
/// </remarks>
internal sealed partial class NetworkBuilder
{
    private const double ShareTolerance = 1e-6;
    private const int MaxCyclesReported = 10;

    private readonly ScenarioSpec _spec;
    private readonly Diagnostics _errors;
    private readonly Dictionary<string, Located<RegionDefinition>> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductSpec> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nodeIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupSpec> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<SNode> _reported = new(ReferenceEqualityComparer.Instance);
    private readonly GroupPicker _picker;

    // Link checks (product, tier) are reported once per reference node and kind: a group link would
    // otherwise build one message per expanded link, all at the same place.
    private readonly HashSet<(SNode Node, bool Tier)> _reportedLinks = [];

    // Expansions of an anchored source list shared by many stocks (layered-2000: 1,115 retailers, one
    // 285-source list), by list, product and the customer's tier: what else a link's checks read.
    private readonly Dictionary<(IReadOnlyList<SourceSpec> Sources, string ProductId, int CustomerTier), SharedExpansion> _expansions = [];

    private NetworkBuilder(ScenarioSpec spec, Diagnostics errors)
    {
        _spec = spec;
        _errors = errors;
        _picker = new GroupPicker(spec.Seed);
    }

    public static NetworkDefinition? Build(ScenarioSpec spec, Diagnostics errors) => new NetworkBuilder(spec, errors).Build();

    private List<NodeSpec> Nodes => _spec.Nodes;

    /// <summary>Whether <paramref name="id"/> names no supplier and that is to be reported: a node of
    /// another role is, an undefined id is unless <see cref="MayBeUnreadSupplier"/>.</summary>
    private bool IsUnknownSupplier(string id) =>
        _nodeIndex.TryGetValue(id, out int index) ? Nodes[index].Definition.Role != NodeRole.Supplier : !MayBeUnreadSupplier(id);

    /// <summary>
    /// Whether an undefined supplier id may be one of the suppliers an import that failed held
    /// (<see cref="ScenarioSpec.SomeSuppliersUnread"/>): such a reference is not reported, only the
    /// import's own errors. A group's name never is (writing it for a supplier is its own mistake).
    /// </summary>
    private bool MayBeUnreadSupplier(string id) => _spec.SomeSuppliersUnread && !_groups.ContainsKey(id);

    private NetworkDefinition? Build()
    {
        IndexRegions();
        IndexProducts();
        CheckBillsOfMaterials();
        IndexNodesAndGroups();
        CheckNodes();
        List<DisruptionDefinition> disruptions = CheckDisruptions();
        CheckSocialReferences();

        if (!_spec.Expanded)
        {
            return null;
        }

        long links = CountLinks();
        if (links > ScenarioFormat.MaxLinks)
        {
            _errors.TooManyLinks(_spec.Root, links, ScenarioFormat.MaxLinks);
            return null;
        }

        NodeDefinition[] nodes = BuildLinks((int)links, out int[] edgeStart, out int[] edgeTarget, out SNode[] edgeNode, out SourceSpec[] edgeSource);
        CheckCycles(edgeStart, edgeTarget, edgeNode, edgeSource);

        if (_errors.Count > 0)
        {
            return null;
        }

        return new NetworkDefinition
        {
            Name = _spec.Name,
            Description = _spec.Description,
            HorizonDays = _spec.HorizonDays,
            WarmupDays = _spec.WarmupDays,
            StartDate = _spec.StartDate,
            Replications = _spec.Replications,
            Seed = _spec.Seed,
            Economics = _spec.Economics,
            Regions = [.. _spec.Regions.Select(r => r.Value)],
            Products = [.. _spec.Products.Select(p => p.Definition)],
            Nodes = nodes,
            Disruptions = disruptions,
            Social = _spec.Social?.Definition,
            Alerts = _spec.Alerts,
        };
    }

    private void IndexRegions()
    {
        foreach (Located<RegionDefinition> region in _spec.Regions)
        {
            if (!_regions.TryAdd(region.Value.Id, region))
            {
                _errors.DuplicateId(region.Node, FieldPath.Child(region.Path, "id"), region.Value.Id, _regions[region.Value.Id].Node);
            }
        }
    }

    private void IndexProducts()
    {
        foreach (ProductSpec product in _spec.Products)
        {
            if (!_products.TryAdd(product.Definition.Id, product))
            {
                _errors.DuplicateId(product.IdNode, FieldPath.Child(product.Path, "id"), product.Definition.Id, _products[product.Definition.Id].IdNode);
            }
        }
    }

    private void CheckBillsOfMaterials()
    {
        foreach (ProductSpec product in _spec.Products)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (Located<string> input in product.Inputs)
            {
                if (!_products.ContainsKey(input.Value))
                {
                    _errors.UnknownReference(input.Node, input.Path, "product", input.Value, _products.Keys);
                }
                else if (!seen.Add(input.Value))
                {
                    _errors.DuplicateInput(input.Node, input.Path, input.Value);
                }
            }
        }

        // A product that needs itself, directly or through its inputs, could never be made.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (ProductSpec product in _spec.Products)
        {
            FindBomCycle(product, state, []);
        }
    }

    private void FindBomCycle(ProductSpec product, Dictionary<string, int> state, List<string> stack)
    {
        string id = product.Definition.Id;
        if (state.GetValueOrDefault(id) != 0)
        {
            return;
        }

        state[id] = 1;
        stack.Add(id);
        foreach (Located<string> input in product.Inputs)
        {
            if (!_products.TryGetValue(input.Value, out ProductSpec? next))
            {
                continue;
            }

            int nextState = state.GetValueOrDefault(input.Value);
            if (nextState == 1)
            {
                int start = stack.IndexOf(input.Value);
                _errors.Cycle(input.Node, input.Path, "bill of materials", [.. stack.Skip(start), input.Value]);
            }
            else if (nextState == 0)
            {
                FindBomCycle(next, state, stack);
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[id] = 2;
    }

    private void IndexNodesAndGroups()
    {
        for (int i = 0; i < Nodes.Count; i++)
        {
            NodeSpec node = Nodes[i];
            if (!_nodeIndex.TryAdd(node.Definition.Id, i))
            {
                _errors.DuplicateId(node.IdNode, FieldPath.Child(node.Path, "id"), node.Definition.Id, Nodes[_nodeIndex[node.Definition.Id]].IdNode);
            }
        }

        foreach (GroupSpec group in _spec.Groups)
        {
            if (_nodeIndex.TryGetValue(group.Id, out int clash))
            {
                _errors.DuplicateId(group.Node, group.Path, group.Id, Nodes[clash].IdNode);
            }
            else if (!_groups.TryAdd(group.Id, group))
            {
                _errors.DuplicateId(group.Node, group.Path, group.Id, _groups[group.Id].Node);
            }
        }
    }

    private void CheckNodes()
    {
        foreach (NodeSpec node in Nodes)
        {
            NodeDefinition definition = node.Definition;
            // An empty reference means the key is missing or unreadable, which is already reported.
            if (definition.RegionId.Length > 0 && !_regions.ContainsKey(definition.RegionId) && _reported.Add(node.RegionNode))
            {
                _errors.UnknownReference(node.RegionNode, FieldPath.Child(node.Path, "region"), "region", definition.RegionId, _regions.Keys);
            }

            if (!_products.TryGetValue(definition.ProductId, out ProductSpec? product))
            {
                if (definition.ProductId.Length > 0 && _reported.Add(node.ProductNode))
                {
                    _errors.UnknownReference(node.ProductNode, FieldPath.Child(node.Path, "product"), "product", definition.ProductId, _products.Keys);
                }

                continue;
            }

            if (definition.Role == NodeRole.Supplier)
            {
                CheckInputs(node, product);
            }
        }
    }

    /// <summary>A supplier holds exactly one input stock per line of its product's bill of materials.</summary>
    private void CheckInputs(NodeSpec node, ProductSpec product)
    {
        var bom = new HashSet<string>(product.Definition.Inputs.Select(l => l.ProductId), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (StockSpec input in node.Inputs)
        {
            string inputProduct = input.Definition.ProductId;
            if (inputProduct.Length == 0)
            {
                continue;
            }

            if (!bom.Contains(inputProduct))
            {
                _errors.UnexpectedInput(input.ProductNode, FieldPath.Child(input.Path, "product"), inputProduct, product.Definition.Id);
            }
            else if (!seen.Add(inputProduct))
            {
                _errors.DuplicateInput(input.ProductNode, FieldPath.Child(input.Path, "product"), inputProduct);
            }
        }

        foreach (BomLine line in product.Definition.Inputs)
        {
            if (!seen.Contains(line.ProductId))
            {
                _errors.MissingInput(node.InputsNode, node.InputsPath, node.Definition.Id, line.ProductId, product.Definition.Id);
            }
        }
    }

    private List<DisruptionDefinition> CheckDisruptions()
    {
        var ids = new Dictionary<string, SNode>(StringComparer.Ordinal);
        var result = new List<DisruptionDefinition>(_spec.Disruptions.Count);
        foreach (DisruptionSpec disruption in _spec.Disruptions)
        {
            DisruptionDefinition definition = disruption.Definition;
            if (!ids.TryAdd(definition.Id, disruption.IdNode))
            {
                _errors.DuplicateId(disruption.IdNode, FieldPath.Child(disruption.Path, "id"), definition.Id, ids[definition.Id]);
            }

            if (definition.Scope == DisruptionScope.Region && !_regions.ContainsKey(definition.TargetId))
            {
                _errors.UnknownReference(disruption.TargetNode, FieldPath.Child(disruption.Path, "region"), "region", definition.TargetId, _regions.Keys);
            }
            else if (definition.Scope == DisruptionScope.Supplier &&
                     IsUnknownSupplier(definition.TargetId) &&
                     _reported.Add(disruption.TargetNode))
            {
                _errors.UnknownReference(
                    disruption.TargetNode,
                    FieldPath.Child(disruption.Path, "supplier"),
                    "supplier",
                    definition.TargetId,
                    Nodes.Where(n => n.Definition.Role == NodeRole.Supplier).Select(n => n.Definition.Id));
            }

            result.Add(definition);
        }

        return result;
    }

    private long CountLinks()
    {
        long count = 0;
        foreach (NodeSpec node in Nodes)
        {
            count += CountLinks(node.Stock);
            foreach (StockSpec input in node.Inputs)
            {
                count += CountLinks(input);
            }
        }

        return count;
    }

    private long CountLinks(StockSpec stock)
    {
        long count = 0;
        foreach (SourceSpec source in stock.Sources)
        {
            count += source.GroupId is not null && _groups.TryGetValue(source.GroupId, out GroupSpec? group)
                ? (source.UnpickedAsBackup ? group.Members.Count : Math.Min(source.Pick ?? group.Members.Count, group.Members.Count))
                : 1;
        }

        return count;
    }

    /// <summary>
    /// Expands and checks every stock's sources, and records the links as a compact graph (for each
    /// node, the range of <paramref name="edgeTarget"/> holding its suppliers) for the cycle search.
    /// </summary>
    private NodeDefinition[] BuildLinks(int linkCount, out int[] edgeStart, out int[] edgeTarget, out SNode[] edgeNode, out SourceSpec[] edgeSource)
    {
        var nodes = new NodeDefinition[Nodes.Count];
        edgeStart = new int[Nodes.Count + 1];
        edgeTarget = new int[linkCount];
        edgeNode = new SNode[linkCount];
        edgeSource = new SourceSpec[linkCount];
        var seen = new HashSet<int>();
        int edges = 0;
        for (int i = 0; i < Nodes.Count; i++)
        {
            NodeSpec node = Nodes[i];
            edgeStart[i] = edges;
            bool isSupplier = node.Definition.Role == NodeRole.Supplier;
            StockDefinition stock = node.Stock.Definition;
            if (!isSupplier)
            {
                stock = stock with
                {
                    Sources = Expand(i, node.Stock, seen, edgeTarget, edgeNode, edgeSource, ref edges),
                    Resourcing = stock.Resourcing ?? _spec.Resourcing,
                };
            }

            var inputs = new StockDefinition[node.Inputs.Count];
            for (int k = 0; k < inputs.Length; k++)
            {
                inputs[k] = node.Inputs[k].Definition with
                {
                    Sources = Expand(i, node.Inputs[k], seen, edgeTarget, edgeNode, edgeSource, ref edges),
                    Resourcing = node.Inputs[k].Definition.Resourcing ?? _spec.Resourcing,
                };
            }

            nodes[i] = node.Definition with { Tier = isSupplier ? node.Definition.Tier : 0, Stock = stock, Inputs = inputs };
        }

        edgeStart[Nodes.Count] = edges;
        return nodes;
    }

    private SourceLink[] Expand(int customer, StockSpec stock, HashSet<int> seen, int[] edgeTarget, SNode[] edgeNode, SourceSpec[] edgeSource, ref int edges)
    {
        // An anchored list (read once for all its places) without picks expands alike for every customer
        // of one product and tier, except that a customer must not be among its own suppliers: the
        // links (immutable) are then shared, and only the customer's edges for the cycle search are
        // written. An expansion that reported anything is not kept, so every error is found as before.
        NodeDefinition customerNode = Nodes[customer].Definition;
        var key = (stock.Sources, stock.Definition.ProductId, customerNode.Role == NodeRole.Supplier ? customerNode.Tier : 0);
        bool shareable = stock.SourcesNode is SSeq { Anchor: not null } && stock.Sources.All(source => source.Pick is null);
        if (shareable && _expansions.TryGetValue(key, out SharedExpansion? shared) && Array.IndexOf(shared.Suppliers, customer) < 0)
        {
            shared.Suppliers.CopyTo(edgeTarget, edges);
            shared.Nodes.CopyTo(edgeNode, edges);
            shared.Sources.CopyTo(edgeSource, edges);
            edges += shared.Suppliers.Length;
            return shared.Links;
        }

        int errorsBefore = _errors.Count;
        int firstEdge = edges;
        SourceLink[] expanded = ExpandAll(customer, stock, seen, edgeTarget, edgeNode, edgeSource, ref edges);
        if (shareable && _errors.Count == errorsBefore)
        {
            _expansions[key] = new SharedExpansion(expanded, edgeTarget[firstEdge..edges], edgeNode[firstEdge..edges], edgeSource[firstEdge..edges]);
        }

        return expanded;
    }

    private SourceLink[] ExpandAll(int customer, StockSpec stock, HashSet<int> seen, int[] edgeTarget, SNode[] edgeNode, SourceSpec[] edgeSource, ref int edges)
    {
        seen.Clear();
        var links = new List<SourceLink>(stock.Sources.Count);
        double sum = 0;
        foreach (SourceSpec source in stock.Sources)
        {
            sum += source.Template.Share;
            if (source.SupplierId is { } supplierId)
            {
                if (!_nodeIndex.TryGetValue(supplierId, out int supplier))
                {
                    if (!MayBeUnreadSupplier(supplierId) && _reported.Add(source.ReferenceNode))
                    {
                        _errors.UnknownReference(
                            source.ReferenceNode,
                            LinkPath(source),
                            "supplier",
                            supplierId,
                            _groups.ContainsKey(supplierId) ? [] : _nodeIndex.Keys);
                        if (_groups.ContainsKey(supplierId))
                        {
                            _errors.Inconsistent(source.ReferenceNode, FieldPath.Child(source.Path, "group"), "'" + supplierId + "' is a group: write {group: " + supplierId + ", share: ...}");
                        }
                    }

                    continue;
                }

                AddLink(customer, supplier, stock, source, source.Template.Share, seen, links, edgeTarget, edgeNode, edgeSource, ref edges);
            }
            else
            {
                string groupId = source.GroupId!;
                if (!_groups.TryGetValue(groupId, out GroupSpec? group))
                {
                    if (_reported.Add(source.ReferenceNode))
                    {
                        _errors.UnknownReference(source.ReferenceNode, FieldPath.Child(source.Path, "group"), "group", groupId, _groups.Keys);
                    }

                    continue;
                }

                if (group.Members.Count == 0)
                {
                    if (group.Complete && _reported.Add(source.ReferenceNode))
                    {
                        _errors.EmptyGroup(source.ReferenceNode, FieldPath.Child(source.Path, "group"), groupId);
                    }

                    continue;
                }

                if (source.Pick is not int pick)
                {
                    double share = source.Template.Share / group.Members.Count;
                    foreach (NodeSpec member in group.Members)
                    {
                        AddLink(customer, _nodeIndex[member.Definition.Id], stock, source, share, seen, links, edgeTarget, edgeNode, edgeSource, ref edges);
                    }

                    continue;
                }

                // A pick below 1 is already reported by the reader.
                if (pick < 1)
                {
                    continue;
                }

                if (pick > group.Members.Count)
                {
                    if (_reported.Add(source.PickNode))
                    {
                        _errors.OutOfRange(
                            source.PickNode,
                            FieldPath.Child(source.Path, "pick"),
                            InvariantText.Format($"at most the size of group '{groupId}' ({group.Members.Count})"),
                            pick);
                    }

                    continue;
                }

                double pickedShare = source.Template.Share / pick;
                var picked = _picker.Pick(Nodes[customer].Definition.Id, group, pick);
                foreach (int member in picked)
                {
                    AddLink(customer, _nodeIndex[group.Members[member].Definition.Id], stock, source, pickedShare, seen, links, edgeTarget, edgeNode, edgeSource, ref edges);
                }

                if (source.UnpickedAsBackup)
                {
                    // The rest of the group, in member order, as candidates re-sourcing may onboard.
                    var backupSource = new SourceSpec
                    {
                        SupplierId = source.SupplierId,
                        GroupId = source.GroupId,
                        ReferenceNode = source.ReferenceNode,
                        Path = source.Path,
                        PickNode = source.PickNode,
                        Template = source.Template with { Share = 0, Backup = true },
                    };
                    for (int member = 0; member < group.Members.Count; member++)
                    {
                        if (Array.IndexOf(picked, member) < 0)
                        {
                            AddLink(customer, _nodeIndex[group.Members[member].Definition.Id], stock, backupSource, 0, seen, links, edgeTarget, edgeNode, edgeSource, ref edges);
                        }
                    }
                }
            }
        }

        // An absent sources key is already reported as missing; an empty list sums to 0.
        if (Math.Abs(sum - 1) > ShareTolerance && stock.SourcesNode is SSeq && stock.SharesComplete && _reported.Add(stock.SourcesNode))
        {
            _errors.SharesDoNotSumToOne(stock.SourcesNode, stock.SourcesPath, sum);
        }

        return [.. links];
    }

    private void AddLink(
        int customer,
        int supplier,
        StockSpec stock,
        SourceSpec source,
        double share,
        HashSet<int> seen,
        List<SourceLink> links,
        int[] edgeTarget,
        SNode[] edgeNode,
        SourceSpec[] edgeSource,
        ref int edges)
    {
        NodeDefinition customerNode = Nodes[customer].Definition;
        NodeDefinition supplierNode = Nodes[supplier].Definition;
        SNode at = source.ReferenceNode;
        if (supplierNode.Role == NodeRole.Buyer)
        {
            _errors.NotASupplier(at, LinkPath(source), supplierNode.Id, "buyer");
            return;
        }

        if (supplier == customer)
        {
            _errors.SuppliesItself(at, LinkPath(source), supplierNode.Id);
            return;
        }

        if (!seen.Add(supplier))
        {
            _errors.DuplicateSource(at, LinkPath(source), supplierNode.Id);
            return;
        }

        if (!string.Equals(supplierNode.ProductId, stock.Definition.ProductId, StringComparison.Ordinal) &&
            _products.ContainsKey(supplierNode.ProductId) &&
            _products.ContainsKey(stock.Definition.ProductId) &&
            _reportedLinks.Add((at, false)))
        {
            _errors.WrongProduct(at, LinkPath(source), supplierNode.Id, supplierNode.ProductId, stock.Definition.ProductId);
        }

        int customerTier = customerNode.Role == NodeRole.Supplier ? customerNode.Tier : 0;
        if (supplierNode.Role == NodeRole.Supplier && supplierNode.Tier != customerTier + 1 && _reportedLinks.Add((at, true)))
        {
            _errors.TierMismatch(at, FieldPath.Child(source.Path, "tier"), supplierNode.Id, supplierNode.Tier, customerNode.Id, customerTier);
        }

        links.Add(source.Template with { SupplierId = supplierNode.Id, Share = share });
        edgeTarget[edges] = supplier;
        edgeNode[edges] = at;
        edgeSource[edges] = source;
        edges++;
    }

    /// <summary>A source list's links as expanded once, with the edges they add to the supply graph.</summary>
    private sealed record SharedExpansion(SourceLink[] Links, int[] Suppliers, SNode[] Nodes, SourceSpec[] Sources);

    /// <summary>
    /// The field path of a link's supplier or group key, built only for an error: a layered network has
    /// hundreds of thousands of links and almost never an error among them.
    /// </summary>
    private static string LinkPath(SourceSpec source) =>
        FieldPath.Child(source.Path, source.SupplierId is null ? "group" : "supplier");

    /// <summary>
    /// Depth-first search over the supply graph (customer -> supplier), iterative so that long chains
    /// cannot overflow the stack; a link back to a node on the current path closes a cycle.
    /// </summary>
    private void CheckCycles(int[] edgeStart, int[] edgeTarget, SNode[] edgeNode, SourceSpec[] edgeSource)
    {
        int count = Nodes.Count;
        var state = new byte[count];
        var next = new int[count];
        var path = new List<int>();
        int reported = 0;
        for (int root = 0; root < count && reported < MaxCyclesReported; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            next[root] = edgeStart[root];
            path.Add(root);
            while (path.Count > 0)
            {
                int node = path[^1];
                if (next[node] == edgeStart[node + 1])
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                int edge = next[node]++;
                int target = edgeTarget[edge];
                if (state[target] == 0)
                {
                    state[target] = 1;
                    next[target] = edgeStart[target];
                    path.Add(target);
                }
                else if (state[target] == 1 && reported < MaxCyclesReported)
                {
                    int start = path.LastIndexOf(target);
                    IEnumerable<string> cycle = path.Skip(start).Append(target).Select(n => Nodes[n].Definition.Id);
                    _errors.Cycle(edgeNode[edge], LinkPath(edgeSource[edge]), "supply graph", cycle);
                    reported++;
                }
            }
        }
    }
}
