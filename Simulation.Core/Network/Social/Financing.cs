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

/// <summary>What a supplier has seen of outcome-linked finance so far (read by its own response).</summary>
/// <param name="RateBase">Sum over its financed payments of amount * (terms - pay_after) / 365.</param>
/// <param name="Target">The capability target of the last outcome-linked offer (NaN: none seen).</param>
/// <param name="Discount">That offer's rate discount.</param>
internal readonly record struct OutcomeOffer(double RateBase, double Target, double Discount);

/// <summary>
/// Financing (see the file header): owns the supply-chain finance offers by payer, which direct
/// lending offers have opened, and what each supplier has seen of outcome-linked offers. Discounts and
/// credit lines are booked through <see cref="ISupplierAccounts"/>.
/// </summary>
internal sealed class Financing
{
    private const double DaysPerYear = 365;

    private readonly SupplyChainFinanceDefinition[]?[] _financeByPayer = [];
    private readonly IReadOnlyList<DirectLendingDefinition> _lending;
    private readonly bool[] _lendingOpened;
    private readonly SupplierSocial[] _suppliers;
    private readonly OutcomeOffer[] _seen;
    private readonly SocialLedger _ledger;
    private readonly ISupplierAccounts _accounts;
    private readonly IOverdueFindings _overdue;

    /// <param name="social">The social definition (supply-chain finance, direct lending).</param>
    /// <param name="nodeCount">Nodes in the network (offers are indexed by their paying buyer).</param>
    /// <param name="nodeIndex">Node ids to indices.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="ledger">The social totals.</param>
    /// <param name="accounts">Where discounts and credit lines are booked.</param>
    /// <param name="overdue">Overdue corrective actions (they forfeit the outcome-linked discount).</param>
    public Financing(
        SocialDefinition social,
        int nodeCount,
        IReadOnlyDictionary<string, int> nodeIndex,
        SupplierSocial[] suppliers,
        SocialLedger ledger,
        ISupplierAccounts accounts,
        IOverdueFindings overdue)
    {
        _lending = social.DirectLending;
        _lendingOpened = new bool[social.DirectLending.Count];
        _suppliers = suppliers;
        _ledger = ledger;
        _accounts = accounts;
        _overdue = overdue;
        _seen = new OutcomeOffer[suppliers.Length];
        Array.Fill(_seen, new OutcomeOffer(0, double.NaN, 0));
        if (social.SupplyChainFinance.Count == 0)
        {
            return;
        }

        var byPayer = new List<SupplyChainFinanceDefinition>?[nodeCount];
        foreach (var offer in social.SupplyChainFinance)
        {
            if (nodeIndex.TryGetValue(offer.Buyer, out int index))
            {
                (byPayer[index] ??= []).Add(offer);
            }
        }

        _financeByPayer = Array.ConvertAll(byPayer, list => list?.ToArray());
    }

    /// <summary>What the supplier has seen of outcome-linked offers so far.</summary>
    public OutcomeOffer SeenBy(SupplierSocial s) => _seen[s.Index];

    /// <summary>
    /// Hook of payment scheduling (economics), at <paramref name="now"/>: when a supply-chain finance
    /// offer covers this payment, the supplier is paid after the offer's days, less the discount.
    /// </summary>
    public void Apply(Node payer, Node payee, double now, ref double termsDays, ref double amount)
    {
        if (_financeByPayer.Length == 0 || _financeByPayer[payer.Index] is not { } offers || payee.Social is not { } s)
        {
            return;
        }

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
                ref var seen = ref _seen[s.Index];
                seen = new OutcomeOffer(seen.RateBase + (amount * years), offer.CapabilityTarget, offer.RateDiscount);
            }

            if (s.Capability >= offer.CapabilityTarget && _overdue.OverdueCountOf(s) == 0)
            {
                rate = Math.Max(0, rate - offer.RateDiscount);
                _ledger.Sum.OutcomeLinkedDiscount += amount * (offer.AnnualRate - rate) * years;
            }

            double discount = amount * rate * (termsDays - offer.PayAfterDays) / DaysPerYear;
            amount -= discount;
            termsDays = offer.PayAfterDays;
            _ledger.Sum.ScfDiscount += discount;
            _ledger.Sum.ScfEarlyPayments += amount;
            _accounts.BookFinanceDiscount(payee, discount);
            return;
        }
    }

    /// <summary>Direct lending offers that open at <paramref name="now"/> give eligible suppliers their credit line.</summary>
    public void OpenDirectLending(double now)
    {
        for (int k = 0; k < _lending.Count; k++)
        {
            var offer = _lending[k];
            if (_lendingOpened[k] || now < offer.StartDay)
            {
                continue;
            }

            _lendingOpened[k] = true;
            foreach (var s in _suppliers)
            {
                var n = s.Node;
                double limit = offer.LimitDaysOfCost * _accounts.DailyCostOf(n);
                if (s.InChain && limit > _accounts.CreditLimitOf(n) && RiskSegmentation.Matches(offer.Target, s))
                {
                    _accounts.OpenCreditLine(n, limit, offer.AnnualRate / DaysPerYear);
                }
            }
        }
    }
}
