// The time series (timeseries.parquet, node_timeseries.parquet; docs/outputs.md):
//   row k at t = k * TimeSeriesEveryDays (k = 0, 1, ... while t <= horizon), after the day's end (the
//   row at the horizon after the last event before it): flows = totals now - totals at row k-1;
//   levels (on hand, backorders, active and stressed suppliers, disrupted suppliers) as they are then.
using Simulation.Core.Engine;

namespace Simulation.Core.Network;

/// <summary>
/// Samples the network's and every node's time series: owns the rows' days, the columns, and the
/// totals and node flows at the last row. Reads the ledgers and the levels other parts keep.
/// </summary>
internal sealed class TimeSeriesSampler
{
    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly double _every;
    private readonly Node[] _nodes;
    private readonly Node[] _buyers;
    private readonly TotalsLedger _ledger;
    private readonly NodeLedger _flows;
    private readonly Bookkeeping _bookkeeping;
    private readonly Economics _economics;
    private readonly Disruptions _disruptions;
    private readonly ISocialBookkeeping _social;
    private readonly double[] _rowDays;
    private readonly double[][] _columns;
    private readonly double[][] _nodeColumns;
    private readonly NodeSeriesBuffers? _nodeBuffers;
    private readonly NodeFlows[] _flowsAtLastRow;
    private readonly Action _sample;
    private Totals _atLastRow;
    private int _row;

    /// <summary>
    /// A sampler of a row every <paramref name="every"/> days up to <paramref name="horizon"/>, with the
    /// node series' arrays from <paramref name="nodeBuffers"/> (fresh ones when null).
    /// </summary>
    public TimeSeriesSampler(
        Simulator sim, double horizon, double every, NodeSeriesBuffers? nodeBuffers, Node[] nodes, Node[] buyers, TotalsLedger ledger, NodeLedger flows,
        Bookkeeping bookkeeping, Economics economics, Disruptions disruptions, ISocialBookkeeping social)
    {
        _sim = sim;
        _horizon = horizon;
        _every = every;
        _nodes = nodes;
        _buyers = buyers;
        _ledger = ledger;
        _flows = flows;
        _bookkeeping = bookkeeping;
        _economics = economics;
        _disruptions = disruptions;
        _social = social;
        int rows = (int)Math.Floor((horizon / every) + NetworkModel.Epsilon) + 1;
        _rowDays = new double[rows];
        _nodeBuffers = nodeBuffers;
        _nodeColumns = nodeBuffers?.Rent(NodeTimeSeries.Metrics.Count, rows * nodes.Length)
            ?? NodeSeriesBuffers.Allocate(NodeTimeSeries.Metrics.Count, rows * nodes.Length);

        _flowsAtLastRow = new NodeFlows[nodes.Length];
        _columns = NodeSeriesBuffers.Allocate(TimeSeriesCatalog.All.Count, rows);

        _sample = OnSample;
    }

    /// <summary>The network's columns, in <see cref="TimeSeriesCatalog"/> order (the social mechanisms write theirs).</summary>
    public double[][] Columns => _columns;

    /// <summary>Schedules the first row, at day 0.</summary>
    public void Start() => _sim.Schedule(0, _sample, NetworkModel.SamplePriority);

    /// <summary>Writes the row at the horizon when the interval divides it: it reads the levels after the last event, as nothing at the horizon itself happens.</summary>
    public void Finish()
    {
        if (_row < _rowDays.Length)
        {
            OnSample();
        }
    }

    /// <summary>The network's time series.</summary>
    public TimeSeries Series() => new(TimeSeriesCatalog.NameArray(), _rowDays, _columns);

    /// <summary>Every node's time series.</summary>
    public NodeTimeSeries NodeSeries() => new(_rowDays, [.. _nodes.Select(n => n.Id)], _nodeColumns, _nodeBuffers);

    private void OnSample()
    {
        int row = _row++;
        double day = row * _every;
        _bookkeeping.FlushIntegrals();
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
        _social.Sample(_columns, row, day);
        SampleNodes(row);

        if (_row < _rowDays.Length && _row * _every < _horizon)
        {
            double next = _row * _every;
            _sim.Schedule(Math.Max(0, next - _sim.Now), _sample, NetworkModel.SamplePriority);
        }
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
}
