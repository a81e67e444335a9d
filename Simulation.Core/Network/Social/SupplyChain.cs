namespace Simulation.Core.Network;

/// <summary>
/// Reads the supply graph at build time for the social parts: which suppliers are in a buyer's chain
/// (audit coverage, remediation shares, the law's scope) and which buyer-side nodes are in given markets. Depth-first over the links, each node once.
/// </summary>
internal static class SupplyChain
{
    /// <summary>Marks in <paramref name="covered"/> every node upstream of <paramref name="from"/> (its chain).</summary>
    public static void MarkUpstream(Node from, bool[] covered, Node[] nodes, Link[] links)
    {
        var pending = new Stack<Node>();
        pending.Push(from);
        while (pending.Count > 0)
        {
            var n = pending.Pop();
            MarkSources(n.Fg, covered, pending, nodes, links);
            foreach (var input in n.Inputs)
            {
                MarkSources(input, covered, pending, nodes, links);
            }
        }
    }

    /// <summary>
    /// Per node: whether it is on the buyer side in one of <paramref name="markets"/> (every buyer-side
    /// node when none are named). A distribution centre that names no market is in the markets of the
    /// buyer-side nodes it supplies.
    /// </summary>
    public static bool[] InMarkets(IReadOnlyList<string> markets, Node[] nodes, Link[] links)
    {
        var inMarkets = new bool[nodes.Length];
        foreach (var n in nodes)
        {
            inMarkets[n.Index] = n.IsBuyerSide && (markets.Count == 0 || n.Definition.Markets.Any(m => markets.Contains(m, StringComparer.Ordinal)));
        }

        // Distribution centres without markets take their customers'; repeat for chains of centres.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var customer in nodes)
            {
                if (!customer.IsBuyerSide || !inMarkets[customer.Index])
                {
                    continue;
                }

                int end = customer.Fg.FirstLink + customer.Fg.LinkCount;
                for (int i = customer.Fg.FirstLink; i < end; i++)
                {
                    var source = nodes[links[i].Supplier];
                    if (source.IsBuyerSide && source.Definition.Markets.Count == 0 && !inMarkets[source.Index])
                    {
                        inMarkets[source.Index] = true;
                        changed = true;
                    }
                }
            }
        }

        return inMarkets;
    }

    private static void MarkSources(Stock stock, bool[] covered, Stack<Node> pending, Node[] nodes, Link[] links)
    {
        int end = stock.FirstLink + stock.LinkCount;
        for (int i = stock.FirstLink; i < end; i++)
        {
            var supplier = nodes[links[i].Supplier];
            if (!covered[supplier.Index])
            {
                covered[supplier.Index] = true;
                pending.Push(supplier);
            }
        }
    }
}
