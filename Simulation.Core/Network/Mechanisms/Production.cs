// Mechanism 1c, production (DESIGN.md section 5): capacity-limited production from inputs.
//
//   what can start = min(production due, room in capacity (see below),
//                        min over inputs i of on hand_i / QuantityPerUnit_i,
//                        (cash + credit headroom) / UnitCost)
//   when it starts: inputs consumed (units * QuantityPerUnit_i) and UnitCost * units paid
//   when it ends:   units to finished goods, then the customer backlog is served FIFO;
//                   production CO2e and water = per-unit figures * units
//   nothing starts while the supplier has arrears (liquidity stress) or no capacity; a start that cash
//   cuts below what capacity and inputs allow marks the day as cash-blocked (also liquidity stress).
//
// Three cases, by capacity and batch size:
//   infinite CapacityPerDay: instantaneous, limited by inputs and cash only.
//   finite BatchSize B (explicit batches): a batch of up to B units runs at rate CapacityPerDay *
//     capacity fraction; duration = batch / rate, re-timed exactly when the rate changes mid-batch
//     (work left / new rate; paused while the rate is 0).
//   infinite BatchSize (continuous production): daily production runs. At the start of each day
//     (day 0 and every day's end) a run is planned of up to CapacityPerDay * capacity fraction (now)
//     minus work still in progress; at the day's end the output is min(work in progress,
//     CapacityPerDay * integral of the capacity fraction over the day), the rest carries over. Work
//     ordered during a day starts the next day: production takes one day, as for a day's capacity.
//     Runs live in the day-end callback, so a network of thousands of smallholders costs no kernel
//     event for production at all.
//
// Capacity: CapacityPerDay, times 1 + capacity_gain * G once capacity building has raised the
// supplier's capability by G (Social/CapacityBuilding.cs; the gain, and so the capacity, stays). It changes only at social reviews, at a day's
// end after the next day's runs were planned: SetCapacity re-times a running batch and tops the planned
// daily run up to the new capacity, so the new capacity counts from the review on.
//
// Production due grows with make-to-stock production orders (the finished-goods policy, Ordering.cs)
// or, with policy None (make to order), with every customer order that stock cannot fill.
namespace Simulation.Core.Network;

/// <summary>What ordering and fulfilment tell production: make more units (a make-to-stock order, or a customer order stock cannot fill).</summary>
internal interface IProductionOrders
{
    /// <summary>Adds <paramref name="units"/> to what <paramref name="supplier"/> must make (and to its finished goods on order), and starts what can start.</summary>
    void OrderProduction(Node supplier, double units);
}

internal sealed partial class NetworkModel
{
    private readonly Node[] _dailyRunners;

    /// <summary>
    /// Starts what can start now: instantaneous production (infinite capacity) or the next explicit
    /// batch. Suppliers on daily runs start work only at day boundaries (<see cref="RunProductionDay"/>).
    /// </summary>
    private void TryStartProduction(Node n)
    {
        // Output can raise production due (a make-to-stock policy reorders); the loop below picks
        // that up, so a nested call has nothing to do.
        if (n.DailyRuns || n.InProductionLoop)
        {
            return;
        }

        n.InProductionLoop = true;
        n.CashBlocked = false;
        bool finite = double.IsFinite(n.Capacity);
        while (n.Active && !n.Busy && n.CapacityFraction > 0 && n.ArrearsTotal <= Epsilon)
        {
            double units = Producible(n, finite ? n.BatchSize : double.PositiveInfinity);
            if (units <= Epsilon)
            {
                break;
            }

            Start(n, units);
            if (!finite)
            {
                Output(n, units);
                continue;
            }

            double rate = n.Capacity * n.CapacityFraction;
            n.Busy = true;
            n.Wip = units;
            n.WorkLeft = units;
            n.Rate = rate;
            n.LastRateChange = _sim.Now;
            double duration = units / rate;
            n.BatchEnd = _sim.Now + duration;
            _sim.Schedule(duration, n.BatchDone, ProductionPriority);
        }

        n.InProductionLoop = false;
    }

    /// <summary>
    /// What can start now, at most <paramref name="room"/> units: production due, inputs and cash
    /// permitting. Sets <see cref="Node.CashBlocked"/> when cash holds back any of it.
    /// </summary>
    private static double Producible(Node n, double room)
    {
        double units = Math.Min(n.ProductionDue, room);
        if (units <= Epsilon)
        {
            return 0;
        }

        foreach (var input in n.Inputs)
        {
            units = Math.Min(units, Math.Max(0, input.OnHand) / input.QuantityPerUnit);
        }

        if (units <= Epsilon)
        {
            return 0; // waiting for inputs
        }

        if (n.UnitCost > 0)
        {
            // Cash holding back any part of what could start is stress, not only a full stop: a supplier
            // that can pay for a trickle each day would otherwise never count a stress day, never leave,
            // and keep its customers' orders (which they count as on order) waiting indefinitely.
            double affordable = (Math.Max(0, n.Cash) + Math.Max(0, n.CreditLimit - n.CreditBalance)) / n.UnitCost;
            if (affordable < units - Epsilon)
            {
                n.CashBlocked = true;
            }

            if (affordable <= Epsilon)
            {
                return 0;
            }

            units = Math.Min(units, affordable);
        }

        return units;
    }

    /// <summary>Consumes the inputs of <paramref name="units"/> and pays for their conversion.</summary>
    private void Start(Node n, double units)
    {
        n.ProductionDue -= units;
        foreach (var input in n.Inputs)
        {
            input.OnHand -= units * input.QuantityPerUnit;
        }

        if (n.UnitCost > 0)
        {
            double cost = units * n.UnitCost;
            n.WindowCost += cost;
            Pay(n, cost, payee: null);
        }

        foreach (var input in n.Inputs)
        {
            _ordering.PositionChanged(input);
        }
    }

    private void OnBatchDone(Node n)
    {
        // A batch re-timed by a disruption leaves its earlier completion behind: ignore it.
        if (!n.Busy || _sim.Now != n.BatchEnd)
        {
            return;
        }

        n.Busy = false;
        double units = n.Wip;
        n.Wip = 0;
        Output(n, units);
        TryStartProduction(n);
    }

    /// <summary>
    /// The daily runs at a day boundary: finish the day that ends now (unless <paramref name="finish"/>
    /// is false, at day 0), then plan the day that starts now, supplier by supplier in definition order.
    /// </summary>
    private void RunProductionDay(bool finish)
    {
        double now = _sim.Now;
        foreach (var n in _dailyRunners)
        {
            if (!n.Active)
            {
                continue;
            }

            double capacityDays = n.CapacityArea + (n.CapacityFraction * (now - n.CapacitySince));
            n.CapacityArea = 0;
            n.CapacitySince = now;
            if (finish && n.Wip > Epsilon)
            {
                double units = Math.Min(n.Wip, n.Capacity * capacityDays);
                if (units > Epsilon)
                {
                    n.Wip -= units;
                    Output(n, units);
                }
            }

            n.CashBlocked = false;
            if (n.ArrearsTotal <= Epsilon)
            {
                double units = Producible(n, (n.Capacity * n.CapacityFraction) - n.Wip);
                if (units > Epsilon)
                {
                    Start(n, units);
                    n.Wip += units;
                }
            }
        }
    }

    private void Output(Node n, double units)
    {
        var fg = n.Fg;
        fg.OnHand += units;
        fg.OnOrder = Math.Max(0, fg.OnOrder - units);
        n.UnitsProduced += units;
        _ledger.Sum.UnitsProduced += units;
        _ledger.Sum.Co2eKg += units * n.Co2eKgPerUnit;
        _ledger.Sum.WaterL += units * n.WaterLPerUnit;
        ServeBacklog(n);
    }

    /// <summary>Sets a supplier's capacity fraction; a running batch is re-timed for its work left.</summary>
    void ICapacityFraction.SetCapacityFraction(Node n, double fraction)
    {
        double now = _sim.Now;
        n.CapacityArea += n.CapacityFraction * (now - n.CapacitySince);
        n.CapacitySince = now;
        n.CapacityFraction = fraction;

        if (n.Busy)
        {
            RetimeBatch(n);
        }
        else
        {
            TryStartProduction(n);
        }
    }

    /// <summary>
    /// Sets a supplier's capacity per day (capacity building): a running batch is re-timed, and a daily
    /// run planned before the change is topped up to the new capacity (or left to carry over when it
    /// fell), as if the day had been planned with it.
    /// </summary>
    private void SetCapacity(Node n, double capacity)
    {
        if (capacity == n.Capacity || !double.IsFinite(n.Capacity))
        {
            return;
        }

        double now = _sim.Now;
        if (n.DailyRuns)
        {
            // The day's output is Capacity * (capacity-days so far): rescale what ran before the
            // change so that it still counts at the old capacity.
            n.CapacityArea = (n.CapacityArea + (n.CapacityFraction * (now - n.CapacitySince))) * n.Capacity / capacity;
            n.CapacitySince = now;
        }

        n.Capacity = capacity;
        n.DailyCost = DailyCostOf(n);
        if (!n.Active)
        {
            return;
        }

        if (n.Busy)
        {
            RetimeBatch(n);
        }
        else if (n.DailyRuns && n.ArrearsTotal <= Epsilon)
        {
            double units = Producible(n, (n.Capacity * n.CapacityFraction) - n.Wip);
            if (units > Epsilon)
            {
                Start(n, units);
                n.Wip += units;
            }
        }
    }

    /// <summary>A running batch continues at the rate Capacity * CapacityFraction from now: its end is re-timed for the work left.</summary>
    private void RetimeBatch(Node n)
    {
        double now = _sim.Now;
        n.WorkLeft = Math.Max(0, n.WorkLeft - (n.Rate * (now - n.LastRateChange)));
        n.LastRateChange = now;
        n.Rate = n.Capacity * n.CapacityFraction;
        if (n.WorkLeft <= Epsilon)
        {
            // Done at this very instant: its completion, already scheduled for now, stands.
        }
        else if (n.Rate > 0)
        {
            double duration = n.WorkLeft / n.Rate;
            n.BatchEnd = now + duration;
            _sim.Schedule(duration, n.BatchDone, ProductionPriority);
        }
        else
        {
            n.BatchEnd = double.NaN; // paused until capacity returns
        }
    }
}
