// Suppliers that respond (docs/model.md, supplier response): a responsive supplier offered
// outcome-linked finance (a rate discount d at capability target C*) invests in its own capability.
//
//   seen so far: base = sum over its financed payments of amount * (terms - pay_after) / 365 (the
//     amount-years the rate applies to), so the discount would be worth B = d * base * 365 / t a year
//   decision, at each social review, by a supplier in the chain, in no programme, not investing,
//     below C*: time to reach it tau = 365 * ln((1 - C) / (1 - C*)) / g days; it invests when
//       B * max(0, H - tau) / 365  >  k * daily cost * tau / 365          (benefit over the horizon H
//                                                                          against the cost)
//     and cash + free credit - k * daily cost * tau / 365 >= reserve * daily cost (bounded by its cash)
//   investing from t0: C(t) = 1 - (1 - C(t0)) * exp(-g (t - t0) / 365) until C* (then it stops), cost
//     k * daily cost / 365 a day, paid at each review (capability_investment_cost); it stops when a
//     buyer's programme enrols it. Passive suppliers never invest.
//   exit threat: at a detection whose fix R would come after the deadline D, under the suspend or exit
//     response, a responsive supplier brings the fix forward to D when
//       loss = r * m * (H for exit, R - D for suspend)  >  cost = e * daily cost * (R - D)
//     and cash + free credit - cost >= reserve * daily cost; r = its revenue per day since day 0, m its
//     margin in the current margin window (0 without revenue), e = expedite_cost_days_per_day_saved;
//     the cost is remediation_cost, the count expedited_remediations.
//   g = capability_gain_per_year, k = investment_cost_days_per_year, H = planning_horizon_days,
//   reserve = cash_reserve_days.
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Suppliers that respond (see the file header): owns each supplier's own capability investment
/// (since when, from which capability, to which target, cost accrued) and decides on expediting a
/// fix. Reads the offers it has seen from financing and its enrolment from capacity building; pays
/// through <see cref="ISupplierAccounts"/>.
/// </summary>
internal sealed class SupplierResponse
{
    private const double DaysPerYear = 365;

    private readonly SupplierResponseDefinition _response;
    private readonly BuyerResponse _threat;
    private readonly Investment[] _investment;
    private readonly SocialLedger _ledger;
    private readonly ISupplierAccounts _accounts;
    private readonly CapacityBuilding _capacityBuilding;
    private readonly Financing _financing;

    /// <param name="social">The social definition (the supplier response; the buyers' response it faces).</param>
    /// <param name="supplierCount">Suppliers in the network.</param>
    /// <param name="ledger">The social totals.</param>
    /// <param name="accounts">The supplier's cash, costs and margin.</param>
    /// <param name="capacityBuilding">Whether a programme enrolled the supplier (it then stops investing itself).</param>
    /// <param name="financing">The outcome-linked offers the supplier has seen.</param>
    public SupplierResponse(SocialDefinition social, int supplierCount, SocialLedger ledger, ISupplierAccounts accounts, CapacityBuilding capacityBuilding, Financing financing)
    {
        _response = social.SupplierResponse;
        _threat = social.CorrectiveActions.Response;
        _ledger = ledger;
        _accounts = accounts;
        _capacityBuilding = capacityBuilding;
        _financing = financing;
        _investment = new Investment[supplierCount];
        for (int i = 0; i < supplierCount; i++)
        {
            _investment[i].Since = double.NaN;
        }
    }

    /// <summary>At a review: the supplier's own investment, brought up to <paramref name="now"/>, then its decision (see the file header).</summary>
    public void Respond(SupplierSocial s, double now)
    {
        var response = _response;
        if (response.Rule != SupplierResponseRule.Responsive)
        {
            return;
        }

        var n = s.Node;
        ref var investment = ref _investment[s.Index];
        double g = response.CapabilityGainPerYear / DaysPerYear;
        double costPerDay = response.InvestmentCostDaysPerYear * _accounts.DailyCostOf(n) / DaysPerYear;
        if (!double.IsNaN(investment.Since))
        {
            double capability = 1 - ((1 - investment.CapabilityAtStart) * Math.Exp(-g * (now - investment.Since)));
            double until = now;
            if (capability >= investment.Target)
            {
                // Reached the target between reviews: stop there.
                until = investment.Since + (Math.Log((1 - investment.CapabilityAtStart) / (1 - investment.Target)) / g);
                capability = investment.Target;
            }

            double cost = costPerDay * Math.Max(0, until - investment.AccruedTo);
            investment.AccruedTo = until;
            s.Capability = Math.Max(s.Capability, capability);
            if (cost > 0)
            {
                _ledger.Sum.CapabilityInvestment += cost;
                _accounts.PayCost(n, cost);
            }

            if (until < now || _capacityBuilding.InProgramme(s))
            {
                investment.Since = double.NaN;
            }

            return;
        }

        var offer = _financing.SeenBy(s);
        if (_capacityBuilding.InProgramme(s) || !(offer.RateBase > 0) || !(s.Capability < offer.Target) || !(now > 0))
        {
            return;
        }

        double tau = Math.Log((1 - s.Capability) / (1 - offer.Target)) / g;
        double benefit = offer.Discount * offer.RateBase / now * Math.Max(0, (response.PlanningHorizonDays - tau));
        double total = costPerDay * tau;
        if (benefit > total && _accounts.FundsOf(n) - total >= response.CashReserveDays * _accounts.DailyCostOf(n))
        {
            investment.Since = now;
            investment.AccruedTo = now;
            investment.CapabilityAtStart = s.Capability;
            investment.Target = offer.Target;
        }
    }

    /// <summary>At detection: whether a responsive supplier facing a suspend or exit response remediates by the deadline, paying for it, because that pays (see the file header).</summary>
    public bool Expedites(SupplierSocial s, Violation v, double t)
    {
        var response = _response;
        if (response.Rule != SupplierResponseRule.Responsive || _threat == BuyerResponse.Engage || !(v.RemediatedAt > v.DeadlineAt) || !(t > 0))
        {
            return false;
        }

        var n = s.Node;
        double saved = v.RemediatedAt - v.DeadlineAt;
        double atStake = _accounts.RevenueOf(n) / t * _accounts.MarginOf(n) * (_threat == BuyerResponse.Exit ? response.PlanningHorizonDays : saved);
        double cost = response.ExpediteCostDaysPerDaySaved * _accounts.DailyCostOf(n) * saved;
        if (atStake > cost && _accounts.FundsOf(n) - cost >= response.CashReserveDays * _accounts.DailyCostOf(n))
        {
            _ledger.Sum.Expedited++;
            _ledger.Sum.RemediationCost += cost;
            _accounts.PayCost(n, cost);
            return true;
        }

        return false;
    }

    /// <summary>A supplier's own investment in its capability (Since = NaN: not investing).</summary>
    private struct Investment
    {
        public double Since;
        public double CapabilityAtStart;
        public double Target;
        public double AccruedTo;
    }
}
