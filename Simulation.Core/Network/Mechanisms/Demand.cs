// Mechanism 1d, end-customer demand at buyers (DESIGN.md section 5).
//
//   orders arrive at t_1, t_2, ... with t_k - t_(k-1) ~ InterarrivalDays (t_0 = 0), from stream "demand_interarrival"
//   size    q(t) = max(0, draw of Quantity) * (1 + A * cos(2 pi (t - peak) / period)), from stream "demand"
//   met     = min(on hand, q)  (on hand > 0 implies no backorders: arrivals fill backorders first)
//   unmet   = q - met: backordered (filled first, FIFO in aggregate, when goods arrive) or lost
//   fill rate = sum of met / sum of q;  backorder unit-days and stock-out days are exact time integrals
//   of the buyer's backorders and of [on hand = 0].
namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private void InitialiseBuyer(Node buyer, ulong entityKey)
    {
        var demand = buyer.Definition.Demand;
        if (demand is null)
        {
            return;
        }

        if (demand.InterarrivalDays is Randomness.ConstantDistribution { Value: <= 0 })
        {
            throw Invalid($"Buyer '{buyer.Id}': demand InterarrivalDays must be > 0.");
        }

        buyer.Demand = demand;
        buyer.DemandStream = _context.Streams.Create(entityKey, DemandKey);
        buyer.InterarrivalStream = _context.Streams.Create(entityKey, InterarrivalKey);
        buyer.DemandArrival = () => OnDemand(buyer);
    }

    private void StartDemand()
    {
        foreach (var buyer in _buyers)
        {
            if (buyer.Demand is not null)
            {
                ScheduleNextDemand(buyer);
            }
        }
    }

    private void ScheduleNextDemand(Node buyer)
    {
        double gap = Math.Max(0, buyer.Demand!.InterarrivalDays.Sample(buyer.InterarrivalStream));
        if (_sim.Now + gap <= _horizon)
        {
            _sim.Schedule(gap, buyer.DemandArrival, DemandPriority);
        }
    }

    private void OnDemand(Node buyer)
    {
        var demand = buyer.Demand!;
        double now = _sim.Now;
        double quantity = Math.Max(0, demand.Quantity.Sample(buyer.DemandStream)) * Math.Max(0, SeasonalFactor(demand, now));

        AccrueBuyerLevels(buyer);
        var fg = buyer.Fg;
        double met = Math.Min(Math.Max(0, fg.OnHand), quantity);
        fg.OnHand -= met;
        _totals.DemandUnits += quantity;
        _totals.MetOnArrival += met;
        _totals.DeliveredUnits += met;
        double unmet = quantity - met;
        if (unmet > 0)
        {
            if (buyer.Backorder)
            {
                fg.Backorders += unmet;
            }
            else
            {
                _totals.LostUnits += unmet;
                _totals.LostValue += unmet * demand.SellingPrice;
            }
        }

        CheckContinuous(fg);
        ScheduleNextDemand(buyer);
    }

    /// <summary>1 + A cos(2 pi (t - peak) / period); 1 without seasonality.</summary>
    private static double SeasonalFactor(Definitions.DemandDefinition demand, double time) =>
        demand.SeasonalAmplitude == 0 || !(demand.SeasonalPeriodDays > 0)
            ? 1
            : 1 + (demand.SeasonalAmplitude * Math.Cos(2 * Math.PI * (time - demand.SeasonalPeakDay) / demand.SeasonalPeriodDays));

    /// <summary>Goods arrived at a buyer: backorders are filled first.</summary>
    private void FillBackorders(Node buyer)
    {
        var fg = buyer.Fg;
        double filled = Math.Min(fg.OnHand, fg.Backorders);
        if (filled > 0)
        {
            fg.OnHand -= filled;
            fg.Backorders -= filled;
            _totals.DeliveredUnits += filled;
        }
    }

    /// <summary>Brings the buyer's backorder and stock-out integrals up to now; call before its levels change.</summary>
    private void AccrueBuyerLevels(Node buyer)
    {
        double now = Clock;
        double dt = now - buyer.LevelsSince;
        if (dt > 0)
        {
            buyer.BackorderArea += buyer.Fg.Backorders * dt;
            if (buyer.Fg.OnHand <= Epsilon)
            {
                buyer.StockoutArea += dt;
            }

            buyer.LevelsSince = now;
        }
    }
}
