namespace Simulation.Core.Network;

/// <summary>
/// Reads the supply graph at build time for the social parts: which suppliers are in a buyer's chain
/// (audit coverage, remediation shares, the law's scope). Depth-first over the links, each node once.
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
