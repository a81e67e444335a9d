using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

internal enum SourceLinkState : byte
{
    /// <summary>Takes its share of orders (a defined source, an onboarded candidate, a reinstated source).</summary>
    Qualified,

    /// <summary>A backup not (yet) onboarded.</summary>
    Candidate,

    /// <summary>Being onboarded; its share is in <c>_pending</c>.</summary>
    Onboarding,

    /// <summary>Lost (suspended or in a long outage), its share moved; it may come back.</summary>
    Lost,

    /// <summary>Exited: never again.</summary>
    Gone,
}

/// <summary>
/// Re-sourcing's placement rule (Resourcing.cs's header): moves a lost share over a stock's qualified
/// sources by the stock's rule and each source's spare capacity, and starts onboarding candidates for
/// what is left. It works on re-sourcing's link shares and states (it owns none of its own besides a
/// scratch list), so that the rule reads apart from the bookkeeping of losses and returns.
/// </summary>
internal sealed class SourcePlacement
{
    private const double Tolerance = 1e-9;

    private readonly Node[] _nodes;
    private readonly Link[] _links;
    private readonly Stock[] _stocks;
    private readonly double[] _share;
    private readonly SourceLinkState[] _state;
    private readonly bool[] _outageLost;
    private readonly OrderRates _rates;
    private readonly Action<Stock, ResourcingDefinition, int, double> _startOnboarding;
    private readonly List<int> _scratch = [];

    /// <param name="nodes">The nodes.</param>
    /// <param name="links">The links.</param>
    /// <param name="stocks">The stocks.</param>
    /// <param name="share">Re-sourcing's current share per link (written here as shares move).</param>
    /// <param name="state">Re-sourcing's state per link (read).</param>
    /// <param name="outageLost">Per node: lost to a long outage (read).</param>
    /// <param name="rates">The order rates (spare capacity; placements reserve on them).</param>
    /// <param name="startOnboarding">Re-sourcing's start of an onboarding: stock, rule, candidate link, share.</param>
    public SourcePlacement(Node[] nodes, Link[] links, Stock[] stocks, double[] share, SourceLinkState[] state, bool[] outageLost, OrderRates rates, Action<Stock, ResourcingDefinition, int, double> startOnboarding)
    {
        _nodes = nodes;
        _links = links;
        _stocks = stocks;
        _share = share;
        _state = state;
        _outageLost = outageLost;
        _rates = rates;
        _startOnboarding = startOnboarding;
    }

    /// <summary>Moves <paramref name="share"/> of stock <paramref name="stockIndex"/> by its rule (see the file header).</summary>
    public void Place(int stockIndex, ResourcingDefinition rule, double share, int lostLink)
    {
        var stock = _stocks[stockIndex];
        double rate = _rates.StockRate(stockIndex);
        Order(stock, rule.Rule, SourceLinkState.Qualified, lostLink);
        if (_scratch.Count == 0 && !(rate > Tolerance))
        {
            // No order history and no source left: onboard the first candidate for the whole share.
            Order(stock, rule.Rule, SourceLinkState.Candidate, lostLink);
            if (_scratch.Count > 0)
            {
                _startOnboarding(stock, rule, _scratch[0], share);
            }

            return;
        }

        if (!(rate > Tolerance))
        {
            // No order history: capacity-blind, by the rule's weights.
            if (rule.Rule == ReallocationRule.Proportional)
            {
                double weights = 0;
                foreach (int l in _scratch)
                {
                    weights += _share[l];
                }

                foreach (int l in _scratch)
                {
                    _share[l] += weights > 0 ? share * _share[l] / weights : share / _scratch.Count;
                }
            }
            else
            {
                _share[_scratch[0]] += share;
            }

            return;
        }

        double volume = share * rate;
        volume = rule.Rule == ReallocationRule.Proportional ? FillProportionally(volume, rate) : FillInOrder(volume, rate);
        if (!(volume > Tolerance))
        {
            return;
        }

        Order(stock, rule.Rule, SourceLinkState.Candidate, lostLink);
        foreach (int l in _scratch)
        {
            if (!(volume > Tolerance))
            {
                break;
            }

            int supplier = _links[l].Supplier;
            double v = Math.Min(volume, Spare(supplier));
            if (!(v > Tolerance))
            {
                continue;
            }

            volume -= v;
            _rates.Reserve(supplier, v); // later placements see the load to come
            _startOnboarding(stock, rule, l, v / rate);
        }
    }

    /// <summary>Water-filling over the qualified sources in <c>_scratch</c> by current share, then zero-share ones in order; returns what is left.</summary>
    private double FillProportionally(double volume, double rate)
    {
        // At most one pass per source: each pass either places everything or caps at least one source.
        for (int pass = 0; pass < _scratch.Count && volume > Tolerance; pass++)
        {
            double weights = 0;
            foreach (int l in _scratch)
            {
                if (_share[l] > 0 && Spare(_links[l].Supplier) > Tolerance)
                {
                    weights += _share[l];
                }
            }

            if (!(weights > 0))
            {
                break;
            }

            double placed = 0;
            double[] give = new double[_scratch.Count];
            for (int i = 0; i < _scratch.Count; i++)
            {
                int l = _scratch[i];
                double spare = Spare(_links[l].Supplier);
                if (_share[l] > 0 && spare > Tolerance)
                {
                    give[i] = Math.Min(spare, volume * _share[l] / weights);
                }
            }

            for (int i = 0; i < _scratch.Count; i++)
            {
                if (give[i] > 0)
                {
                    Give(_scratch[i], give[i], rate);
                    placed += give[i];
                }
            }

            volume -= placed;
        }

        foreach (int l in _scratch)
        {
            if (!(volume > Tolerance))
            {
                break;
            }

            if (!(_share[l] > 0))
            {
                double v = Math.Min(volume, Spare(_links[l].Supplier));
                if (v > Tolerance)
                {
                    Give(l, v, rate);
                    volume -= v;
                }
            }
        }

        return volume;
    }

    /// <summary>Fills the sources in <c>_scratch</c> in order, each up to its spare capacity; returns what is left.</summary>
    private double FillInOrder(double volume, double rate)
    {
        foreach (int l in _scratch)
        {
            if (!(volume > Tolerance))
            {
                break;
            }

            double v = Math.Min(volume, Spare(_links[l].Supplier));
            if (v > Tolerance)
            {
                Give(l, v, rate);
                volume -= v;
            }
        }

        return volume;
    }

    private void Give(int link, double volume, double rate)
    {
        _share[link] += volume / rate;
        _rates.Reserve(_links[link].Supplier, volume);
    }

    /// <summary>Fills <c>_scratch</c> with the stock's links in <paramref name="state"/> whose supplier takes orders, in the rule's order.</summary>
    private void Order(Stock stock, ReallocationRule rule, SourceLinkState state, int except)
    {
        _scratch.Clear();
        for (int l = stock.FirstLink; l < stock.FirstLink + stock.LinkCount; l++)
        {
            var n = _nodes[_links[l].Supplier];
            if (l != except && _state[l] == state && n.Active && !n.OrdersSuspended && !_outageLost[n.Index])
            {
                _scratch.Add(l);
            }
        }

        // List.Sort is not stable: ties fall back to link order, so the order is total.
        switch (rule)
        {
            case ReallocationRule.Cheapest:
                _scratch.Sort((a, b) =>
                {
                    int c = LandedPrice(a).CompareTo(LandedPrice(b));
                    return c != 0 ? c : a.CompareTo(b);
                });
                break;
            case ReallocationRule.LowestRisk:
                _scratch.Sort((a, b) =>
                {
                    int c = RiskOf(_nodes[_links[a].Supplier]).CompareTo(RiskOf(_nodes[_links[b].Supplier]));
                    return c != 0 ? c : a.CompareTo(b);
                });
                break;
            case ReallocationRule.Proportional:
            default:
                break;
        }
    }

    private double LandedPrice(int link) => _nodes[_links[link].Supplier].Price + _links[link].TransportCostPerUnit;

    private static double RiskOf(Node n) => n.Social is { } s ? s.RiskScore : 1 - n.Definition.Capability;

    /// <summary>Capacity per day less the orders it gets per day (infinite for distribution centres and unconstrained suppliers).</summary>
    private double Spare(int node)
    {
        var n = _nodes[node];
        if (!n.IsProducer || double.IsPositiveInfinity(n.Capacity))
        {
            return double.PositiveInfinity;
        }

        return Math.Max(0, n.Capacity - _rates.NodeRate(node));
    }
}
