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
using Simulation.Core.Engine;

namespace Simulation.Core.Network;

/// <summary>
/// Production (see the file header): owns every supplier's production line (production due, work in
/// progress, the running batch and its timing, the daily run's capacity-days, whether cash held it
/// back today). Writes a supplier's capacity and capacity fraction, its finished goods and its inputs'
/// on hand; pays through economics, tells ordering when inputs were consumed and fulfilment when
/// output came in.
/// </summary>
internal sealed class Production : IProductionOrders, IProductionLines, ICapacityFraction, IDefinedCapacity, ICapacityGrowth
{
    private readonly Simulator _sim;
    private readonly Node[] _nodes;
    private readonly Node[] _suppliers;
    private readonly Node[] _dailyRunners;
    private readonly TotalsLedger _ledger;
    private readonly IProductionCash _cash;
    private IPositionChanged _ordering = null!;
    private IBacklog _fulfilment = null!;
    private readonly ProductionLine[] _lines;       // by node index (suppliers only)
    private readonly Action[] _batchDone; // by node index (suppliers only)

    /// <summary>Production lines for the suppliers among <paramref name="nodes"/> (their stocks built).</summary>
    public Production(Simulator sim, Node[] nodes, Node[] suppliers, TotalsLedger ledger, IProductionCash cash)
    {
        _sim = sim;
        _nodes = nodes;
        _suppliers = suppliers;
        _ledger = ledger;
        _cash = cash;
        _lines = new ProductionLine[nodes.Length];
        _batchDone = new Action[nodes.Length];
        foreach (var n in suppliers)
        {
            ref var line = ref _lines[n.Index];
            line.MakeToOrder = n.Fg.Kind == Definitions.InventoryPolicyKind.None;
            line.DailyRuns = double.IsFinite(n.Capacity) && !double.IsFinite(n.BatchSize);
            line.BatchEnd = double.NaN;
            _batchDone[n.Index] = () => OnBatchDone(n);
        }

        _dailyRunners = Array.FindAll(suppliers, n => _lines[n.Index].DailyRuns);
    }

    /// <summary>Connects the parts built after production: ordering (told when inputs are consumed) and fulfilment (told when output comes in).</summary>
    public void Connect(IPositionChanged ordering, IBacklog fulfilment)
    {
        _ordering = ordering;
        _fulfilment = fulfilment;
    }

    /// <summary>Plans the first daily runs at day 0 (day 0 has no end, but the runs start at it).</summary>
    public void Start()
    {
        if (_dailyRunners.Length > 0)
        {
            _sim.Schedule(0, () => RunProductionDay(finish: false), NetworkModel.DayEndPriority);
        }
    }

    /// <summary>Whether the supplier makes to order (finished-goods policy None).</summary>
    public bool IsMakeToOrder(Node n) => _lines[n.Index].MakeToOrder;

    /// <summary>Whether cash held back any of what could start today (a liquidity stress day).</summary>
    public bool IsCashBlocked(Node n) => _lines[n.Index].CashBlocked;

    /// <inheritdoc/>
    public void OrderProduction(Node supplier, double units)
    {
        _lines[supplier.Index].Due += units;
        supplier.Fg.OnOrder += units;
        TryStart(supplier);
    }

    /// <summary>A make-to-order supplier's customer cancelled <paramref name="units"/>: they are no longer to be made.</summary>
    public void CancelMadeToOrder(Node supplier, double units)
    {
        ref var line = ref _lines[supplier.Index];
        if (line.MakeToOrder)
        {
            double cut = Math.Min(units, line.Due);
            line.Due -= cut;
            supplier.Fg.OnOrder = Math.Max(0, supplier.Fg.OnOrder - cut);
        }
    }

    /// <summary>Cash came in: an idle supplier with production due tries to start.</summary>
    public void OnCashIn(Node n)
    {
        ref var line = ref _lines[n.Index];
        if (!line.Busy && line.Due > NetworkModel.Epsilon)
        {
            TryStart(n);
        }
    }

    /// <summary>The supplier leaves the chain: nothing more is made, nothing is on order for its finished goods.</summary>
    public void Stop(Node n)
    {
        _lines[n.Index].Stop();
        n.Fg.OnOrder = 0;
    }

    /// <summary>
    /// Step (4) of the day's end: the daily runs end and the next ones are planned; idle batch
    /// producers with production due try again (cash may have come in).
    /// </summary>
    public void EndOfDay()
    {
        RunProductionDay(finish: true);
        foreach (var n in _suppliers)
        {
            ref var line = ref _lines[n.Index];
            if (line.DailyRuns)
            {
                continue;
            }

            if (n.Active && !line.Busy && line.Due > NetworkModel.Epsilon)
            {
                TryStart(n);
            }
            else if (line.Busy || line.Due <= NetworkModel.Epsilon)
            {
                line.CashBlocked = false;
            }
        }
    }

    /// <summary>
    /// Starts what can start now: instantaneous production (infinite capacity) or the next explicit
    /// batch. Suppliers on daily runs start work only at day boundaries (<see cref="RunProductionDay"/>).
    /// </summary>
    public void TryStart(Node n)
    {
        ref var line = ref _lines[n.Index];

        // Output can raise production due (a make-to-stock policy reorders); the loop below picks
        // that up, so a nested call has nothing to do.
        if (line.DailyRuns || line.InLoop)
        {
            return;
        }

        line.InLoop = true;
        line.CashBlocked = false;
        bool finite = double.IsFinite(n.Capacity);
        while (n.Active && !line.Busy && n.CapacityFraction > 0 && !_cash.HasArrears(n))
        {
            double units = Producible(n, ref line, finite ? n.BatchSize : double.PositiveInfinity);
            if (units <= NetworkModel.Epsilon)
            {
                break;
            }

            StartWork(n, ref line, units);
            if (!finite)
            {
                Output(n, units);
                continue;
            }

            double duration = line.StartBatch(_sim.Now, units, n.Capacity * n.CapacityFraction);
            _sim.Schedule(duration, _batchDone[n.Index], NetworkModel.ProductionPriority);
        }

        line.InLoop = false;
    }

    /// <summary>
    /// What can start now, at most <paramref name="room"/> units: production due, inputs and cash
    /// permitting. Marks the line cash-blocked when cash holds back any of it.
    /// </summary>
    private double Producible(Node n, ref ProductionLine line, double room)
    {
        double units = Math.Min(line.Due, room);
        if (units <= NetworkModel.Epsilon)
        {
            return 0;
        }

        foreach (var input in n.Inputs)
        {
            units = Math.Min(units, Math.Max(0, input.OnHand) / input.QuantityPerUnit);
        }

        if (units <= NetworkModel.Epsilon)
        {
            return 0; // waiting for inputs
        }

        if (n.UnitCost > 0)
        {
            // Cash holding back any part of what could start is stress, not only a full stop: a supplier
            // that can pay for a trickle each day would otherwise never count a stress day, never leave,
            // and keep its customers' orders (which they count as on order) waiting indefinitely.
            double affordable = _cash.SpendingPower(n) / n.UnitCost;
            if (affordable < units - NetworkModel.Epsilon)
            {
                line.CashBlocked = true;
            }

            if (affordable <= NetworkModel.Epsilon)
            {
                return 0;
            }

            units = Math.Min(units, affordable);
        }

        return units;
    }

    /// <summary>Consumes the inputs of <paramref name="units"/> and pays for their conversion.</summary>
    private void StartWork(Node n, ref ProductionLine line, double units)
    {
        line.Due -= units;
        foreach (var input in n.Inputs)
        {
            input.OnHand -= units * input.QuantityPerUnit;
        }

        if (n.UnitCost > 0)
        {
            _cash.PayCost(n, units * n.UnitCost);
        }

        foreach (var input in n.Inputs)
        {
            _ordering.PositionChanged(input);
        }
    }

    private void OnBatchDone(Node n)
    {
        ref var line = ref _lines[n.Index];

        // A batch re-timed by a disruption leaves its earlier completion behind: ignore it.
        if (!line.Busy || _sim.Now != line.BatchEnd)
        {
            return;
        }

        line.Busy = false;
        double units = line.Wip;
        line.Wip = 0;
        Output(n, units);
        TryStart(n);
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

            ref var line = ref _lines[n.Index];
            double capacityDays = line.TakeCapacityDays(now, n.CapacityFraction);
            if (finish && line.Wip > NetworkModel.Epsilon)
            {
                double units = Math.Min(line.Wip, n.Capacity * capacityDays);
                if (units > NetworkModel.Epsilon)
                {
                    line.Wip -= units;
                    Output(n, units);
                }
            }

            line.CashBlocked = false;
            PlanDailyRun(n, ref line);
        }
    }

    /// <summary>Starts today's daily run up to capacity (less the work still in progress), unless arrears stall it.</summary>
    private void PlanDailyRun(Node n, ref ProductionLine line)
    {
        if (!_cash.HasArrears(n))
        {
            double units = Producible(n, ref line, (n.Capacity * n.CapacityFraction) - line.Wip);
            if (units > NetworkModel.Epsilon)
            {
                StartWork(n, ref line, units);
                line.Wip += units;
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
        _fulfilment.ServeBacklog(n);
    }

    /// <summary>Sets a supplier's capacity fraction; a running batch is re-timed for its work left.</summary>
    public void SetCapacityFraction(Node n, double fraction)
    {
        ref var line = ref _lines[n.Index];
        line.AccrueCapacityDays(_sim.Now, n.CapacityFraction);
        n.CapacityFraction = fraction;

        if (line.Busy)
        {
            RetimeBatch(n, ref line);
        }
        else
        {
            TryStart(n);
        }
    }

    /// <summary>A supplier's defined capacity per day moved to its timeline's next step (Mechanisms/CapacityTimelines.cs); capacity building's growth applies on top.</summary>
    public void SetDefinedCapacity(int node, double capacity)
    {
        var n = _nodes[node];
        n.BaseCapacity = capacity;
        SetCapacity(n, capacity * n.CapacityGrowth);
    }

    /// <inheritdoc/>
    public void SetCapacityGrowth(Node supplier, double growth)
    {
        supplier.CapacityGrowth = growth;
        SetCapacity(supplier, supplier.BaseCapacity * supplier.CapacityGrowth);
    }

    /// <summary>
    /// Sets a supplier's capacity per day (capacity building, a capacity timeline): a running batch is
    /// re-timed, and a daily run planned before the change is topped up to the new capacity (or left
    /// to carry over when it fell), as if the day had been planned with it.
    /// </summary>
    public void SetCapacity(Node n, double capacity)
    {
        if (capacity == n.Capacity || !double.IsFinite(n.Capacity))
        {
            return;
        }

        ref var line = ref _lines[n.Index];
        if (line.DailyRuns)
        {
            // The day's output is Capacity * (capacity-days so far): rescale what ran before the
            // change so that it still counts at the old capacity.
            line.AccrueCapacityDays(_sim.Now, n.CapacityFraction);
            line.CapacityArea = line.CapacityArea * n.Capacity / capacity;
        }

        n.Capacity = capacity;
        _cash.CapacityChanged(n);
        if (!n.Active)
        {
            return;
        }

        if (line.Busy)
        {
            RetimeBatch(n, ref line);
        }
        else if (line.DailyRuns)
        {
            PlanDailyRun(n, ref line);
        }
    }

    /// <summary>A running batch continues at the rate Capacity * CapacityFraction from now: its end is re-timed for the work left.</summary>
    private void RetimeBatch(Node n, ref ProductionLine line)
    {
        if (line.Retime(_sim.Now, n.Capacity * n.CapacityFraction) is double duration)
        {
            _sim.Schedule(duration, _batchDone[n.Index], NetworkModel.ProductionPriority);
        }
    }
}
