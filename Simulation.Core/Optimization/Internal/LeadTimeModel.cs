using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// Derives the stock-cover parameters of a scenario (docs/optimizer.md, "Stock cover and lead time"):
/// each arc's transport lead time, each make-to-order candidate's <see cref="QueueCurve"/>, and each
/// lost-sales base-stock buyer's <see cref="StockCover"/>.
/// </summary>
/// <remarks>
/// The queue of a make-to-order candidate c at share v of all demand D, with capacity mu = capacity x
/// its mean availability and the buyers' review period R:
/// <code>
///   W(v)  = R min(1, rho) / 2 + tau + B-bar(v) / (v D)      rho = v D / mu
///           (an order of R days of demand is made at mu, a unit waits half of it; tau = one batch at
///            capacity, or a day for daily runs; B-bar = the mean backlog over the measured window of
///            the fluid B(t + 1) = max(0, B(t) + v D s(t) - mu) from B(0) = 0, s(t) the seasonal demand)
///   q(v)  = v W(v)                                          at v = 0, v_max / K, ..., v_max
/// </code>
/// A candidate with a finished-goods policy ships from stock: no queue.
/// </remarks>
internal sealed class LeadTimeModel
{
    /// <summary>Segments of each queue curve and of each buyer's lead-time range.</summary>
    internal const int Segments = 12;

    private readonly NetworkDefinition _network;
    private readonly IReadOnlyList<NodeDefinition> _buyers;
    private readonly double _totalDemand;

    public LeadTimeModel(NetworkDefinition network, IReadOnlyList<NodeDefinition> buyers)
    {
        _network = network;
        _buyers = buyers;
        _totalDemand = buyers.Sum(SourcingProblemBuilder.BuyerDemandPerDay);
    }

    /// <summary>Whether buyer <paramref name="buyer"/>'s stock is modelled: lost sales and a periodic-review base-stock policy.</summary>
    public static bool Covers(NodeDefinition buyer) =>
        buyer.Shortage == ShortagePolicy.LostSales && buyer.Stock.Policy is { Kind: InventoryPolicyKind.BaseStock, ReviewPeriodDays: > 0 };

    /// <summary>Mean days in transit on a link from <paramref name="supplier"/>: the link's lead time (else the supplier's) times its region's multiplier.</summary>
    public double TransportDays(SourceLink link, NodeDefinition supplier)
    {
        double multiplier = _network.Regions.FirstOrDefault(r => r.Id == supplier.RegionId)?.LeadTimeMultiplier ?? 1;
        return Math.Max(0, (link.LeadTimeDays ?? supplier.LeadTimeDays).Mean) * multiplier;
    }

    /// <summary>The queue curve of a candidate that makes to order with a finite capacity; null otherwise.</summary>
    public QueueCurve? Queue(NodeDefinition candidate, double capacityPerDay, double meanAvailability)
    {
        if (candidate.Stock.Policy.Kind != InventoryPolicyKind.None || !double.IsFinite(capacityPerDay) || !(capacityPerDay > 0))
        {
            return null;
        }

        double rate = capacityPerDay * Math.Max(meanAvailability, 1e-6);
        double review = ReviewDays();
        double batch = double.IsFinite(candidate.BatchSize) ? candidate.BatchSize / capacityPerDay : 1;
        double maxShare = Math.Min(1, capacityPerDay / _totalDemand);
        var shares = new double[Segments + 1];
        var queue = new double[Segments + 1];
        for (int k = 1; k <= Segments; k++)
        {
            double v = maxShare * k / Segments;
            double arrivals = v * _totalDemand;
            double utilisation = Math.Min(1, arrivals / rate);
            shares[k] = v;
            queue[k] = (v * ((review * utilisation / 2) + batch)) + (MeanBacklog(arrivals, rate) / _totalDemand);
        }

        return new QueueCurve(shares, queue);
    }

    /// <summary>
    /// The stock cover of a covered buyer, its breakpoints spanning the lead times from its nearest
    /// arc to its farthest plus the longest wait of any candidate at full capacity; null for other buyers.
    /// </summary>
    public static StockCover? Cover(NodeDefinition buyer, IEnumerable<double> arcTransportDays, IEnumerable<QueueCurve?> queues, double baselineLandedCost)
    {
        if (!Covers(buyer))
        {
            return null;
        }

        var transport = arcTransportDays.ToList();
        double demand = SourcingProblemBuilder.BuyerDemandPerDay(buyer);
        double from = transport.Min();
        // q_c(v) / v rises with v (convex, q(0) = 0), so the pooled queue sum_c q_c(v_c) with
        // sum_c v_c = 1 is at most the largest wait at full capacity, q_c(v_max) / v_max.
        double to = transport.Max() + queues.Max(q => q is null ? 0 : q.QueueDays[^1] / q.Shares[^1]);
        if (!(to > from))
        {
            to = from + 1;
        }

        var breakpoints = Enumerable.Range(0, Segments + 1).Select(k => from + ((to - from) * k / Segments)).ToArray();
        double margin = Math.Max(0, (buyer.Demand?.SellingPrice ?? 0) - baselineLandedCost);
        return new StockCover(buyer.Stock.Policy.OrderUpTo / demand, buyer.Stock.Policy.ReviewPeriodDays, breakpoints)
        {
            ShortfallCostPerUnit = Math.Max(0, margin - baselineLandedCost),
        };
    }

    /// <summary>The covered buyers' review period, weighted by their demand (7 days when none is covered).</summary>
    private double ReviewDays()
    {
        var covered = _buyers.Where(Covers).ToList();
        if (covered.Count == 0)
        {
            return 7;
        }

        double demand = covered.Sum(SourcingProblemBuilder.BuyerDemandPerDay);
        return covered.Sum(b => SourcingProblemBuilder.BuyerDemandPerDay(b) * b.Stock.Policy.ReviewPeriodDays) / demand;
    }

    /// <summary>Mean over the measured window of the fluid backlog of a server at <paramref name="rate"/> fed <paramref name="arrivals"/> a day times the seasonal demand.</summary>
    private double MeanBacklog(double arrivals, double rate)
    {
        double backlog = 0, sum = 0;
        int counted = 0;
        for (int day = 0; day < (int)Math.Ceiling(_network.HorizonDays); day++)
        {
            backlog = Math.Max(0, backlog + (arrivals * Seasonal(day + 0.5)) - rate);
            if (day >= _network.WarmupDays)
            {
                sum += backlog;
                counted++;
            }
        }

        return counted > 0 ? sum / counted : 0;
    }

    /// <summary>Demand on day <paramref name="t"/> relative to the mean, weighted over the buyers.</summary>
    private double Seasonal(double t)
    {
        double factor = 0;
        foreach (var buyer in _buyers)
        {
            var demand = buyer.Demand!;
            double f = 1;
            if (demand.SeasonalAmplitude != 0 && demand.SeasonalPeriodDays > 0)
            {
                f += demand.SeasonalAmplitude * Math.Cos(2 * Math.PI * (t - demand.SeasonalPeakDay) / demand.SeasonalPeriodDays);
            }

            factor += SourcingProblemBuilder.BuyerDemandPerDay(buyer) / _totalDemand * f;
        }

        return factor;
    }
}
