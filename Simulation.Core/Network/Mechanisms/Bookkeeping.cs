// Mechanism 4, daily bookkeeping: KPIs and time series (DESIGN.md section 6).
//
//   the run is [0, horizon): day ends at t = 1, 2, ..., floor(horizon) (the last one, at the horizon,
//   closes the books of the last day after the kernel stopped), one callback at EventPriority.Low:
//   economics (Economics.cs), cash-days statistic, cancellation check; daily charges count for the
//   days (W, H]
//   warm-up W: running totals are copied at t = W before anything else at W; KPI flow = total at the
//   horizon - total at W (all of it when W = 0); time integrals (holding cost = h x integral of on hand,
//   backorders, stock-outs, disruptions) are exact over [W, horizon)
//   time-series row k at t = k * TimeSeriesEveryDays (k = 0, 1, ... while t <= horizon), after the day's
//   end (the row at the horizon after the last event before it): flows = totals now - totals at row k-1
//   bullwhip: weeks [W + 7(k-1), W + 7k) inside the measured period; ratio per tier k = sample variance of
//   the week's units ordered from tier-k suppliers / that of the week's end-customer demand (Statistics/Bullwhip.cs)
//   fill_rate = met on arrival / demand (1 without demand); total_cost = purchase + logistics + holding +
//   onboarding cost (Resourcing.cs); cost_per_unit = total_cost / delivered_units;
//   co2e_kg_per_unit = co2e_kg / delivered_units (0 without deliveries)
//   mean_supplier_cash_days = mean over (day end, active supplier with daily cost > 0) of cash / daily cost
namespace Simulation.Core.Network;

internal sealed partial class NetworkModel
{
    private Action _dayEnd = null!;
    private int _day;
    private Action _sample = null!;
    private int _row;
    private double[] _rowDays = [];
    private double[][] _columns = [];
    private Totals _atLastRow;
    private ResourcingTotals _resourcingAtWarmup;
    private double[][] _nodeColumns = [];
    private NodeFlows[] _flowsAtLastRow = [];
    private double[] _areaAtWarmup = [];
    private readonly List<double> _weeklyDemand = [];
    private readonly List<double>[] _weeklyOrders = [[], [], []];
    private Totals _atLastWeek;
    private int _weeks;

    private void StartBookkeeping()
    {
        // Social mechanisms (Social/*.cs) build their state and draw day 0 here, when the scenario has them.
        StartSocial();
        _dayEnd = OnDayEnd;
        if (_lastDay >= 1)
        {
            _sim.Schedule(1, _dayEnd, DayEndPriority);
        }

        double every = _options.TimeSeriesEveryDays;
        int rows = (int)Math.Floor((_horizon / every) + Epsilon) + 1;
        _rowDays = new double[rows];
        _nodeColumns = new double[NodeTimeSeries.Metrics.Count][];
        for (int m = 0; m < _nodeColumns.Length; m++)
        {
            _nodeColumns[m] = new double[rows * _nodes.Length];
        }

        _flowsAtLastRow = new NodeFlows[_nodes.Length];
        _columns = new double[TimeSeriesCatalog.All.Count][];
        for (int m = 0; m < _columns.Length; m++)
        {
            _columns[m] = new double[rows];
        }

        _production.Start();

        _sample = OnSample;
        _sim.Schedule(0, _sample, SamplePriority);

        _areaAtWarmup = new double[_stocks.Length];
        if (_warmup > 0)
        {
            _sim.Schedule(_warmup, OnWarmupEnd, WarmupPriority);
        }

        if (_warmup + Statistics.Bullwhip.PeriodDays < _horizon)
        {
            _sim.Schedule(_warmup + Statistics.Bullwhip.PeriodDays, OnWeekEnd, WarmupPriority);
        }
    }

    /// <summary>A week of the measured period ends, before anything at its last instant happens: its demand and orders by tier.</summary>
    private void OnWeekEnd()
    {
        CloseWeek();
        double next = _warmup + ((_weeks + 1) * Statistics.Bullwhip.PeriodDays);
        if (next < _horizon)
        {
            _sim.Schedule(next - _sim.Now, OnWeekEnd, WarmupPriority);
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

    private void OnDayEnd()
    {
        _day++;
        _economics.EndOfDay(_day);
        SocialDayEnd(_day);
        _resourcing.EndOfDay();

        foreach (var n in _suppliers)
        {
            if (n.Active && n.DailyCost > 0)
            {
                _ledger.Sum.CashDaysSum += n.Cash / n.DailyCost;
                _ledger.Sum.CashDaysCount++;
            }
        }

        if (_warmup > 0 && Math.Abs(_day - _warmup) < Epsilon)
        {
            // The day ending at the warm-up belongs to it: daily charges count for days (W, H].
            ref var sum = ref _ledger.Sum;
            _atWarmup.FinancingCost = sum.FinancingCost;
            _atWarmup.StressDays = sum.StressDays;
            _atWarmup.CashDaysSum = sum.CashDaysSum;
            _atWarmup.CashDaysCount = sum.CashDaysCount;
            foreach (var n in _shippers)
            {
                n.StressDaysAtWarmup = n.StressDays;
            }
        }

        _options.DayEndProbe?.Invoke(this);
        _context.CancellationToken.ThrowIfCancellationRequested();
        if (_day < _lastDay && _day + 1 < _horizon)
        {
            _sim.Schedule(1, _dayEnd, DayEndPriority);
        }
    }

    private void OnWarmupEnd()
    {
        FlushIntegrals();
        _atWarmup = _ledger.Sum;
        _resourcingAtWarmup = _resourcing.Snapshot(_sim.Now);
        _atLastWeek = _atWarmup;
        _flowsAtWarmup = (NodeFlows[])_flows.Of.Clone();
        foreach (var stock in _stocks)
        {
            _areaAtWarmup[stock.Index] = stock.AreaAt(_sim.Now);
        }

        _socialAtWarmup = _social is null ? default : SocialSnapshot(_sim.Now);
        foreach (var n in _shippers)
        {
            n.UnitsProducedAtWarmup = n.UnitsProduced;
            n.RevenueAtWarmup = n.Revenue;
            n.StressDaysAtWarmup = n.StressDays;
            n.DisruptedAreaAtWarmup = _disruptions.DisruptedDaysOf(n);
            n.LandedCostAtWarmup = n.LandedCost;
            n.UnitsToBuyersAtWarmup = n.UnitsToBuyers;
            if (n.Social is { } s)
            {
                s.ExposureAtWarmup = s.Exposure.AreaAt(_sim.Now);
            }

            // The first margin window starts now (Economics.cs).
            n.WindowRevenue = 0;
            n.WindowCost = 0;
        }
    }

    /// <summary>Brings every time integral up to now and sums them into the totals.</summary>
    private void FlushIntegrals()
    {
        var (backorders, stockouts) = _demand.FlushIntegrals();

        double disrupted = _disruptions.FlushIntegrals(_suppliers);

        double holding = 0;
        foreach (var b in _buyerSide)
        {
            holding += b.Fg.AreaAt(Clock) * b.HoldingCostPerUnitDay;
        }

        _ledger.Sum.HoldingCost = holding;
        _ledger.Sum.BackorderArea = backorders;
        _ledger.Sum.StockoutArea = stockouts;
        _ledger.Sum.DisruptedArea = disrupted;
    }

    private void OnSample()
    {
        int row = _row++;
        double day = row * _options.TimeSeriesEveryDays;
        FlushIntegrals();
        var now = _ledger.Sum;
        var last = _atLastRow;
        _atLastRow = now;
        _rowDays[row] = day;

        double demand = now.DemandUnits - last.DemandUnits;
        double met = now.MetOnArrival - last.MetOnArrival;
        double onHand = 0;
        double backorders = 0;
        foreach (var b in _buyers)
        {
            onHand += Math.Max(0, b.Fg.OnHand);
            backorders += b.Fg.Backorders;
        }

        _columns[TimeSeriesCatalog.DemandUnits][row] = demand;
        _columns[TimeSeriesCatalog.DeliveredUnits][row] = now.DeliveredUnits - last.DeliveredUnits;
        _columns[TimeSeriesCatalog.FillRate][row] = demand > 0 ? met / demand : 1;
        _columns[TimeSeriesCatalog.BuyerOnHand][row] = onHand;
        _columns[TimeSeriesCatalog.BuyerBackorders][row] = backorders;
        _columns[TimeSeriesCatalog.ActiveSuppliersTier1][row] = _economics.ActiveInTier(1);
        _columns[TimeSeriesCatalog.ActiveSuppliersTier2][row] = _economics.ActiveInTier(2);
        _columns[TimeSeriesCatalog.ActiveSuppliersTier3][row] = _economics.ActiveInTier(3);
        _columns[TimeSeriesCatalog.SuppliersInStress][row] = _economics.SuppliersInStress;
        _columns[TimeSeriesCatalog.Co2eKg][row] = now.Co2eKg - last.Co2eKg;
        _columns[TimeSeriesCatalog.Cost][row] = now.BuyerCost - last.BuyerCost;
        _columns[TimeSeriesCatalog.DisruptedSuppliers][row] = _disruptions.DisruptedCount;
        SampleSocial(row, day);
        SampleNodes(row);

        if (_row < _rowDays.Length && _row * _options.TimeSeriesEveryDays < _horizon)
        {
            double next = _row * _options.TimeSeriesEveryDays;
            _sim.Schedule(Math.Max(0, next - _sim.Now), _sample, SamplePriority);
        }
    }

    private NetworkRunResult Collect()
    {
        // The day end at the horizon closes the last day's books (the kernel stopped before it).
        if (_day < _lastDay)
        {
            OnDayEnd();
        }

        // The row at the horizon (when the interval divides it) reads the levels after the last event:
        // nothing at the horizon itself happens.
        if (_row < _rowDays.Length)
        {
            OnSample();
        }

        FlushIntegrals();
        if (_warmup + ((_weeks + 1) * Statistics.Bullwhip.PeriodDays) <= _horizon + Epsilon)
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

        CollectSocial(kpis);
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
                n.UnitsProduced - n.UnitsProducedAtWarmup,
                n.Revenue - n.RevenueAtWarmup,
                n.Cash,
                n.StressDays - n.StressDaysAtWarmup,
                _disruptions.DisruptedDaysOf(n) - n.DisruptedAreaAtWarmup,
                n.UnitsToBuyers - n.UnitsToBuyersAtWarmup,
                n.LandedCost - n.LandedCostAtWarmup,
                OwnExposureDays(n));
        }

        var series = new TimeSeries(TimeSeriesCatalog.NameArray(), _rowDays, _columns);
        var nodeSeries = new NodeTimeSeries(_rowDays, [.. _nodes.Select(n => n.Id)], _nodeColumns);
        return new NetworkRunResult(_context.Index, _context.Seed, kpis, series, outcomes, _sim.ProcessedCount, CollectNodes(), nodeSeries);
    }

    /// <summary>Every node's levels now and flows since the last row (node_timeseries.parquet).</summary>
    private void SampleNodes(int row)
    {
        int offset = row * _nodes.Length;
        for (int i = 0; i < _nodes.Length; i++)
        {
            var fg = _nodes[i].Fg;
            ref readonly var now = ref _flows.Of[i];
            ref var last = ref _flowsAtLastRow[i];
            _nodeColumns[NodeTimeSeries.OnHand][offset + i] = Math.Max(0, fg.OnHand);
            _nodeColumns[NodeTimeSeries.Backorders][offset + i] = fg.Backorders;
            _nodeColumns[NodeTimeSeries.OnOrder][offset + i] = fg.OnOrder;
            _nodeColumns[NodeTimeSeries.OrdersPlaced][offset + i] = now.OrdersPlaced - last.OrdersPlaced;
            _nodeColumns[NodeTimeSeries.UnitsOrdered][offset + i] = now.UnitsOrdered - last.UnitsOrdered;
            _nodeColumns[NodeTimeSeries.UnitsReceived][offset + i] = now.UnitsReceived - last.UnitsReceived;
            _nodeColumns[NodeTimeSeries.UnitsDemanded][offset + i] = now.UnitsDemanded - last.UnitsDemanded;
            last = now;
        }
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

    /// <summary>Worker-exposure-days of the node's own violations over [warm-up, horizon] (0 without social mechanisms).</summary>
    private double OwnExposureDays(Node n) =>
        n.Social is { } s ? s.Exposure.AreaAt(_horizon) - s.ExposureAtWarmup : 0;

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
}
