// Mechanism 1e, re-sourcing (DESIGN.md section 10; docs/model.md#re-sourcing).
//
//   every link l of a sourcing stock k has a current share s_l (the defined share; 0 for a backup).
//   Orders are split (or drawn) by s_l over the sources still taking orders (Ordering.cs).
//   order rates: r_k (units ordered by stock k per day) and r_j (units ordered from supplier j per
//     day) are exponential averages of the daily totals with mean age 28 days, bias-corrected
//     (divided by 1 - (1 - a)^days, a = 1/28), so they are the plain mean over the first days;
//     r_k is at least the mean since day 0 (a stock left without sources orders nothing).
//   a source j of k is lost when it exits, is suspended or terminated, or (outage_tolerance_days T)
//     has been disrupted at T consecutive day ends. With a resourcing rule, its share s is moved:
//     volume V = s * r_k; qualified sources i (s_i > 0, or onboarded earlier, or reinstated as
//     backups; taking orders) take it up to their spare capacity c_i - r_i (infinite for
//     distribution centres and unconstrained suppliers), by the rule:
//       proportional  water-filling in proportion to s_i, then qualified sources with s_i = 0 in order
//       cheapest      lowest price + transport per unit first
//       lowest_risk   lowest risk score first (the social model's score, else 1 - capability)
//     each placed volume v_i adds v_i / r_k to s_i. What is left starts onboarding backup candidates
//     in the rule's order (definition order for proportional), each taking up to its spare capacity:
//     onboarding_cost is paid now, and after onboarding_lead_time_days the candidate is a qualified
//     source with its share. With no order history yet (r_k = 0) the share goes to the qualified
//     sources by the rule's weights, capacity-blind, or, with none left, to the first candidate.
//   reinstatement (a suspension ends, an outage ends): restore gives the source its share back and
//     scales the others down in proportion so that the shares sum to at most 1; backup leaves it at
//     share 0, qualified. An exit is never reinstated.
//   coverage C_k = sum of s_l over sources taking orders; days_without_full_supply = sum over
//     sourcing stocks of the time with C_k < 1 (every stock, with or without a rule: without one, a
//     lost source's share is never replaced). Concentration per tier t: the time average of the mean,
//     over stocks buying from tier t with C_k > 0, of HHI_k = sum (s_l / C_k)^2 over covered sources.
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Re-sourcing (see the file header): owns every link's current share and state, the order rates
/// behind spare capacity, pending onboardings, and the coverage and concentration of every sourcing
/// stock. Ordering reads <see cref="ShareOf"/> and reports orders through <see cref="Ordered"/>; the
/// model reports lost and returning sources.
/// </summary>
internal sealed class Resourcing : ISourcingStanding
{
    private const double Tolerance = 1e-9;

    private readonly Simulator _sim;
    private readonly Node[] _nodes;
    private readonly Link[] _links;
    private readonly Stock[] _stocks;
    private readonly ISourcesChanged _changed;
    private readonly IOnboardingPayment _payment;
    private readonly int _priority;

    // Per link.
    private readonly double[] _share;
    private readonly double[] _lostShare;
    private readonly double[] _pending;
    private readonly SourceLinkState[] _state;

    // Per stock.
    private readonly ResourcingDefinition?[] _rule;

    // Per node: orders received, links in which it is the supplier (CSR), outage bookkeeping.
    private readonly int[] _bySupplierStart;
    private readonly int[] _bySupplier;
    private readonly int[] _candidateLinks;
    private readonly int[] _outageDays;
    private readonly bool[] _outageLost;
    private readonly double _minTolerance;

    private readonly OrderRates _rates;
    private readonly SourcingCoverage _coverage;
    private readonly SourcePlacement _placement;
    private ResourcingTotals _totals;

    /// <summary>Builds the state of every link and stock; <paramref name="priority"/> is the kernel priority of onboarding completions.</summary>
    public Resourcing(Simulator sim, Node[] nodes, Link[] links, Stock[] stocks, ISourcesChanged changed, IOnboardingPayment payment, int priority)
    {
        _sim = sim;
        _nodes = nodes;
        _links = links;
        _stocks = stocks;
        _changed = changed;
        _payment = payment;
        _priority = priority;
        _share = new double[links.Length];
        _lostShare = new double[links.Length];
        _pending = new double[links.Length];
        _state = new SourceLinkState[links.Length];
        _rates = new OrderRates(links, stocks.Length, nodes.Length);
        _rule = new ResourcingDefinition?[stocks.Length];
        _outageDays = new int[nodes.Length];
        _candidateLinks = new int[nodes.Length];
        _outageLost = new bool[nodes.Length];
        _minTolerance = double.PositiveInfinity;

        var counts = new int[nodes.Length + 1];
        foreach (var stock in stocks)
        {
            var definition = DefinitionOf(stock);
            _rule[stock.Index] = definition.Resourcing;
            if (definition.Resourcing is { } rule)
            {
                _minTolerance = Math.Min(_minTolerance, rule.OutageToleranceDays);
            }

            for (int k = 0; k < stock.LinkCount; k++)
            {
                int l = stock.FirstLink + k;
                bool backup = definition.Sources[k].Backup;
                _share[l] = backup ? 0 : links[l].Share;
                _state[l] = backup ? SourceLinkState.Candidate : SourceLinkState.Qualified;
                counts[links[l].Supplier + 1]++;
                if (backup)
                {
                    _candidateLinks[links[l].Supplier]++;
                }
            }
        }

        for (int i = 0; i < nodes.Length; i++)
        {
            counts[i + 1] += counts[i];
        }

        _bySupplierStart = counts;
        _bySupplier = new int[links.Length];
        var fill = (int[])counts.Clone();
        for (int l = 0; l < links.Length; l++)
        {
            _bySupplier[fill[links[l].Supplier]++] = l;
        }

        _coverage = new SourcingCoverage(nodes, links, stocks, _share);
        _placement = new SourcePlacement(nodes, links, stocks, _share, _state, _outageLost, _rates, StartOnboarding);
        foreach (var stock in stocks)
        {
            _coverage.Update(stock.Index);
        }
    }

    /// <inheritdoc/>
    public bool IsCandidateOnly(Node n)
    {
        int links = _bySupplierStart[n.Index + 1] - _bySupplierStart[n.Index];
        return links > 0 && _candidateLinks[n.Index] == links;
    }

    /// <summary>The current share of a link (hot path: ordering).</summary>
    public double ShareOf(int link) => _share[link];

    /// <summary>Ordering placed <paramref name="quantity"/> on <paramref name="link"/>.</summary>
    public void Ordered(int link, double quantity) => _rates.Ordered(link, quantity);

    /// <summary>The day's end: order rates, outages that outlast the tolerance, and outages that ended.</summary>
    public void EndOfDay()
    {
        _rates.EndOfDay();
        if (double.IsPositiveInfinity(_minTolerance))
        {
            return;
        }

        foreach (var n in _nodes)
        {
            if (!n.IsProducer || !n.Active)
            {
                continue;
            }

            if (n.IsDisrupted)
            {
                // Each day of the outage past the shortest tolerance, the stocks whose tolerance it reaches act.
                int days = ++_outageDays[n.Index];
                if (days >= _minTolerance)
                {
                    _outageLost[n.Index] = true;
                    Lose(n, permanent: false, outageDays: days);
                }
            }
            else
            {
                _outageDays[n.Index] = 0;
                if (_outageLost[n.Index])
                {
                    _outageLost[n.Index] = false;
                    Return(n, outage: true);
                }
            }
        }
    }

    /// <summary>The supplier exited or was terminated: every stock it supplied moves its share for good.</summary>
    public void SourceExited(Node n)
    {
        Lose(n, permanent: true, outageDays: double.PositiveInfinity);

        // Its own stocks no longer source.
        foreach (var stock in StocksOf(n))
        {
            _coverage.Update(stock.Index);
        }
    }

    /// <summary>Customers suspended orders to the supplier.</summary>
    public void SourceSuspended(Node n) => Lose(n, permanent: false, outageDays: double.PositiveInfinity);

    /// <summary>The supplier's suspension ended.</summary>
    public void SourceReinstated(Node n) => Return(n, outage: false);

    /// <summary>The counters and integrals since day 0, brought up to <paramref name="now"/>.</summary>
    public ResourcingTotals Snapshot(double now)
    {
        _coverage.Accrue(now);
        var totals = _totals;
        _coverage.FillAreas(ref totals);
        return totals;
    }

    /// <summary>
    /// Every stock <paramref name="n"/> supplies loses it: for good (<paramref name="permanent"/>), or
    /// while suspended or (<paramref name="outageDays"/> finite) in an outage of that many days, which
    /// only stocks whose tolerance it reaches act on. Stocks with a rule move its share.
    /// </summary>
    private void Lose(Node n, bool permanent, double outageDays)
    {
        _coverage.Accrue(_sim.Now);
        bool changed = false;
        for (int p = _bySupplierStart[n.Index]; p < _bySupplierStart[n.Index + 1]; p++)
        {
            int l = _bySupplier[p];
            int k = _links[l].Customer;
            var rule = _rule[k];
            bool outage = double.IsFinite(outageDays);
            if (_state[l] == SourceLinkState.Gone || (outage && (rule is null || outageDays < rule.OutageToleranceDays)))
            {
                continue;
            }

            if (rule is not null && _state[l] == SourceLinkState.Qualified)
            {
                double share = _share[l];
                _share[l] = 0;
                _lostShare[l] = permanent ? 0 : share;
                SetState(l, SourceLinkState.Lost);
                if (share > Tolerance)
                {
                    _totals.Events++;
                    _placement.Place(k, _rule[k]!, share, l);
                    changed = true;
                }
            }

            // An onboarding under way finds the supplier gone when it completes.
            if (permanent && _state[l] != SourceLinkState.Onboarding)
            {
                SetState(l, SourceLinkState.Gone);
            }

            _coverage.Update(k);
        }

        if (changed)
        {
            _changed.SourcesChanged();
        }
    }

    private void Return(Node n, bool outage)
    {
        if (!n.Active || (!outage && _outageLost[n.Index]) || (outage && n.OrdersSuspended))
        {
            // Still unable to take orders for the other reason.
            for (int p = _bySupplierStart[n.Index]; p < _bySupplierStart[n.Index + 1]; p++)
            {
                _coverage.Update(_links[_bySupplier[p]].Customer);
            }

            return;
        }

        _coverage.Accrue(_sim.Now);
        for (int p = _bySupplierStart[n.Index]; p < _bySupplierStart[n.Index + 1]; p++)
        {
            int l = _bySupplier[p];
            int k = _links[l].Customer;
            if (_state[l] == SourceLinkState.Lost)
            {
                SetState(l, SourceLinkState.Qualified);
                if (_rule[k]!.Reinstatement == ReinstatementRule.Restore)
                {
                    Restore(k, l, _lostShare[l]);
                }

                _lostShare[l] = 0;
            }

            _coverage.Update(k);
        }

        _changed.SourcesChanged();
    }

    /// <summary>Gives <paramref name="link"/> its <paramref name="share"/> back; the others give back what exceeds 1 in proportion.</summary>
    private void Restore(int stockIndex, int link, double share)
    {
        var stock = _stocks[stockIndex];
        double others = 0;
        for (int l = stock.FirstLink; l < stock.FirstLink + stock.LinkCount; l++)
        {
            if (l != link)
            {
                others += _share[l];
            }
        }

        double room = Math.Max(0, 1 - share);
        if (others > room + Tolerance)
        {
            double scale = room / others;
            for (int l = stock.FirstLink; l < stock.FirstLink + stock.LinkCount; l++)
            {
                if (l != link)
                {
                    _share[l] *= scale;
                }
            }
        }

        _share[link] = share;
    }

    /// <summary>Starts onboarding candidate <paramref name="link"/> of <paramref name="stock"/> for <paramref name="share"/> (called by the placement).</summary>
    private void StartOnboarding(Stock stock, ResourcingDefinition rule, int link, double share)
    {
        SetState(link, SourceLinkState.Onboarding);
        _pending[link] = share;
        _totals.Onboardings++;
        if (rule.OnboardingCost > 0)
        {
            _totals.OnboardingCost += rule.OnboardingCost;
            _payment.PayOnboarding(stock.Owner, rule.OnboardingCost);
        }

        _sim.Schedule(rule.OnboardingLeadTimeDays, () => CompleteOnboarding(link), _priority);
    }

    private void CompleteOnboarding(int link)
    {
        _coverage.Accrue(_sim.Now);
        int k = _links[link].Customer;
        var supplier = _nodes[_links[link].Supplier];
        double share = _pending[link];
        _pending[link] = 0;
        bool owner = _stocks[k].Owner.Active;
        if (owner && supplier.Active && !supplier.OrdersSuspended && !_outageLost[supplier.Index])
        {
            SetState(link, SourceLinkState.Qualified);
            _share[link] += share;
        }
        else
        {
            SetState(link, supplier.Active ? SourceLinkState.Candidate : SourceLinkState.Gone);
            if (owner)
            {
                _placement.Place(k, _rule[k]!, share, link);
            }
        }

        _coverage.Update(k);
        _changed.SourcesChanged();
    }

    private void SetState(int link, SourceLinkState state)
    {
        int supplier = _links[link].Supplier;
        _candidateLinks[supplier] += (state == SourceLinkState.Candidate ? 1 : 0) - (_state[link] == SourceLinkState.Candidate ? 1 : 0);
        _state[link] = state;
    }

    private static IEnumerable<Stock> StocksOf(Node n)
    {
        yield return n.Fg;
        foreach (var input in n.Inputs)
        {
            yield return input;
        }
    }

    private static StockDefinition DefinitionOf(Stock stock)
    {
        var owner = stock.Owner;
        return stock.IsFinishedGoods ? owner.Definition.Stock : owner.Definition.Inputs[stock.Index - owner.Fg.Index - 1];
    }
}
