// Mechanism 8, financing (DESIGN.md section 5; docs/model.md).
//
//   supply-chain finance: a delivery at t from an eligible supplier to the offering buyer, inside
//     [start_day, end_day], with the buyer's terms T > pay_after_days P: the supplier is paid at the end
//     of day ceil(t + P) the amount A * (1 - r * (T - P) / 365) instead of A at ceil(t + T); the bank
//     collects A from the buyer at T (the buyer side's cash is not modelled). r = annual_rate, cut by
//     rate_discount (not below 0) when the supplier's capability >= capability_target and it has no
//     overdue corrective action (outcome-linked finance). The discount is scf_discount_cost. Pricing on
//     the buyer's credit, not the supplier's (bank programme descriptions; P&G pays at day 15, CALIBRATION.md).
//   direct lending: from start_day, every eligible supplier whose credit limit is below
//     limit_days_of_cost * daily cost gets that limit at annual_rate instead (replacing its regional terms).
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private SupplyChainFinanceDefinition[]?[] _financeByPayer = [];
    private bool[] _lendingOpened = [];

    private void BuildFinancing()
    {
        var social = _social!;
        _lendingOpened = new bool[social.DirectLending.Count];
        if (social.SupplyChainFinance.Count == 0)
        {
            return;
        }

        var byPayer = new List<SupplyChainFinanceDefinition>?[_nodes.Length];
        foreach (var offer in social.SupplyChainFinance)
        {
            if (_nodeIndex.TryGetValue(offer.Buyer, out int index))
            {
                (byPayer[index] ??= []).Add(offer);
            }
        }

        _financeByPayer = Array.ConvertAll(byPayer, list => list is null ? null : list.ToArray());
    }

    /// <summary>
    /// Hook of <c>SchedulePayment</c> (Economics.cs): when a supply-chain finance offer covers this
    /// payment, the supplier is paid after the offer's days, less the discount.
    /// </summary>
    private void ApplySupplyChainFinance(Node payer, Node payee, ref double termsDays, ref double amount)
    {
        if (_financeByPayer.Length == 0 || _financeByPayer[payer.Index] is not { } offers || payee.Social is not { } s)
        {
            return;
        }

        double now = _sim.Now;
        foreach (var offer in offers)
        {
            if (now < offer.StartDay || now > offer.EndDay || !(offer.PayAfterDays < termsDays) || !RiskSegmentation.Matches(offer.Target, s))
            {
                continue;
            }

            double rate = offer.AnnualRateChanges.ValueAt(offer.AnnualRate, now);
            double years = (termsDays - offer.PayAfterDays) / DaysPerYear;
            if (double.IsFinite(offer.CapabilityTarget))
            {
                // What the supplier sees of the offer (supplier response, SupplierResponse.cs).
                s.OutcomeRateBase += amount * years;
                s.OutcomeTarget = offer.CapabilityTarget;
                s.OutcomeDiscount = offer.RateDiscount;
            }

            if (s.Capability >= offer.CapabilityTarget && _actions!.OverdueCountOf(s) == 0)
            {
                rate = Math.Max(0, rate - offer.RateDiscount);
                _socialLedger.Sum.OutcomeLinkedDiscount += amount * (offer.AnnualRate - rate) * years;
            }

            double discount = amount * rate * (termsDays - offer.PayAfterDays) / DaysPerYear;
            amount -= discount;
            termsDays = offer.PayAfterDays;
            _socialLedger.Sum.ScfDiscount += discount;
            _socialLedger.Sum.ScfEarlyPayments += amount;
            payee.WindowCost += discount;
            return;
        }
    }

    private void OpenDirectLending(double now)
    {
        var lending = _social!.DirectLending;
        for (int k = 0; k < lending.Count; k++)
        {
            var offer = lending[k];
            if (_lendingOpened[k] || now < offer.StartDay)
            {
                continue;
            }

            _lendingOpened[k] = true;
            foreach (var s in _socialSuppliers)
            {
                var n = s.Node;
                double limit = offer.LimitDaysOfCost * n.DailyCost;
                if (s.InChain && limit > n.CreditLimit && RiskSegmentation.Matches(offer.Target, s))
                {
                    n.CreditLimit = limit;
                    n.CreditDailyRate = offer.AnnualRate / DaysPerYear;
                    if (n.Arrears.Count > 0)
                    {
                        SettleArrears(n);
                    }
                }
            }
        }
    }
}
