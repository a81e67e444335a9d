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

/// <summary>What re-sourcing tells ordering: current shares changed (stocks rebuild their cached share sums).</summary>
internal interface ISourcesChanged
{
    /// <summary>A share or the set of sources taking orders changed.</summary>
    void SourcesChanged();
}

/// <summary>What re-sourcing tells economics: a sourcing node pays for onboarding a candidate.</summary>
internal interface IOnboardingPayment
{
    /// <summary><paramref name="owner"/> pays <paramref name="amount"/> to outsiders (auditors, samples).</summary>
    void PayOnboarding(Node owner, double amount);
}

/// <summary>
/// Whether any customer buys from a supplier yet: the one answer to "is this supplier in the chain
/// now" beside its own exit, owned by re-sourcing and read by the parts that treat a backup
/// candidate differently (ordering's stocking, the buyers' response, capacity-building enrolment).
/// </summary>
internal interface ISourcingStanding
{
    /// <summary>
    /// Whether every customer link of <paramref name="n"/> is a backup not yet onboarded (false for a
    /// node with no customers). Such a candidate stocks no inputs and is not suspended, terminated or enrolled.
    /// </summary>
    bool IsCandidateOnly(Node n);
}

/// <summary>Re-sourcing counters since day 0 and time integrals up to the snapshot.</summary>
internal struct ResourcingTotals
{
    /// <summary>Lost sources whose share a stock moved (one per stock and loss).</summary>
    public double Events;

    /// <summary>Candidates whose onboarding started.</summary>
    public double Onboardings;

    /// <summary>What those onboardings cost.</summary>
    public double OnboardingCost;

    /// <summary>Sourcing stock-days with coverage below 1.</summary>
    public double DaysWithoutFullSupply;

    /// <summary>Time integrals of the mean HHI of stocks buying from tiers 1, 2 and 3 (index = tier - 1).</summary>
    public double HhiArea1;

    /// <inheritdoc cref="HhiArea1"/>
    public double HhiArea2;

    /// <inheritdoc cref="HhiArea1"/>
    public double HhiArea3;
}

/// <summary>
/// Re-sourcing (see the file header): owns every link's current share and state, the order rates
/// behind spare capacity, pending onboardings, and the coverage and concentration of every sourcing
/// stock. Ordering reads <see cref="ShareOf"/> and reports orders through <see cref="Ordered"/>; the
/// model reports lost and returning sources.
/// </summary>
internal sealed class Resourcing : ISourcingStanding
{
    private const double Tolerance = 1e-9;
    private const double RateMeanAgeDays = 28;
    private const double Alpha = 1 / RateMeanAgeDays;

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
    private readonly LinkState[] _state;

    // Per stock.
    private readonly ResourcingDefinition?[] _rule;
    private readonly double[] _stockRate;
    private readonly double[] _stockToday;
    private readonly double[] _stockTotal;
    private readonly bool[] _uncoveredNow;
    private readonly double[] _hhi;
    private readonly int[] _sourceTier;

    // Per node: orders received, links in which it is the supplier (CSR), outage bookkeeping.
    private readonly double[] _nodeRate;
    private readonly double[] _nodeToday;
    private readonly int[] _bySupplierStart;
    private readonly int[] _bySupplier;
    private readonly int[] _candidateLinks;
    private readonly int[] _outageDays;
    private readonly bool[] _outageLost;
    private readonly double _minTolerance;

    private readonly double[] _hhiSum = new double[3];
    private readonly int[] _hhiCount = new int[3];
    private readonly List<int> _scratch = [];
    private int _uncovered;
    private double _accruedTo;
    private int _days;
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
        _state = new LinkState[links.Length];
        _rule = new ResourcingDefinition?[stocks.Length];
        _stockRate = new double[stocks.Length];
        _stockToday = new double[stocks.Length];
        _stockTotal = new double[stocks.Length];
        _uncoveredNow = new bool[stocks.Length];
        _hhi = new double[stocks.Length];
        _sourceTier = new int[stocks.Length];
        _nodeRate = new double[nodes.Length];
        _nodeToday = new double[nodes.Length];
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
                _state[l] = backup ? LinkState.Candidate : LinkState.Qualified;
                counts[links[l].Supplier + 1]++;
                if (backup)
                {
                    _candidateLinks[links[l].Supplier]++;
                }
            }

            _sourceTier[stock.Index] = stock.LinkCount > 0 ? stock.Owner.Tier + 1 : 0;
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

        foreach (var stock in stocks)
        {
            UpdateCoverage(stock.Index);
        }
    }

    private enum LinkState : byte
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

    /// <inheritdoc/>
    public bool IsCandidateOnly(Node n)
    {
        int links = _bySupplierStart[n.Index + 1] - _bySupplierStart[n.Index];
        return links > 0 && _candidateLinks[n.Index] == links;
    }

    /// <summary>The current share of a link (hot path: ordering).</summary>
    public double ShareOf(int link) => _share[link];

    /// <summary>Ordering placed <paramref name="quantity"/> on <paramref name="link"/>.</summary>
    public void Ordered(int link, double quantity)
    {
        ref readonly var l = ref _links[link];
        _stockToday[l.Customer] += quantity;
        _nodeToday[l.Supplier] += quantity;
    }

    /// <summary>The day's end: order rates, outages that outlast the tolerance, and outages that ended.</summary>
    public void EndOfDay()
    {
        _days++;
        for (int k = 0; k < _stockRate.Length; k++)
        {
            _stockRate[k] += Alpha * (_stockToday[k] - _stockRate[k]);
            _stockTotal[k] += _stockToday[k];
            _stockToday[k] = 0;
        }

        for (int n = 0; n < _nodeRate.Length; n++)
        {
            _nodeRate[n] += Alpha * (_nodeToday[n] - _nodeRate[n]);
            _nodeToday[n] = 0;
        }

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
            UpdateCoverage(stock.Index);
        }
    }

    /// <summary>Customers suspended orders to the supplier.</summary>
    public void SourceSuspended(Node n) => Lose(n, permanent: false, outageDays: double.PositiveInfinity);

    /// <summary>The supplier's suspension ended.</summary>
    public void SourceReinstated(Node n) => Return(n, outage: false);

    /// <summary>The counters and integrals since day 0, brought up to <paramref name="now"/>.</summary>
    public ResourcingTotals Snapshot(double now)
    {
        Accrue(now);
        return _totals;
    }

    /// <summary>
    /// Every stock <paramref name="n"/> supplies loses it: for good (<paramref name="permanent"/>), or
    /// while suspended or (<paramref name="outageDays"/> finite) in an outage of that many days, which
    /// only stocks whose tolerance it reaches act on. Stocks with a rule move its share.
    /// </summary>
    private void Lose(Node n, bool permanent, double outageDays)
    {
        Accrue(_sim.Now);
        bool changed = false;
        for (int p = _bySupplierStart[n.Index]; p < _bySupplierStart[n.Index + 1]; p++)
        {
            int l = _bySupplier[p];
            int k = _links[l].Customer;
            var rule = _rule[k];
            bool outage = double.IsFinite(outageDays);
            if (_state[l] == LinkState.Gone || (outage && (rule is null || outageDays < rule.OutageToleranceDays)))
            {
                continue;
            }

            if (rule is not null && _state[l] == LinkState.Qualified)
            {
                double share = _share[l];
                _share[l] = 0;
                _lostShare[l] = permanent ? 0 : share;
                SetState(l, LinkState.Lost);
                if (share > Tolerance)
                {
                    _totals.Events++;
                    Place(k, share, l);
                    changed = true;
                }
            }

            // An onboarding under way finds the supplier gone when it completes.
            if (permanent && _state[l] != LinkState.Onboarding)
            {
                SetState(l, LinkState.Gone);
            }

            UpdateCoverage(k);
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
                UpdateCoverage(_links[_bySupplier[p]].Customer);
            }

            return;
        }

        Accrue(_sim.Now);
        for (int p = _bySupplierStart[n.Index]; p < _bySupplierStart[n.Index + 1]; p++)
        {
            int l = _bySupplier[p];
            int k = _links[l].Customer;
            if (_state[l] == LinkState.Lost)
            {
                SetState(l, LinkState.Qualified);
                if (_rule[k]!.Reinstatement == ReinstatementRule.Restore)
                {
                    Restore(k, l, _lostShare[l]);
                }

                _lostShare[l] = 0;
            }

            UpdateCoverage(k);
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

    /// <summary>Moves <paramref name="share"/> of stock <paramref name="stockIndex"/> by its rule (see the file header).</summary>
    private void Place(int stockIndex, double share, int lostLink)
    {
        var stock = _stocks[stockIndex];
        var rule = _rule[stockIndex]!;
        double rate = StockRate(stockIndex);
        Order(stock, rule.Rule, LinkState.Qualified, lostLink);
        if (_scratch.Count == 0 && !(rate > Tolerance))
        {
            // No order history and no source left: onboard the first candidate for the whole share.
            Order(stock, rule.Rule, LinkState.Candidate, lostLink);
            if (_scratch.Count > 0)
            {
                StartOnboarding(stock, rule, _scratch[0], share);
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

        Order(stock, rule.Rule, LinkState.Candidate, lostLink);
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
            _nodeRate[supplier] += v; // reserved: later placements see the load to come
            StartOnboarding(stock, rule, l, v / rate);
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
        _nodeRate[_links[link].Supplier] += volume;
    }

    private void StartOnboarding(Stock stock, ResourcingDefinition rule, int link, double share)
    {
        SetState(link, LinkState.Onboarding);
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
        Accrue(_sim.Now);
        int k = _links[link].Customer;
        var supplier = _nodes[_links[link].Supplier];
        double share = _pending[link];
        _pending[link] = 0;
        bool owner = _stocks[k].Owner.Active;
        if (owner && supplier.Active && !supplier.OrdersSuspended && !_outageLost[supplier.Index])
        {
            SetState(link, LinkState.Qualified);
            _share[link] += share;
        }
        else
        {
            SetState(link, supplier.Active ? LinkState.Candidate : LinkState.Gone);
            if (owner)
            {
                Place(k, share, link);
            }
        }

        UpdateCoverage(k);
        _changed.SourcesChanged();
    }

    private void SetState(int link, LinkState state)
    {
        int supplier = _links[link].Supplier;
        _candidateLinks[supplier] += (state == LinkState.Candidate ? 1 : 0) - (_state[link] == LinkState.Candidate ? 1 : 0);
        _state[link] = state;
    }

    /// <summary>Fills <c>_scratch</c> with the stock's links in <paramref name="state"/> whose supplier takes orders, in the rule's order.</summary>
    private void Order(Stock stock, ReallocationRule rule, LinkState state, int except)
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

        return Math.Max(0, n.Capacity - NodeRate(node));
    }

    // Not below the mean since day 0: a stock whose sources all left orders nothing, and its recent
    // rate would fall to 0 just when the replacement must be sized.
    private double StockRate(int stock) => _days == 0 ? 0 : Math.Max(_stockRate[stock] / Correction(), _stockTotal[stock] / _days);

    private double NodeRate(int node) => _days == 0 ? 0 : _nodeRate[node] / Correction();

    // The average starts at 0: dividing by 1 - (1 - a)^days makes it the weighted mean of the days seen.
    private double Correction() => 1 - Math.Pow(1 - Alpha, _days);

    private void UpdateCoverage(int stockIndex)
    {
        var stock = _stocks[stockIndex];
        if (stock.LinkCount == 0)
        {
            return;
        }

        double coverage = 0;
        double squares = 0;
        if (stock.Owner.Active)
        {
            for (int l = stock.FirstLink; l < stock.FirstLink + stock.LinkCount; l++)
            {
                var n = _nodes[_links[l].Supplier];
                if (n.Active && !n.OrdersSuspended && _share[l] > 0)
                {
                    coverage += _share[l];
                    squares += _share[l] * _share[l];
                }
            }
        }

        // A stock whose owner left no longer sources: it is not counted from then on.
        bool uncovered = stock.Owner.Active && coverage < 1 - 1e-6;
        _uncovered += (uncovered ? 1 : 0) - (_uncoveredNow[stockIndex] ? 1 : 0);
        _uncoveredNow[stockIndex] = uncovered;

        int tier = _sourceTier[stockIndex];
        double hhi = coverage > 0 ? squares / (coverage * coverage) : 0;
        if (tier is >= 1 and <= 3)
        {
            int t = tier - 1;
            if (_hhi[stockIndex] > 0)
            {
                _hhiSum[t] -= _hhi[stockIndex];
                _hhiCount[t]--;
            }

            if (hhi > 0)
            {
                _hhiSum[t] += hhi;
                _hhiCount[t]++;
            }
        }

        _hhi[stockIndex] = hhi;
    }

    private void Accrue(double now)
    {
        double dt = now - _accruedTo;
        if (!(dt > 0))
        {
            return;
        }

        _totals.DaysWithoutFullSupply += dt * _uncovered;
        _totals.HhiArea1 += dt * Mean(0);
        _totals.HhiArea2 += dt * Mean(1);
        _totals.HhiArea3 += dt * Mean(2);
        _accruedTo = now;
    }

    private double Mean(int t) => _hhiCount[t] > 0 ? _hhiSum[t] / _hhiCount[t] : 0;

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
