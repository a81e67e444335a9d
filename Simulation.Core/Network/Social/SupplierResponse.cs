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

internal sealed partial class NetworkModel
{
    /// <summary>The supplier's own investment, brought up to <paramref name="now"/>, then its decision (see the file header).</summary>
    private void RespondToIncentives(SupplierSocial s, double now)
    {
        var response = _social!.SupplierResponse;
        if (response.Rule != SupplierResponseRule.Responsive)
        {
            return;
        }

        var n = s.Node;
        double g = response.CapabilityGainPerYear / DaysPerYear;
        double costPerDay = response.InvestmentCostDaysPerYear * n.DailyCost / DaysPerYear;
        if (!double.IsNaN(s.InvestingSince))
        {
            double capability = 1 - ((1 - s.InvestCapabilityAtStart) * Math.Exp(-g * (now - s.InvestingSince)));
            double until = now;
            if (capability >= s.InvestTarget)
            {
                // Reached the target between reviews: stop there.
                until = s.InvestingSince + (Math.Log((1 - s.InvestCapabilityAtStart) / (1 - s.InvestTarget)) / g);
                capability = s.InvestTarget;
            }

            double cost = costPerDay * Math.Max(0, until - s.InvestAccruedTo);
            s.InvestAccruedTo = until;
            s.Capability = Math.Max(s.Capability, capability);
            PayInvestment(n, cost);
            if (until < now || _capacityBuilding!.InProgramme(s))
            {
                s.InvestingSince = double.NaN;
            }

            return;
        }

        var offer = _financing!.SeenBy(s);
        if (_capacityBuilding!.InProgramme(s) || !(offer.RateBase > 0) || !(s.Capability < offer.Target) || !(now > 0))
        {
            return;
        }

        double tau = Math.Log((1 - s.Capability) / (1 - offer.Target)) / g;
        double benefit = offer.Discount * offer.RateBase / now * Math.Max(0, (response.PlanningHorizonDays - tau));
        double total = costPerDay * tau;
        double available = Math.Max(0, n.Cash) + Math.Max(0, n.CreditLimit - n.CreditBalance);
        if (benefit > total && available - total >= response.CashReserveDays * n.DailyCost)
        {
            s.InvestingSince = now;
            s.InvestAccruedTo = now;
            s.InvestCapabilityAtStart = s.Capability;
            s.InvestTarget = offer.Target;
        }
    }

    /// <summary>At detection: whether a responsive supplier facing a suspend or exit response remediates by the deadline, paying for it, because that pays (see the file header).</summary>
    private bool ConsiderExpediting(SupplierSocial s, Violation v, double t)
    {
        var social = _social!;
        var response = social.SupplierResponse;
        var threat = social.CorrectiveActions.Response;
        if (response.Rule != SupplierResponseRule.Responsive || threat == BuyerResponse.Engage || !(v.RemediatedAt > v.DeadlineAt) || !(t > 0))
        {
            return false;
        }

        var n = s.Node;
        double saved = v.RemediatedAt - v.DeadlineAt;
        double margin = n.WindowRevenue > 0 ? Math.Max(0, (n.WindowRevenue - n.WindowCost) / n.WindowRevenue) : 0;
        double atStake = n.Revenue / t * margin * (threat == BuyerResponse.Exit ? response.PlanningHorizonDays : saved);
        double cost = response.ExpediteCostDaysPerDaySaved * n.DailyCost * saved;
        double available = Math.Max(0, n.Cash) + Math.Max(0, n.CreditLimit - n.CreditBalance);
        if (atStake > cost && available - cost >= response.CashReserveDays * n.DailyCost)
        {
            _socialLedger.Sum.Expedited++;
            _socialLedger.Sum.RemediationCost += cost;
            n.WindowCost += cost;
            Pay(n, cost, payee: null);
            return true;
        }

        return false;
    }

    private void PayInvestment(Node n, double cost)
    {
        if (cost > 0)
        {
            _socialLedger.Sum.CapabilityInvestment += cost;
            n.WindowCost += cost;
            Pay(n, cost, payee: null);
        }
    }
}
