// Mechanism 1a, ordering (DESIGN.md section 5): inventory policies and the sourcing split.
//
//   position   = on hand + on order - backorders
//   BaseStock  every R days:                      order S - position, if > 0   (R = 0: after every change)
//   MinMax     every R days, or continuously if R = 0: if position <= s, order S - position
//   ReorderPointQuantity continuously (R = 0) or every R days: while position <= r, order Q
//   FixedQuantity every R days:                   order Q
//   every order q is capped so the position never exceeds the stock's capacity: q <= capacity - position
//   split:  q_i = q * share_i / sum(share_j over sources j still in the chain and not suspended); no
//           source left: no order. share_i is the link's current share (Resourcing.cs: the defined
//           share unless re-sourcing moved it)
//   one source per order (SourcingMode.OnePerOrder): the whole q goes to source i with probability
//           share_i / sum(share_j over the same sources as split), drawn from the stock's "sourcing"
//           stream (u in [0, 1) times the sum, located in the running sums of the shares by bisection)
//   periodic reviews at t = 0, R, 2R, ...; continuous review after every change of the position (demand,
//   a customer order, input consumption, an order dropped because its supplier left) and at t = 0
//
// A supplier's own finished goods are made, not bought: their policy places production orders
// (make-to-stock); with policy None the supplier makes to order (Production.cs). Source: the
// standard periodic- and continuous-review policies, e.g. Silver, Pyke and Thomas, "Inventory and
// Production Management in Supply Chains" (4th ed., 2017), chapters 6-7.
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Ordering: the inventory policies and the sourcing split (see the file header). Owns the review
/// schedule and the version of the active sources (stocks cache their active share sums against it);
/// places production orders through production and customer orders through fulfilment.
/// </summary>
internal sealed class Ordering : IPositionChanged, ISourcesChanged
{
    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly Node[] _nodes;
    private readonly Link[] _links;
    private readonly TotalsLedger _ledger;
    private readonly Resourcing _resourcing;
    private readonly IProductionOrders _production;
    private readonly ICustomerOrders _fulfilment;

    // Bumped whenever a supplier stops or resumes taking orders (exit, suspension, reinstatement):
    // stocks cache their active share sums and rebuild them when this moves on.
    private int _sourcesVersion;

    /// <summary>Ordering over <paramref name="nodes"/>' stocks and the resolved <paramref name="links"/>.</summary>
    public Ordering(
        Simulator sim, double horizon, Node[] nodes, Link[] links, TotalsLedger ledger, Resourcing resourcing,
        IProductionOrders production, ICustomerOrders fulfilment)
    {
        _sim = sim;
        _horizon = horizon;
        _nodes = nodes;
        _links = links;
        _ledger = ledger;
        _resourcing = resourcing;
        _production = production;
        _fulfilment = fulfilment;
    }

    /// <inheritdoc/>
    public void SourcesChanged() => _sourcesVersion++;

    /// <summary>Reviews a continuously reviewed stock after a change of its position.</summary>
    public void PositionChanged(Stock stock)
    {
        if (stock.ContinuousReview)
        {
            Review(stock);
        }
    }

    /// <summary>
    /// Schedules the reviews: one callback at day 0 reviews every stock that has a policy (in definition
    /// order); then one callback per distinct review period R fires at R, 2R, ... and reviews its
    /// stocks in definition order. Grouping keeps a network of thousands of daily reviewers at one
    /// event per day.
    /// </summary>
    public void Start()
    {
        var all = new List<Stock>();
        var byPeriod = new SortedDictionary<double, List<Stock>>();
        foreach (var n in _nodes)
        {
            AddForReview(n.Fg, all, byPeriod);
            foreach (var input in n.Inputs)
            {
                AddForReview(input, all, byPeriod);
            }
        }

        if (all.Count == 0)
        {
            return;
        }

        Stock[] initial = [.. all];
        _sim.Schedule(0, () => ReviewAll(initial), NetworkModel.ReviewPriority);
        foreach (var (period, stocks) in byPeriod)
        {
            var group = new ReviewGroup(this, period, [.. stocks]);
            if (period <= _horizon)
            {
                _sim.Schedule(period, group.Fire, NetworkModel.ReviewPriority);
            }
        }
    }

    private static void AddForReview(Stock stock, List<Stock> all, SortedDictionary<double, List<Stock>> byPeriod)
    {
        if (stock.Kind == InventoryPolicyKind.None)
        {
            return;
        }

        all.Add(stock);
        if (!stock.ContinuousReview)
        {
            if (!byPeriod.TryGetValue(stock.ReviewPeriodDays, out var list))
            {
                list = [];
                byPeriod.Add(stock.ReviewPeriodDays, list);
            }

            list.Add(stock);
        }
    }

    private void ReviewAll(Stock[] stocks)
    {
        foreach (var stock in stocks)
        {
            Review(stock);
        }
    }

    /// <summary>Applies the stock's policy once (see the file header).</summary>
    private void Review(Stock stock)
    {
        // A backup candidate stocks up only once a customer starts onboarding it (Resourcing.cs).
        if (!stock.Owner.Active || _resourcing.IsCandidateOnly(stock.Owner))
        {
            return;
        }

        switch (stock.Kind)
        {
            case InventoryPolicyKind.BaseStock:
                PlaceOrder(stock, stock.OrderUpTo - stock.Position);
                break;
            case InventoryPolicyKind.MinMax:
                if (stock.Position <= stock.ReorderPoint + NetworkModel.Epsilon)
                {
                    PlaceOrder(stock, stock.OrderUpTo - stock.Position);
                }

                break;
            case InventoryPolicyKind.ReorderPointQuantity:
                // Each order raises the position by Q unless capped or unplaceable, which ends the loop.
                while (stock.Position <= stock.ReorderPoint + NetworkModel.Epsilon)
                {
                    if (PlaceOrder(stock, stock.OrderQuantity) <= NetworkModel.Epsilon)
                    {
                        break;
                    }
                }

                break;
            case InventoryPolicyKind.FixedQuantity:
                PlaceOrder(stock, stock.OrderQuantity);
                break;
            case InventoryPolicyKind.None:
            default:
                break;
        }
    }

    /// <summary>
    /// Places a replenishment order of <paramref name="quantity"/> for <paramref name="stock"/>: a
    /// production order for a supplier's finished goods, otherwise orders split over the sources still
    /// in the chain. Returns the quantity placed (0 if none).
    /// </summary>
    private double PlaceOrder(Stock stock, double quantity)
    {
        if (double.IsFinite(stock.Capacity))
        {
            quantity = Math.Min(quantity, stock.Capacity - stock.Position);
        }

        if (!(quantity > NetworkModel.Epsilon))
        {
            return 0;
        }

        var owner = stock.Owner;
        if (stock.IsFinishedGoods && owner.IsProducer)
        {
            _production.OrderProduction(owner, quantity);
            return quantity;
        }

        double shares = ActiveShareSum(stock);
        if (!(shares > 0))
        {
            return 0;
        }

        if (owner.IsBuyer)
        {
            _ledger.Sum.ReplenishmentOrders++;
        }

        if (stock.OnePerOrder)
        {
            int chosen = DrawSource(stock, shares);
            stock.OnOrder += quantity;
            _resourcing.Ordered(chosen, quantity);
            _fulfilment.ReceiveOrder(_nodes[_links[chosen].Supplier], chosen, quantity);
            return quantity;
        }

        var links = _links;
        int end = stock.FirstLink + stock.LinkCount;
        for (int i = stock.FirstLink; i < end; i++)
        {
            var supplier = _nodes[links[i].Supplier];
            double share = _resourcing.ShareOf(i);
            // OrdersSuspended: buyers' response to a missed corrective-action deadline (Social/CorrectiveActions.cs).
            if (!supplier.Active || supplier.OrdersSuspended || !(share > 0))
            {
                continue;
            }

            double part = quantity * share / shares;
            stock.OnOrder += part;
            _resourcing.Ordered(i, part);
            _fulfilment.ReceiveOrder(supplier, i, part);
        }

        return quantity;
    }

    /// <summary>The sum of the shares of the stock's sources still in the chain and not suspended, cached until the next exit or suspension.</summary>
    private double ActiveShareSum(Stock stock)
    {
        if (stock.ShareVersion != _sourcesVersion)
        {
            double sum = 0;
            int end = stock.FirstLink + stock.LinkCount;
            for (int i = stock.FirstLink; i < end; i++)
            {
                if (TakesOrders(i))
                {
                    sum += _resourcing.ShareOf(i);
                }
            }

            stock.ActiveShareSum = sum;
            stock.ShareVersion = _sourcesVersion;
            if (stock.OnePerOrder)
            {
                BuildCumulativeShares(stock);
            }
        }

        return stock.ActiveShareSum;
    }

    private void BuildCumulativeShares(Stock stock)
    {
        if (stock.CumulativeShares.Length != stock.LinkCount)
        {
            stock.CumulativeShares = new double[stock.LinkCount];
        }

        // The same sources as ActiveShareSum: the draw is against that total.
        double sum = 0;
        for (int k = 0; k < stock.LinkCount; k++)
        {
            if (TakesOrders(stock.FirstLink + k))
            {
                sum += _resourcing.ShareOf(stock.FirstLink + k);
            }

            stock.CumulativeShares[k] = sum;
        }
    }

    /// <summary>Whether a link's supplier is in the chain, not suspended, and has a share (Mechanisms/Resourcing.cs).</summary>
    private bool TakesOrders(int link)
    {
        var supplier = _nodes[_links[link].Supplier];
        return supplier.Active && !supplier.OrdersSuspended && _resourcing.ShareOf(link) > 0;
    }

    /// <summary>The link that gets a whole order: the first whose running share sum exceeds u * total (sources that left add 0).</summary>
    private static int DrawSource(Stock stock, double shares)
    {
        double target = stock.SourcingStream!.NextDouble() * shares;
        var cumulative = stock.CumulativeShares;
        int low = 0;
        int high = cumulative.Length - 1;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return stock.FirstLink + low;
    }

    /// <summary>The stocks that share one review period, reviewed together at R, 2R, 3R, ...</summary>
    private sealed class ReviewGroup
    {
        private readonly Ordering _ordering;
        private readonly double _period;
        private readonly Stock[] _stocks;
        private long _reviews;

        public ReviewGroup(Ordering ordering, double period, Stock[] stocks)
        {
            _ordering = ordering;
            _period = period;
            _stocks = stocks;
            Fire = OnFire;
        }

        public Action Fire { get; }

        private void OnFire()
        {
            _ordering.ReviewAll(_stocks);

            // Times are k * R, not sums of R, so they do not drift.
            _reviews++;
            double next = (_reviews + 1) * _period;
            if (next <= _ordering._horizon)
            {
                _ordering._sim.Schedule(next - _ordering._sim.Now, Fire, NetworkModel.ReviewPriority);
            }
        }
    }
}
