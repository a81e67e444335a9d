// Mechanism 3, supplier economics (DESIGN.md section 5): cash, payment terms, credit, stress and exit.
// Only suppliers (role Supplier) hold cash. Buyers and distribution centres (the buyer side, which the
// scenario format gives no price) always pay on time and their costs are the buyers' cost KPIs.
//
//   daily cost      c = FixedCostPerDay + capacity * UnitCost   (FixedCostPerDay if capacity is infinite);
//                   capacity is CapacityPerDay, grown by capacity building (capacity_gain), so c follows it
//   starting cash   = StartingCashDays * c;  credit limit = LimitDaysOfCost * c at day 0 (region credit for the
//                   size classes it names, else 0)
//   profit withdrawal: at a day's end without stress and without credit drawn, cash above
//                   ProfitWithdrawalCashDays * c is paid out to the owners at ProfitWithdrawalShare (none by default)
//   cash out, as work happens: UnitCost per unit when a batch starts; transport into the node when
//     shipped; at each day's end FixedCostPerDay, holding cost (on hand, finished goods + inputs, times
//     HoldingCostPerUnitDay) and interest balance * AnnualRate / 365 (financing_cost)
//   purchases:      price_supplier * q, due after the payer's terms with pass-through (PaymentTerms.cs;
//                   f = 1: as late as it is paid, a brand's 120 days reach the mills); paid at that day's end
//   paying:         cash first, then credit up to the limit, the rest becomes arrears (oldest first)
//   receiving:      repays credit first, the rest is cash; then arrears are paid off (cash, then credit)
//   stress day:     a day ending with arrears, or on which cash held production back (all or part of
//                   what capacity and inputs allowed could not be paid for); production
//                   stalls while there are arrears; InsolvencyExitDays consecutive stress days: exit
//                   ("insolvency")
//   margin review:  every MarginReviewDays from the end of the warm-up (the first window is
//                   [W, W + MarginReviewDays]), m = (revenue - costs) / revenue over the window, revenue =
//                   price * units delivered, costs = purchases delivered + unit, fixed, holding, transport
//                   and interest costs (accrual basis; m = -infinity if costs > 0 and revenue = 0);
//                   m < AlternativeMargin: exit ("margin")
//   exit:           no more production, shipping, orders or payments; open customer orders are dropped
//                   (customers renormalise their shares over the sources that remain); its own open
//                   orders upstream are cancelled; what it owed is never paid.
//
// Order of operations at the end of day d (one callback at EventPriority.Low, after every other event
// of the day): (1) payments due on day d, in the order of their deliveries; (2) for each supplier in
// definition order: interest, fixed cost, holding cost; (3) buyers' holding cost; (4) the daily
// production runs of the day end (output) and the next day's are planned (Production.cs), and idle
// batch producers with production due try to start (this is what finds production blocked by cash);
// (5) for each supplier in definition order: stress, insolvency exit, margin review; (6) statistics.
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Supplier economics (see the file header): owns the payment terms (<see cref="PaymentTerms"/>: the
/// payment book and the terms history), each supplier's arrears total, holding charges paid, stress streak and margin-review schedule, the count of
/// suppliers in stress and of active suppliers by tier, and decides exits. A supplier's cash, credit,
/// daily cost and margin window stay on <see cref="Node"/> (read by the social mechanisms) and are
/// written here, except where the social parts still post their own costs.
/// </summary>
internal sealed class Economics : IProductionCash, ITradePayments, IOnboardingPayment
{
    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly EconomicsDefinition _rules;
    private readonly Node[] _nodes;
    private readonly Node[] _suppliers;
    private readonly TotalsLedger _ledger;
    private readonly EventLog _log;
    private readonly PaymentTerms _terms;
    private IProductionLines _production = null!;
    private readonly ISupplierExit _exit;
    private readonly int[] _activeByTier = new int[4];

    // By node index (suppliers only).
    private readonly double[] _arrearsTotal;
    private readonly double[] _holdingAreaPaid; // the integral of on hand its daily holding charges have paid for
    private readonly bool[] _inStress;
    private readonly int[] _consecutiveStressDays;
    private readonly double[] _nextMarginReview;

    /// <summary>Economics of the <paramref name="suppliers"/> among <paramref name="nodes"/>: starting cash, credit and the first margin review.</summary>
    public Economics(
        Simulator sim, NetworkDefinition definition, int lastDay, int linkCount, Node[] nodes, Node[] suppliers, TotalsLedger ledger,
        EventLog log, ISupplyChainFinance? finance, ISupplierExit exit)
    {
        _sim = sim;
        _horizon = definition.HorizonDays;
        _rules = definition.Economics;
        _nodes = nodes;
        _suppliers = suppliers;
        _ledger = ledger;
        _log = log;
        _exit = exit;
        _terms = new PaymentTerms(sim, lastDay, linkCount, nodes.Length, finance);
        _arrearsTotal = new double[nodes.Length];
        _holdingAreaPaid = new double[nodes.Length];
        _inStress = new bool[nodes.Length];
        _consecutiveStressDays = new int[nodes.Length];
        _nextMarginReview = new double[nodes.Length];
        Array.Fill(_nextMarginReview, double.PositiveInfinity);
        foreach (var n in suppliers)
        {
            Initialise(n, definition.Regions[n.Region], definition.WarmupDays);
            if (n.Tier is >= 1 and <= 3)
            {
                _activeByTier[n.Tier]++;
            }
        }
    }

    /// <summary>Connects production, built after economics: told when cash comes in and when the day ends.</summary>
    public void Connect(IProductionLines production) => _production = production;

    /// <summary>Suppliers whose last day end was a stress day.</summary>
    public int SuppliersInStress { get; private set; }

    /// <summary>Active suppliers of tier <paramref name="tier"/> (1 to 3).</summary>
    public int ActiveInTier(int tier) => _activeByTier[tier];

    /// <summary>A supplier's unpaid obligations.</summary>
    public double ArrearsOf(Node n) => _arrearsTotal[n.Index];

    /// <inheritdoc/>
    public bool HasArrears(Node supplier) => _arrearsTotal[supplier.Index] > NetworkModel.Epsilon;

    /// <inheritdoc/>
    public double SpendingPower(Node supplier) =>
        Math.Max(0, supplier.Cash) + Math.Max(0, supplier.CreditLimit - supplier.CreditBalance);

    /// <inheritdoc/>
    public void PayCost(Node payer, double amount)
    {
        payer.WindowCost += amount;
        Pay(payer, amount, payee: null);
    }

    /// <inheritdoc/>
    public void CapacityChanged(Node supplier) => supplier.DailyCost = DailyCostOf(supplier);

    /// <inheritdoc/>
    public void PayOnboarding(Node owner, double amount)
    {
        // The buyer side's costs are KPIs only; a supplier onboarding a source for its input pays in cash.
        if (owner.IsProducer)
        {
            PayCost(owner, amount);
        }
    }

    /// <summary>Returns the payment book's pooled arrays.</summary>
    public void Release() => _terms.Release();

    private void Initialise(Node n, RegionDefinition region, double warmup)
    {
        n.Arrears = new ObligationQueue();
        n.DailyCost = DailyCostOf(n);
        n.Cash = n.Definition.StartingCashDays * n.DailyCost;
        if (region.Credit is { } credit && (region.CreditSizes.Count == 0 || region.CreditSizes.Contains(n.Definition.Size)))
        {
            n.CreditLimit = Math.Max(0, credit.LimitDaysOfCost * n.DailyCost);
            n.CreditDailyRate = credit.AnnualRate / 365;
        }

        // The first window opens at the end of the warm-up (whose totals are reset then, see
        // Bookkeeping's warm-up end): the start-up, with costs paid long before the first revenue, is not a margin.
        double reviewDays = _rules.MarginReviewDays;
        if (double.IsFinite(n.Definition.AlternativeMargin) && reviewDays > 0)
        {
            _nextMarginReview[n.Index] = warmup + reviewDays;
        }
    }

    /// <summary>
    /// The cost of a day at full capacity. It follows the capacity that capacity building adds (the
    /// unit cost stays; the fixed cost does not grow, as the programme adds no premises or overheads).
    /// </summary>
    private static double DailyCostOf(Node n) =>
        n.FixedCostPerDay + (double.IsFinite(n.Capacity) ? n.Capacity * n.UnitCost : 0);

    /// <summary>∫ on hand dt from day 0 to <paramref name="time"/> over a node's finished goods and inputs.</summary>
    private static double StockArea(Node n, double time)
    {
        double area = n.Fg.AreaAt(time);
        foreach (var input in n.Inputs)
        {
            area += input.AreaAt(time);
        }

        return area;
    }

    /// <inheritdoc/>
    public void SchedulePayment(int link, Node payer, Node payee, double amount) => _terms.Schedule(link, payer, payee, amount);

    /// <summary>
    /// <paramref name="payer"/> pays <paramref name="amount"/> to <paramref name="payee"/> (null: an
    /// outside cost): cash first, then credit, the rest becomes arrears.
    /// </summary>
    public void Pay(Node payer, double amount, Node? payee)
    {
        if (!(amount > 0))
        {
            return;
        }

        if (payer.IsBuyerSide)
        {
            if (payee is not null)
            {
                Receive(payee, amount);
            }

            return;
        }

        if (!payer.Active)
        {
            return;
        }

        double fromCash = Math.Min(Math.Max(0, payer.Cash), amount);
        payer.Cash -= fromCash;
        double rest = amount - fromCash;
        double fromCredit = Math.Min(rest, Math.Max(0, payer.CreditLimit - payer.CreditBalance));
        payer.CreditBalance += fromCredit;
        rest -= fromCredit;
        if (rest > NetworkModel.Epsilon)
        {
            payer.Arrears.Enqueue(payee, rest);
            _arrearsTotal[payer.Index] += rest;
        }
        else
        {
            rest = 0;
        }

        if (payee is not null && amount - rest > 0)
        {
            Receive(payee, amount - rest);
        }
    }

    /// <summary>Cash comes in: repay credit, keep the rest, pay off arrears, resume production.</summary>
    public void Receive(Node payee, double amount)
    {
        if (!payee.IsProducer)
        {
            return;
        }

        double repay = Math.Min(payee.CreditBalance, amount);
        payee.CreditBalance -= repay;
        payee.Cash += amount - repay;
        if (!payee.Active)
        {
            return;
        }

        if (payee.Arrears.Count > 0)
        {
            SettleArrears(payee);
        }

        _production.OnCashIn(payee);
    }

    public void SettleArrears(Node n)
    {
        var arrears = n.Arrears;
        while (arrears.Count > 0)
        {
            double available = Math.Max(0, n.Cash) + Math.Max(0, n.CreditLimit - n.CreditBalance);
            if (available <= NetworkModel.Epsilon)
            {
                return;
            }

            ref var head = ref arrears.Peek();
            var payee = head.Payee;
            double pay = Math.Min(available, head.Amount);
            head.Amount -= pay;
            if (head.Amount <= NetworkModel.Epsilon)
            {
                arrears.Dequeue();
            }

            double fromCash = Math.Min(Math.Max(0, n.Cash), pay);
            n.Cash -= fromCash;
            n.CreditBalance += pay - fromCash;
            _arrearsTotal[n.Index] = arrears.Count == 0 ? 0 : _arrearsTotal[n.Index] - pay;
            if (payee is not null)
            {
                // Upstream only (the graph has no cycles), so this never comes back to n.
                Receive(payee, pay);
            }
        }
    }

    /// <summary>Steps (1) to (5) of the day's end (see the file header).</summary>
    public void EndOfDay(int day)
    {
        // (1) Payments due today.
        var book = _terms.Book;
        for (int i = 0; i < book.DueCount(day); i++)
        {
            var payment = book.Take(day, i);
            Pay(_nodes[payment.Payer], payment.Amount, _nodes[payment.Payee]);
        }

        book.Settle(day);

        // (2) Daily charges of suppliers.
        foreach (var n in _suppliers)
        {
            if (!n.Active)
            {
                continue;
            }

            double interest = n.CreditBalance * n.CreditDailyRate;
            if (interest > 0)
            {
                _ledger.Sum.FinancingCost += interest;
                n.WindowCost += interest;
                Pay(n, interest, payee: null);
            }

            if (n.FixedCostPerDay > 0)
            {
                n.WindowCost += n.FixedCostPerDay;
                Pay(n, n.FixedCostPerDay, payee: null);
            }

            if (n.HoldingCostPerUnitDay > 0)
            {
                // The day's exact integral of on hand (finished goods and inputs), not a day-end sample.
                double area = StockArea(n, Math.Min(_sim.Now, _horizon));
                double holding = (area - _holdingAreaPaid[n.Index]) * n.HoldingCostPerUnitDay;
                _holdingAreaPaid[n.Index] = area;
                n.WindowCost += holding;
                Pay(n, holding, payee: null);
            }
        }

        // (3) Buyers' and distribution centres' holding cost is a time integral, brought up to date
        // with the others (Bookkeeping.cs, FlushIntegrals).

        // (4) Daily production runs end and the next ones are planned; idle batch producers with
        // production due try again (cash may have come in).
        _production.EndOfDay();

        // (5) Stress, exits, margin reviews, profit withdrawal.
        double insolvencyDays = _rules.InsolvencyExitDays;
        double withdrawalDays = _rules.ProfitWithdrawalCashDays;
        SuppliersInStress = 0;
        foreach (var n in _suppliers)
        {
            if (!n.Active)
            {
                continue;
            }

            bool stress = _inStress[n.Index] = _arrearsTotal[n.Index] > NetworkModel.Epsilon || _production.IsCashBlocked(n);
            if (stress)
            {
                SuppliersInStress++;
                n.StressDays++;
                _ledger.Sum.StressDays++;
                if (++_consecutiveStressDays[n.Index] >= insolvencyDays)
                {
                    Exit(n, "insolvency");
                    continue;
                }
            }
            else
            {
                _consecutiveStressDays[n.Index] = 0;
                double target = withdrawalDays * n.DailyCost;
                if (n.Cash > target && n.CreditBalance <= NetworkModel.Epsilon)
                {
                    n.Cash -= _rules.ProfitWithdrawalShare * (n.Cash - target);
                }
            }

            if (day >= _nextMarginReview[n.Index] - NetworkModel.Epsilon)
            {
                double margin = n.WindowMargin;
                n.WindowRevenue = 0;
                n.WindowCost = 0;
                _nextMarginReview[n.Index] += _rules.MarginReviewDays;
                if (margin < n.Definition.AlternativeMargin)
                {
                    Exit(n, "margin");
                }
            }
        }
    }

    /// <summary>The supplier leaves the chain now (see the file header).</summary>
    public void Exit(Node n, string cause)
    {
        _exit.Leaving(n);
        if (_inStress[n.Index])
        {
            SuppliersInStress--;
        }

        n.Active = false;
        n.ExitDay = _sim.Now;
        n.ExitCause = cause;
        _log.RecordExit(n.Definition.Id, n.Cash, cause);
        if (n.Tier is >= 1 and <= 3)
        {
            _activeByTier[n.Tier]--;
        }

        _exit.Left(n);
    }
}
