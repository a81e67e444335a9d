using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Where a stock with <c>initial: steady_state</c> starts (docs/model.md, "Steady-state start"): on hand
/// and a filled pipeline, from the mean flow through it and its policy, so a run begins as any later
/// day of it rather than with empty pipelines.
/// </summary>
/// <remarks>
/// <code>
///   d      mean units per day the stock issues: for a buyer the sum of its streams' mean order size /
///          mean interarrival time; upstream, the sum over its customers' stocks of their d x share
///          (x quantity per unit for a supplier's inputs, whose d is the supplier's own throughput)
///   L      mean lead time of its sources: share-weighted mean of the links' lead-time means x the
///          source's region multiplier (0 for a supplier's own finished goods, which it makes)
///   mean position P (on hand + on order):
///     base_stock (R, S)       S - d R / 2          (the position falls from S by d R between reviews)
///     min_max (s, S)          (s + S) / 2
///     rq (r, Q)               r + Q / 2            (uniform on (r, r + Q])
///     fixed_quantity (Q, R)   Q / R x L + Q / 2    (its own flow Q / R fills the pipeline)
///   pipeline  = flow x L (Little's law: units in transit = throughput x time in transit); flow = d, or Q / R
///   on hand   = min(capacity, max(0, P - pipeline))
///   shipments = the pipeline in n = max(1, ceil(L / cycle)) equal parts arriving at (k - 1/2) L / n,
///               k = 1..n, each split over the sources by share; cycle = R, (S - s) / d or Q / d
/// </code>
/// The mean flows are computed once per definition, customers before suppliers (the supply graph has
/// no cycles). The start is the mean state, not a draw from the stationary distribution: with random
/// demand and lead times the run still has a short transient, which MSER-5 measures.
/// </remarks>
internal static class SteadyStateStart
{
    /// <summary>The start of every stock marked <see cref="StockDefinition.InitialSteadyState"/>, keyed by (node index, input index or -1 for finished goods).</summary>
    public static Dictionary<(int Node, int Input), StockStart> Compute(NetworkDefinition definition)
    {
        var nodes = definition.Nodes;
        var index = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            index[nodes[i].Id] = i;
        }

        var multipliers = definition.Regions.ToDictionary(r => r.Id, r => r.LeadTimeMultiplier, StringComparer.Ordinal);
        var bom = definition.Products.ToDictionary(p => p.Id, p => p.Inputs, StringComparer.Ordinal);
        double[] flow = Flows(definition, index, bom);

        var starts = new Dictionary<(int, int), StockStart>();
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Stock.InitialSteadyState)
            {
                bool made = node.Role == NodeRole.Supplier;
                starts[(i, -1)] = Start(node.Stock, flow[i], made ? 0 : LeadTime(node.Stock, nodes, index, multipliers));
            }

            for (int k = 0; k < node.Inputs.Count; k++)
            {
                var input = node.Inputs[k];
                if (input.InitialSteadyState)
                {
                    double perUnit = bom[node.ProductId].FirstOrDefault(l => l.ProductId == input.ProductId)?.QuantityPerUnit ?? 1;
                    starts[(i, k)] = Start(input, flow[i] * perUnit, LeadTime(input, nodes, index, multipliers));
                }
            }
        }

        return starts;
    }

    /// <summary>The start of one stock issuing <paramref name="demandPerDay"/> with sources <paramref name="leadTimeDays"/> away.</summary>
    internal static StockStart Start(StockDefinition stock, double demandPerDay, double leadTimeDays)
    {
        var p = stock.Policy;
        double d = Math.Max(0, demandPerDay);
        double flow = p.Kind == InventoryPolicyKind.FixedQuantity ? p.OrderQuantity / p.ReviewPeriodDays : d;
        double pipeline = flow * leadTimeDays;
        (double position, double cycle) = p.Kind switch
        {
            InventoryPolicyKind.BaseStock => (p.OrderUpTo - (d * p.ReviewPeriodDays / 2), p.ReviewPeriodDays),
            InventoryPolicyKind.MinMax => ((p.ReorderPoint + p.OrderUpTo) / 2, Math.Max(p.ReviewPeriodDays, d > 0 ? (p.OrderUpTo - p.ReorderPoint) / d : 0)),
            InventoryPolicyKind.ReorderPointQuantity => (p.ReorderPoint + (p.OrderQuantity / 2), d > 0 ? p.OrderQuantity / d : 0),
            InventoryPolicyKind.FixedQuantity => (pipeline + (p.OrderQuantity / 2), p.ReviewPeriodDays),
            _ => (0.0, 0.0),
        };

        double onHand = Math.Min(stock.Capacity, Math.Max(0, position - pipeline));
        int parts = pipeline > 0 ? Math.Max(1, cycle > 0 ? (int)Math.Ceiling(leadTimeDays / cycle) : 1) : 0;
        return new StockStart(onHand, pipeline, leadTimeDays, parts);
    }

    /// <summary>Mean units per day each node's finished goods issue, customers first.</summary>
    private static double[] Flows(NetworkDefinition definition, Dictionary<string, int> index, Dictionary<string, IReadOnlyList<BomLine>> bom)
    {
        var nodes = definition.Nodes;
        var customers = new int[nodes.Count]; // stocks still to add their flow to this node
        foreach (var node in nodes)
        {
            foreach (var stock in Stocks(node))
            {
                foreach (var source in stock.Sources)
                {
                    customers[index[source.SupplierId]]++;
                }
            }
        }

        var flow = new double[nodes.Count];
        var ready = new Queue<int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (var stream in nodes[i].DemandStreams.Count > 0 ? nodes[i].DemandStreams : nodes[i].Demand is { } one ? [one] : [])
            {
                flow[i] += Math.Max(0, stream.Quantity.Mean) / stream.InterarrivalDays.Mean;
            }

            if (customers[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        while (ready.Count > 0)
        {
            int i = ready.Dequeue();
            var node = nodes[i];
            var lines = bom.GetValueOrDefault(node.ProductId) ?? [];
            foreach (var stock in Stocks(node))
            {
                double issued = ReferenceEquals(stock, node.Stock)
                    ? flow[i]
                    : flow[i] * (lines.FirstOrDefault(l => l.ProductId == stock.ProductId)?.QuantityPerUnit ?? 1);
                double shares = stock.Sources.Sum(s => s.Share);
                foreach (var source in stock.Sources)
                {
                    int s = index[source.SupplierId];
                    flow[s] += shares > 0 ? issued * source.Share / shares : 0;
                    if (--customers[s] == 0)
                    {
                        ready.Enqueue(s);
                    }
                }
            }
        }

        return flow;
    }

    private static IEnumerable<StockDefinition> Stocks(NodeDefinition node) => [node.Stock, .. node.Inputs];

    private static double LeadTime(StockDefinition stock, IReadOnlyList<NodeDefinition> nodes, Dictionary<string, int> index, Dictionary<string, double> multipliers)
    {
        double shares = 0;
        double weighted = 0;
        foreach (var source in stock.Sources)
        {
            var supplier = nodes[index[source.SupplierId]];
            double mean = Math.Max(0, (source.LeadTimeDays ?? supplier.LeadTimeDays).Mean) * multipliers.GetValueOrDefault(supplier.RegionId, 1);
            weighted += source.Share * mean;
            shares += source.Share;
        }

        return shares > 0 ? weighted / shares : 0;
    }
}

/// <summary>A stock's steady-state start: units on hand, units in the pipeline, the pipeline's mean lead time and the number of equal shipments it is split into.</summary>
/// <param name="OnHand">Units on hand at day 0.</param>
/// <param name="Pipeline">Units in transit to it at day 0.</param>
/// <param name="LeadTimeDays">The mean lead time the pipeline spans.</param>
/// <param name="Shipments">Equal parts of the pipeline, arriving at (k - 1/2) x lead time / shipments for k = 1..shipments.</param>
internal sealed record StockStart(double OnHand, double Pipeline, double LeadTimeDays, int Shipments)
{
    /// <summary>The arrival time of part <paramref name="k"/> (1-based).</summary>
    public double ArrivalDay(int k) => (k - 0.5) * LeadTimeDays / Shipments;
}
