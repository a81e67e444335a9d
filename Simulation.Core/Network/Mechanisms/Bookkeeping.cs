// Mechanism 4, daily bookkeeping: KPIs and time series (DESIGN.md section 6).
//
//   the run is [0, horizon): day ends at t = 1, 2, ..., floor(horizon) (the last one, at the horizon,
//   closes the books of the last day after the kernel stopped), one callback at EventPriority.Low
//   (NetworkModel.OnDayEnd): economics (Economics.cs), the social day end, re-sourcing, then DayEnd here
//   (cash-days statistic); daily charges count for the days (W, H]
//   warm-up W: running totals are copied at t = W before anything else at W; KPI flow = total at the
//   horizon - total at W (all of it when W = 0); time integrals (holding cost = h x integral of on hand,
//   backorders, stock-outs, disruptions) are exact over [W, horizon)
//   time-series rows: TimeSeriesSampler.cs
//   bullwhip: weeks [W + 7(k-1), W + 7k) inside the measured period; ratio per tier k = sample variance of
//   the week's units ordered from tier-k suppliers / that of the week's end-customer demand (Statistics/Bullwhip.cs)
//   fill_rate = met on arrival / demand (1 without demand); total_cost = purchase + logistics + holding +
//   onboarding cost (Resourcing.cs); cost_per_unit = total_cost / delivered_units;
//   co2e_kg_per_unit = co2e_kg / delivered_units (0 without deliveries)
//   mean_supplier_cash_days = mean over (day end, active supplier with daily cost > 0) of cash / daily cost
using Simulation.Core.Engine;

namespace Simulation.Core.Network;

/// <summary>
/// Bookkeeping (see the file header): owns the totals and per-node counters copied at the end of the
/// warm-up, the weekly demand and orders by tier (bullwhip), and turns the ledgers and the parts'
/// counters into the replication's KPIs, supplier outcomes and node outcomes.
/// </summary>
internal sealed class Bookkeeping
{
    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly double _warmup;
    private readonly Node[] _nodes;
    private readonly Node[] _buyerSide;
    private readonly Node[] _suppliers;
    private readonly Node[] _shippers;
    private readonly Stock[] _stocks;
    private readonly TotalsLedger _ledger;
    private readonly NodeLedger _flows;
    private readonly Demand _demand;
    private readonly Disruptions _disruptions;
    private readonly Resourcing _resourcing;
    private readonly ISocialBookkeeping _social;
    private readonly NodeAtWarmup[] _atWarmupOf;  // by node index
    private readonly double[] _areaAtWarmup;      // by stock index
    private readonly List<double> _weeklyDemand = [];
    private readonly List<double>[] _weeklyOrders = [[], [], []];
    private Totals _atWarmup;
    private ResourcingTotals _resourcingAtWarmup;
    private NodeFlows[] _flowsAtWarmup = [];
    private Totals _atLastWeek;
    private int _weeks;

    /// <summary>Bookkeeping over the model's nodes (all, buyer side, suppliers, every non-buyer) and stocks.</summary>
    public Bookkeeping(
        Simulator sim, double horizon, double warmup, Node[] nodes, Node[] buyerSide, Node[] suppliers, Node[] shippers, Stock[] stocks,
        TotalsLedger ledger, NodeLedger flows, Demand demand, Disruptions disruptions, Resourcing resourcing, ISocialBookkeeping social)
    {
        _sim = sim;
        _horizon = horizon;
        _warmup = warmup;
        _nodes = nodes;
        _buyerSide = buyerSide;
        _suppliers = suppliers;
        _shippers = shippers;
        _stocks = stocks;
        _ledger = ledger;
        _flows = flows;
        _demand = demand;
        _disruptions = disruptions;
        _resourcing = resourcing;
        _social = social;
        _atWarmupOf = new NodeAtWarmup[nodes.Length];
        _areaAtWarmup = new double[stocks.Length];
    }

    /// <summary>Schedules the end of the warm-up and the first week's end of the measured period.</summary>
    public void Start()
    {
        if (_warmup > 0)
        {
            _sim.Schedule(_warmup, OnWarmupEnd, NetworkModel.WarmupPriority);
        }

        if (_warmup + Statistics.Bullwhip.PeriodDays < _horizon)
        {
            _sim.Schedule(_warmup + Statistics.Bullwhip.PeriodDays, OnWeekEnd, NetworkModel.WarmupPriority);
        }
    }

    /// <summary>The day <paramref name="day"/> ends, after its economics: the cash-days statistic, and the daily charges' warm-up copy.</summary>
    public void DayEnd(int day)
    {
        foreach (var n in _suppliers)
        {
            if (n.Active && n.DailyCost > 0)
            {
                _ledger.Sum.CashDaysSum += n.Cash / n.DailyCost;
                _ledger.Sum.CashDaysCount++;
            }
        }

        if (_warmup > 0 && Math.Abs(day - _warmup) < NetworkModel.Epsilon)
        {
            // The day ending at the warm-up belongs to it: daily charges count for days (W, H].
            ref var sum = ref _ledger.Sum;
            _atWarmup.FinancingCost = sum.FinancingCost;
            _atWarmup.StressDays = sum.StressDays;
            _atWarmup.CashDaysSum = sum.CashDaysSum;
            _atWarmup.CashDaysCount = sum.CashDaysCount;
            foreach (var n in _shippers)
            {
                _atWarmupOf[n.Index].StressDays = n.StressDays;
            }
        }
    }

    /// <summary>A week of the measured period ends, before anything at its last instant happens: its demand and orders by tier.</summary>
    private void OnWeekEnd()
    {
        CloseWeek();
        double next = _warmup + ((_weeks + 1) * Statistics.Bullwhip.PeriodDays);
        if (next < _horizon)
        {
            _sim.Schedule(next - _sim.Now, OnWeekEnd, NetworkModel.WarmupPriority);
        }
    }

    private void CloseWeek()
    {
        var now = _ledger.Sum;
        _weeklyDemand.Add(now.DemandUnits - _atLastWeek.DemandUnits);
        for (int k = 0; k < KpiCatalog.BullwhipTiers; k++)
        {
            _weeklyOrders[k].Add(now.UnitsOrderedFromTier[k] - _atLastWeek.UnitsOrderedFromTier[k]);
        }

        _atLastWeek = now;
        _weeks++;
    }

    private void OnWarmupEnd()
    {
        double now = _sim.Now;
        FlushIntegrals();
        _atWarmup = _ledger.Sum;
        _resourcingAtWarmup = _resourcing.Snapshot(now);
        _atLastWeek = _atWarmup;
        _flowsAtWarmup = (NodeFlows[])_flows.Of.Clone();
        foreach (var stock in _stocks)
        {
            _areaAtWarmup[stock.Index] = stock.AreaAt(now);
        }

        _social.AtWarmupEnd(now);
        foreach (var n in _shippers)
        {
            _atWarmupOf[n.Index] = new NodeAtWarmup
            {
                UnitsProduced = n.UnitsProduced,
                Revenue = n.Revenue,
                StressDays = n.StressDays,
                DisruptedArea = _disruptions.DisruptedDaysOf(n),
                LandedCost = n.LandedCost,
                UnitsToBuyers = n.UnitsToBuyers,
            };

            // The first margin window starts now (Economics.cs).
            n.WindowRevenue = 0;
            n.WindowCost = 0;
        }
    }

    /// <summary>Brings every time integral up to now and sums them into the totals.</summary>
    public void FlushIntegrals()
    {
        var (backorders, stockouts) = _demand.FlushIntegrals();

        double disrupted = _disruptions.FlushIntegrals(_suppliers);

        double clock = Math.Min(_sim.Now, _horizon);
        double holding = 0;
        foreach (var b in _buyerSide)
        {
            holding += b.Fg.AreaAt(clock) * b.HoldingCostPerUnitDay;
        }

        _ledger.Sum.HoldingCost = holding;
        _ledger.Sum.BackorderArea = backorders;
        _ledger.Sum.StockoutArea = stockouts;
        _ledger.Sum.DisruptedArea = disrupted;
    }

    /// <summary>The KPIs of the measured period, each supplier's and each node's outcome (after the last day end and row).</summary>
    public (double[] Kpis, SupplierOutcome[] Suppliers, NodeOutcome[] Nodes) Collect()
    {
        FlushIntegrals();
        if (_warmup + ((_weeks + 1) * Statistics.Bullwhip.PeriodDays) <= _horizon + NetworkModel.Epsilon)
        {
            CloseWeek();
        }

        var end = _ledger.Sum;
        var start = _atWarmup;
        var kpis = new double[KpiCatalog.All.Count];

        double demand = end.DemandUnits - start.DemandUnits;
        double delivered = end.DeliveredUnits - start.DeliveredUnits;
        double purchase = end.PurchaseCost - start.PurchaseCost;
        double logistics = end.LogisticsCost - start.LogisticsCost;
        double holding = end.HoldingCost - start.HoldingCost;
        var resourcing = _resourcing.Snapshot(_horizon);
        var resourcingStart = _resourcingAtWarmup;
        double onboarding = resourcing.OnboardingCost - resourcingStart.OnboardingCost;
        double total = purchase + logistics + holding + onboarding;
        double co2 = end.Co2eKg - start.Co2eKg;
        kpis[KpiCatalog.DemandUnits] = demand;
        kpis[KpiCatalog.DeliveredUnits] = delivered;
        kpis[KpiCatalog.FillRate] = demand > 0 ? (end.MetOnArrival - start.MetOnArrival) / demand : 1;
        kpis[KpiCatalog.LostSalesUnits] = end.LostUnits - start.LostUnits;
        kpis[KpiCatalog.LostSalesValue] = end.LostValue - start.LostValue;
        kpis[KpiCatalog.BackorderUnitDays] = end.BackorderArea - start.BackorderArea;
        kpis[KpiCatalog.StockoutDays] = end.StockoutArea - start.StockoutArea;
        kpis[KpiCatalog.PurchaseCost] = purchase;
        kpis[KpiCatalog.LogisticsCost] = logistics;
        kpis[KpiCatalog.HoldingCost] = holding;
        kpis[KpiCatalog.FinancingCost] = end.FinancingCost - start.FinancingCost;
        kpis[KpiCatalog.TotalCost] = total;
        kpis[KpiCatalog.CostPerUnit] = delivered > 0 ? total / delivered : 0;
        kpis[KpiCatalog.ReplenishmentOrders] = end.ReplenishmentOrders - start.ReplenishmentOrders;
        kpis[KpiCatalog.Co2eKg] = co2;
        kpis[KpiCatalog.Co2eKgPerUnit] = delivered > 0 ? co2 / delivered : 0;
        kpis[KpiCatalog.WaterL] = end.WaterL - start.WaterL;
        kpis[KpiCatalog.LiquidityStressDays] = end.StressDays - start.StressDays;
        kpis[KpiCatalog.DisruptedSupplierDays] = end.DisruptedArea - start.DisruptedArea;
        double cashDays = end.CashDaysCount - start.CashDaysCount;
        kpis[KpiCatalog.MeanSupplierCashDays] = cashDays > 0 ? (end.CashDaysSum - start.CashDaysSum) / cashDays : 0;
        kpis[KpiCatalog.UnitsProduced] = end.UnitsProduced - start.UnitsProduced;
        double measured = _horizon - _warmup;
        kpis[KpiCatalog.ResourcingEvents] = resourcing.Events - resourcingStart.Events;
        kpis[KpiCatalog.Onboardings] = resourcing.Onboardings - resourcingStart.Onboardings;
        kpis[KpiCatalog.OnboardingCost] = onboarding;
        kpis[KpiCatalog.DaysWithoutFullSupply] = resourcing.DaysWithoutFullSupply - resourcingStart.DaysWithoutFullSupply;
        kpis[KpiCatalog.SourcingHhiTier1] = (resourcing.HhiArea1 - resourcingStart.HhiArea1) / measured;
        kpis[KpiCatalog.SourcingHhiTier2] = (resourcing.HhiArea2 - resourcingStart.HhiArea2) / measured;
        kpis[KpiCatalog.SourcingHhiTier3] = (resourcing.HhiArea3 - resourcingStart.HhiArea3) / measured;
        double revenue = end.Revenue - start.Revenue;
        double customerOrders = end.CustomerOrders - start.CustomerOrders;
        double received = end.ReplenishmentOrdersReceived - start.ReplenishmentOrdersReceived;
        kpis[KpiCatalog.Revenue] = revenue;
        kpis[KpiCatalog.GrossProfit] = revenue - total;
        kpis[KpiCatalog.CustomerOrders] = customerOrders;
        kpis[KpiCatalog.CustomerOrdersDelivered] = _demand.CustomerOrdersDelivered;
        kpis[KpiCatalog.CustomerUnitsReceived] = _demand.CustomerUnitsReceived;
        kpis[KpiCatalog.ReplenishmentOrdersReceived] = received;
        kpis[KpiCatalog.ReplenishmentUnitsReceived] = end.ReplenishmentUnitsReceived - start.ReplenishmentUnitsReceived;
        kpis[KpiCatalog.MeanOrderLeadTimeDays] = received > 0 ? (end.ReplenishmentLeadTimeSum - start.ReplenishmentLeadTimeSum) / received : 0;
        kpis[KpiCatalog.Otif] = customerOrders > 0 ? _demand.OnTimeInFull / customerOrders : 1;
        double[] weeklyDemand = [.. _weeklyDemand];
        for (int k = 0; k < KpiCatalog.BullwhipTiers; k++)
        {
            kpis[KpiCatalog.BullwhipRatioTier1 + k] = Statistics.Bullwhip.Ratio([.. _weeklyOrders[k]], weeklyDemand);
        }

        _social.Collect(kpis);
        var outcomes = new SupplierOutcome[_shippers.Length];
        for (int i = 0; i < _shippers.Length; i++)
        {
            var n = _shippers[i];
            if (n.IsProducer && n.Active)
            {
                kpis[KpiCatalog.ActiveSuppliers]++;
            }
            else if (n.IsProducer && (_warmup == 0 || n.ExitDay > _warmup))
            {
                CountExit(kpis, n);
            }

            var d = n.Definition;
            outcomes[i] = new SupplierOutcome(
                d.Id,
                d.Tier,
                d.RegionId,
                d.Size,
                d.Group,
                n.Active,
                n.Active ? null : n.ExitDay,
                n.ExitCause,
                n.UnitsProduced - _atWarmupOf[n.Index].UnitsProduced,
                n.Revenue - _atWarmupOf[n.Index].Revenue,
                n.Cash,
                n.StressDays - _atWarmupOf[n.Index].StressDays,
                _disruptions.DisruptedDaysOf(n) - _atWarmupOf[n.Index].DisruptedArea,
                n.UnitsToBuyers - _atWarmupOf[n.Index].UnitsToBuyers,
                n.LandedCost - _atWarmupOf[n.Index].LandedCost,
                _social.OwnExposureDays(n));
        }

        return (kpis, outcomes, CollectNodes());
    }

    /// <summary>Every node's results over the measured period (nodes.parquet).</summary>
    private NodeOutcome[] CollectNodes()
    {
        var nodes = new NodeOutcome[_nodes.Length];
        double measured = _horizon - _warmup;
        for (int i = 0; i < _nodes.Length; i++)
        {
            var n = _nodes[i];
            var d = n.Definition;
            var f = _flows.Of[i];
            var w = _flowsAtWarmup.Length > 0 ? _flowsAtWarmup[i] : default;
            double fgArea = n.Fg.AreaAt(_horizon) - _areaAtWarmup[n.Fg.Index];
            double area = fgArea;
            foreach (var input in n.Inputs)
            {
                area += input.AreaAt(_horizon) - _areaAtWarmup[input.Index];
            }

            double demanded = f.UnitsDemanded - w.UnitsDemanded;
            nodes[i] = new NodeOutcome(
                d.Id,
                d.Role,
                d.Tier,
                d.RegionId,
                Math.Max(0, n.Fg.OnHand),
                fgArea / measured,
                f.OrdersPlaced - w.OrdersPlaced,
                f.UnitsOrdered - w.UnitsOrdered,
                f.OrdersReceived - w.OrdersReceived,
                f.UnitsReceived - w.UnitsReceived,
                area * n.HoldingCostPerUnitDay,
                f.TransportCost - w.TransportCost,
                f.PurchaseCost - w.PurchaseCost,
                f.Revenue - w.Revenue,
                f.CustomerOrders - w.CustomerOrders,
                f.UnitsSold - w.UnitsSold,
                f.LostUnits - w.LostUnits,
                demanded > 0 ? (f.MetOnArrival - w.MetOnArrival) / demanded : 1);
        }

        return nodes;
    }

    private static void CountExit(double[] kpis, Node n)
    {
        kpis[KpiCatalog.SupplierExits]++;
        kpis[n.Tier switch
        {
            <= 1 => KpiCatalog.SupplierExitsTier1,
            2 => KpiCatalog.SupplierExitsTier2,
            3 => KpiCatalog.SupplierExitsTier3,
            _ => KpiCatalog.SupplierExitsTier4Plus,
        }]++;
        kpis[n.ExitCause switch
        {
            "margin" => KpiCatalog.ExitsMargin,
            "terminated" => KpiCatalog.ExitsTerminated,
            _ => KpiCatalog.ExitsInsolvency,
        }]++;
        kpis[n.Definition.Size switch
        {
            Definitions.SizeClass.Micro => KpiCatalog.ExitsMicro,
            Definitions.SizeClass.Small => KpiCatalog.ExitsSmall,
            Definitions.SizeClass.Medium => KpiCatalog.ExitsMedium,
            _ => KpiCatalog.ExitsLarge,
        }]++;
    }

    /// <summary>A node's counters at the end of the warm-up (its outcomes are the later values minus these).</summary>
    private struct NodeAtWarmup
    {
        public double UnitsProduced;
        public double Revenue;
        public double StressDays;
        public double DisruptedArea;
        public double LandedCost;
        public double UnitsToBuyers;
    }
}
