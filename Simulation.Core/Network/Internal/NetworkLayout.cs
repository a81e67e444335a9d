using System.Runtime.CompilerServices;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// A definition resolved into the arrays a replication runs on: nodes, their stocks and the links
/// between them (ids become indices once, in time linear in nodes + links). The links depend on the
/// definition only: the first replication of a definition resolves them and shares them, read-only,
/// with the later ones (a dense network has hundreds of thousands, each a dictionary lookup).
/// </summary>
internal sealed class NetworkLayout
{
    private static readonly ulong SourcingKey = StableHash.Of("sourcing");
    private static readonly ConditionalWeakTable<NetworkDefinition, Link[]> ResolvedLinks = [];

    private readonly NetworkDefinition _definition;
    private readonly Dictionary<string, int> _nodeIndex;
    private readonly Node[] _nodes;
    private StreamFactory _streams = null!;
    private StockClock _stockClock = null!;
    private Link[] _links = [];
    private bool _linksResolved;
    private int _linksBuilt;

    /// <summary>Builds the nodes of <paramref name="definition"/> (their stocks come with <see cref="BuildStocks"/>).</summary>
    /// <exception cref="ArgumentException">A node names an undefined region, or an id is used twice.</exception>
    public NetworkLayout(NetworkDefinition definition)
    {
        _definition = definition;
        var regionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < definition.Regions.Count; i++)
        {
            regionIndex[definition.Regions[i].Id] = i;
        }

        int count = definition.Nodes.Count;
        _nodes = new Node[count];
        _nodeIndex = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            var node = definition.Nodes[i];
            if (!regionIndex.TryGetValue(node.RegionId, out int region))
            {
                throw NetworkModel.Invalid($"Node '{node.Id}' is in region '{node.RegionId}', which is not defined.");
            }

            if (!_nodeIndex.TryAdd(node.Id, i))
            {
                throw NetworkModel.Invalid($"Node id '{node.Id}' is used twice.");
            }

            _nodes[i] = new Node(i, node, region);
        }
    }

    /// <summary>Every node, in definition order.</summary>
    public Node[] Nodes => _nodes;

    /// <summary>Node ids to indices.</summary>
    public Dictionary<string, int> NodeIndex => _nodeIndex;

    /// <summary>Every link, stock by stock in definition order (after <see cref="BuildStocks"/>).</summary>
    public Link[] Links => _links;

    /// <summary>
    /// Builds every node's finished goods and input stocks and resolves their links; a stock sourcing
    /// one source per order gets its "sourcing" stream from <paramref name="streams"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A stock names an undefined product or supplier, or its policy is incomplete.</exception>
    public Stock[] BuildStocks(StreamFactory streams, StockClock stockClock)
    {
        _streams = streams;
        _stockClock = stockClock;
        var products = new Dictionary<string, ProductDefinition>(StringComparer.Ordinal);
        foreach (var product in _definition.Products)
        {
            products[product.Id] = product;
        }

        // Count first: a dense network has hundreds of thousands of links, so size the arrays once.
        int linkCount = 0;
        int stockCount = 0;
        foreach (var node in _definition.Nodes)
        {
            linkCount += node.Stock.Sources.Count;
            stockCount += 1 + node.Inputs.Count;
            foreach (var input in node.Inputs)
            {
                linkCount += input.Sources.Count;
            }
        }

        _linksResolved = ResolvedLinks.TryGetValue(_definition, out var resolved) && resolved.Length == linkCount;
        _links = _linksResolved ? resolved! : new Link[linkCount];
        var stocks = new List<Stock>(stockCount);
        foreach (var n in _nodes)
        {
            BuildNodeStocks(n, products, stocks);
        }

        if (!_linksResolved)
        {
            ResolvedLinks.TryAdd(_definition, _links);
        }

        return [.. stocks];
    }

    private void BuildNodeStocks(Node n, Dictionary<string, ProductDefinition> products, List<Stock> stocks)
    {
        var definition = n.Definition;
        if (!products.TryGetValue(definition.ProductId, out var product))
        {
            throw NetworkModel.Invalid($"Node '{definition.Id}' holds product '{definition.ProductId}', which is not defined.");
        }

        n.Fg = new Stock(stocks.Count, n, definition.Stock, isFinishedGoods: true, quantityPerUnit: 1, _stockClock);
        stocks.Add(n.Fg);
        if (!n.IsProducer)
        {
            AddLinks(n.Fg, definition.Stock);
        }

        if (n.IsProducer && definition.Inputs.Count > 0)
        {
            n.Inputs = new Stock[definition.Inputs.Count];
            for (int k = 0; k < n.Inputs.Length; k++)
            {
                var input = definition.Inputs[k];
                double perUnit = 1;
                foreach (var line in product.Inputs)
                {
                    if (string.Equals(line.ProductId, input.ProductId, StringComparison.Ordinal))
                    {
                        perUnit = line.QuantityPerUnit;
                        break;
                    }
                }

                if (!(perUnit > 0))
                {
                    throw NetworkModel.Invalid($"Node '{definition.Id}': the bill of materials of '{product.Id}' needs input '{input.ProductId}' per unit > 0, got {perUnit}.");
                }

                n.Inputs[k] = new Stock(stocks.Count, n, input, isFinishedGoods: false, quantityPerUnit: perUnit, _stockClock);
                stocks.Add(n.Inputs[k]);
                AddLinks(n.Inputs[k], input);
            }
        }
    }

    private void AddLinks(Stock stock, StockDefinition definition)
    {
        stock.FirstLink = _linksBuilt;
        if (_linksResolved)
        {
            // Resolved by an earlier replication of this definition, in this same order.
            _linksBuilt += definition.Sources.Count;
        }
        else
        {
            ResolveLinks(stock, definition);
        }

        stock.LinkCount = _linksBuilt - stock.FirstLink;
        if (stock.OnePerOrder)
        {
            // Keyed by owner and product, so adding a node elsewhere never moves this stock's draws.
            stock.SourcingStream = _streams.Create(StableHash.Of(stock.Owner.Id + "/" + definition.ProductId), SourcingKey);
        }

        if (stock.Kind == InventoryPolicyKind.FixedQuantity && !(stock.ReviewPeriodDays > 0))
        {
            throw NetworkModel.Invalid($"Node '{stock.Owner.Id}': a fixed-quantity policy on '{definition.ProductId}' needs ReviewPeriodDays > 0.");
        }
    }

    private void ResolveLinks(Stock stock, StockDefinition definition)
    {
        foreach (var source in definition.Sources)
        {
            if (!_nodeIndex.TryGetValue(source.SupplierId, out int supplier))
            {
                throw NetworkModel.Invalid($"Node '{stock.Owner.Id}' sources '{definition.ProductId}' from '{source.SupplierId}', which is not defined.");
            }

            var from = _nodes[supplier];
            if (from.IsBuyer)
            {
                throw NetworkModel.Invalid($"Node '{stock.Owner.Id}' sources from buyer '{source.SupplierId}'; only suppliers and distribution centres ship.");
            }

            _links[_linksBuilt++] = new Link(
                supplier,
                stock.Index,
                source.Share,
                source.LeadTimeDays ?? from.Definition.LeadTimeDays,
                source.TransportCostPerOrder,
                source.TransportCostPerUnit,
                source.TransportCo2eKgPerUnit);
        }
    }
}
