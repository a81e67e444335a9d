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
//   purchases:      delivered at t, price_supplier * q is paid at the end of day ceil(t + T) with T the
//                   payer's PaymentTermsDays; the supplier receives it then (deliveries on one link due
//                   the same day are one payment).
//   pass-through:   a payer with PaymentTermsPassThrough f > 0 pays after T = T0 + f * max(0, T_in - T0),
//                   T0 its PaymentTermsDays, T_in the amount-weighted mean of the days to payment of every
//                   payment owed to it so far (after supply-chain finance; none yet: T = T0). f = 1: as
//                   late as it is paid; a brand's 120 days reach the mills.
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
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private void InitialiseEconomics(Node n, RegionDefinition region)
    {
        n.DailyCost = DailyCostOf(n);
        n.Cash = n.Definition.StartingCashDays * n.DailyCost;
        if (region.Credit is { } credit && (region.CreditSizes.Count == 0 || region.CreditSizes.Contains(n.Definition.Size)))
        {
            n.CreditLimit = Math.Max(0, credit.LimitDaysOfCost * n.DailyCost);
            n.CreditDailyRate = credit.AnnualRate / 365;
        }

        // The first window opens at the end of the warm-up (whose totals are reset then, see
        // OnWarmupEnd): the start-up, with costs paid long before the first revenue, is not a margin.
        double reviewDays = _definition.Economics.MarginReviewDays;
        if (double.IsFinite(n.Definition.AlternativeMargin) && reviewDays > 0)
        {
            n.NextMarginReview = _warmup + reviewDays;
        }
    }

    /// <summary>
    /// The cost of a day at full capacity. It follows the capacity that capacity building adds (the
    /// unit cost stays; the fixed cost does not grow, as the programme adds no premises or overheads).
    /// </summary>
    private static double DailyCostOf(Node n) =>
        n.FixedCostPerDay + (double.IsFinite(n.Capacity) ? n.Capacity * n.UnitCost : 0);

    /// <summary>Records that <paramref name="payer"/> owes <paramref name="amount"/> for goods delivered now on a link.</summary>
    private void SchedulePayment(int link, Node payer, Node payee, double amount)
    {
        if (!(amount > 0))
        {
            return;
        }

        // Scheduled terms (a step function over time), then pass-through: a payer whose own customers
        // pay late pays its suppliers later too.
        double terms = payer.Definition.PaymentTermsDaysChanges.ValueAt(payer.PaymentTermsDays, _sim.Now);
        if (payer.PaymentTermsPassThrough > 0 && payer.TermsInAmount > 0)
        {
            terms += payer.PaymentTermsPassThrough * Math.Max(0, (payer.TermsInWeighted / payer.TermsInAmount) - terms);
        }

        // Social hook: supply-chain finance pays an eligible supplier early, less the discount (Social/Financing.cs).
        ApplySupplyChainFinance(payer, payee, ref terms, ref amount);
        payee.TermsInWeighted += amount * terms;
        payee.TermsInAmount += amount;

        // Due at t + terms; settled at the end of that day (the first day-end at or after it).
        int day = Math.Max(1, (int)Math.Ceiling(_sim.Now + terms - Epsilon));
        if (day <= _payments.LastDay)
        {
            _payments.Add(day, link, payer.Index, payee.Index, amount);
        }
    }

    /// <summary>
    /// <paramref name="payer"/> pays <paramref name="amount"/> to <paramref name="payee"/> (null: an
    /// outside cost): cash first, then credit, the rest becomes arrears.
    /// </summary>
    private void Pay(Node payer, double amount, Node? payee)
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
        if (rest > Epsilon)
        {
            payer.Arrears.Enqueue(payee, rest);
            payer.ArrearsTotal += rest;
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
    private void Receive(Node payee, double amount)
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

    private void SettleArrears(Node n)
    {
        var arrears = n.Arrears;
        while (arrears.Count > 0)
        {
            double available = Math.Max(0, n.Cash) + Math.Max(0, n.CreditLimit - n.CreditBalance);
            if (available <= Epsilon)
            {
                return;
            }

            ref var head = ref arrears.Peek();
            var payee = head.Payee;
            double pay = Math.Min(available, head.Amount);
            head.Amount -= pay;
            if (head.Amount <= Epsilon)
            {
                arrears.Dequeue();
            }

            double fromCash = Math.Min(Math.Max(0, n.Cash), pay);
            n.Cash -= fromCash;
            n.CreditBalance += pay - fromCash;
            n.ArrearsTotal = arrears.Count == 0 ? 0 : n.ArrearsTotal - pay;
            if (payee is not null)
            {
                // Upstream only (the graph has no cycles), so this never comes back to n.
                Receive(payee, pay);
            }
        }
    }

    /// <summary>Steps (1) to (5) of the day's end (see the file header).</summary>
    private void EndOfDayEconomics(int day)
    {
        // (1) Payments due today.
        int next = _payments.Detach(day);
        while (next >= 0)
        {
            next = _payments.Take(next, out var payment);
            Pay(_nodes[payment.Payer], payment.Amount, _nodes[payment.Payee]);
        }

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
                double area = StockArea(n, Clock);
                double holding = (area - n.HoldingAreaPaid) * n.HoldingCostPerUnitDay;
                n.HoldingAreaPaid = area;
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
        double insolvencyDays = _definition.Economics.InsolvencyExitDays;
        double withdrawalDays = _definition.Economics.ProfitWithdrawalCashDays;
        _suppliersInStress = 0;
        foreach (var n in _suppliers)
        {
            if (!n.Active)
            {
                continue;
            }

            n.InStress = n.ArrearsTotal > Epsilon || _production.IsCashBlocked(n);
            if (n.InStress)
            {
                _suppliersInStress++;
                n.StressDays++;
                _ledger.Sum.StressDays++;
                n.ConsecutiveStressDays++;
                if (n.ConsecutiveStressDays >= insolvencyDays)
                {
                    Exit(n, "insolvency");
                    continue;
                }
            }
            else
            {
                n.ConsecutiveStressDays = 0;
                double target = withdrawalDays * n.DailyCost;
                if (n.Cash > target && n.CreditBalance <= Epsilon)
                {
                    n.Cash -= _definition.Economics.ProfitWithdrawalShare * (n.Cash - target);
                }
            }

            if (day >= n.NextMarginReview - Epsilon)
            {
                double margin = n.WindowRevenue > 0
                    ? (n.WindowRevenue - n.WindowCost) / n.WindowRevenue
                    : n.WindowCost > 0 ? double.NegativeInfinity : 0;
                n.WindowRevenue = 0;
                n.WindowCost = 0;
                n.NextMarginReview += _definition.Economics.MarginReviewDays;
                if (margin < n.Definition.AlternativeMargin)
                {
                    Exit(n, "margin");
                }
            }
        }
    }

    /// <summary>The supplier leaves the chain now (see the file header).</summary>
    private void Exit(Node n, string cause)
    {
        _disruptions.OnExit(n);

        if (n.InStress)
        {
            _suppliersInStress--;
        }

        n.Active = false;
        n.ExitDay = _sim.Now;
        n.ExitCause = cause;
        _log.RecordExit(n.Definition.Id, n.Cash, cause);
        _production.Stop(n);
        if (n.Tier is >= 1 and <= 3)
        {
            _activeByTier[n.Tier]--;
        }

        // Sources must be renormalised by every customer from now on; re-sourcing moves the share.
        _ordering.SourcesChanged();
        _resourcing.SourceExited(n);
        _shipping.CancelOrdersOf(n);
        _shipping.DropBacklog(n);
    }
}
