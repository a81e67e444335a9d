// Mechanism 1d, end-customer demand at buyers (docs/architecture.md; DESIGN section 5).
//
//   orders arrive at t_1, t_2, ... with t_k - t_(k-1) ~ InterarrivalDays (t_0 = 0), from stream "demand_interarrival"
//   size    q(t) = max(0, draw of Quantity) * (1 + A * cos(2 pi (t - peak) / period)), from stream "demand"
//   met     = min(on hand, q)  (on hand > 0 implies no backorders: arrivals fill backorders first)
//   unmet   = q - met: backordered (filled first, FIFO in aggregate, when goods arrive) or lost
//   fill rate = sum of met / sum of q;  backorder unit-days and stock-out days are exact time integrals
//   of the buyer's backorders and of [on hand = 0].
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>What demand tells ordering: a stock's inventory position changed (a continuous review may reorder).</summary>
internal interface IPositionChanged
{
    /// <summary>The position of <paramref name="stock"/> has changed.</summary>
    void PositionChanged(Stock stock);
}

/// <summary>
/// End-customer demand at buyers: owns each buyer's demand process (streams, the arrival delegate) and
/// the time integrals of its backorders and stock-outs. Takes from the buyer's finished goods, posts
/// demand, met and lost units to the ledger, and tells ordering when a position changed.
/// </summary>
internal sealed class Demand
{
    private static readonly ulong DemandKey = StableHash.Of("demand");
    private static readonly ulong InterarrivalKey = StableHash.Of("demand_interarrival");

    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly TotalsLedger _ledger;
    private readonly IPositionChanged _ordering;
    private readonly Node[] _buyers;

    // Per node index (buyers only; other entries stay empty).
    private readonly DemandDefinition?[] _demand;
    private readonly RandomStream[] _sizeStream;
    private readonly RandomStream[] _gapStream;
    private readonly Action[] _arrival;
    private readonly double[] _levelsSince;
    private readonly double[] _backorderArea;
    private readonly double[] _stockoutArea;

    /// <summary>Builds the demand process of every buyer in <paramref name="buyers"/> that has demand.</summary>
    /// <exception cref="ArgumentException">A buyer's demand has a constant interarrival time of 0 or less.</exception>
    public Demand(Simulator sim, double horizon, int nodeCount, Node[] buyers, StreamFactory streams, TotalsLedger ledger, IPositionChanged ordering)
    {
        _sim = sim;
        _horizon = horizon;
        _ledger = ledger;
        _ordering = ordering;
        _buyers = buyers;
        _demand = new DemandDefinition?[nodeCount];
        _sizeStream = new RandomStream[nodeCount];
        _gapStream = new RandomStream[nodeCount];
        _arrival = new Action[nodeCount];
        _levelsSince = new double[nodeCount];
        _backorderArea = new double[nodeCount];
        _stockoutArea = new double[nodeCount];
        foreach (var buyer in buyers)
        {
            var demand = buyer.Definition.Demand;
            if (demand is null)
            {
                continue;
            }

            if (demand.InterarrivalDays is ConstantDistribution { Value: <= 0 })
            {
                throw NetworkModel.Invalid($"Buyer '{buyer.Id}': demand InterarrivalDays must be > 0.");
            }

            int i = buyer.Index;
            ulong entityKey = StableHash.Of(buyer.Definition.Id);
            _demand[i] = demand;
            _sizeStream[i] = streams.Create(entityKey, DemandKey);
            _gapStream[i] = streams.Create(entityKey, InterarrivalKey);
            _arrival[i] = () => OnDemand(buyer);
        }
    }

    /// <summary>Schedules every buyer's first order.</summary>
    public void Start()
    {
        foreach (var buyer in _buyers)
        {
            if (_demand[buyer.Index] is not null)
            {
                ScheduleNext(buyer.Index);
            }
        }
    }

    /// <summary>Goods arrived at a buyer (after <see cref="AccrueLevels"/>, once they are on hand): backorders are filled first.</summary>
    public void FillBackorders(Node buyer)
    {
        var fg = buyer.Fg;
        double filled = Math.Min(fg.OnHand, fg.Backorders);
        if (filled > 0)
        {
            fg.OnHand -= filled;
            fg.Backorders -= filled;
            _ledger.Sum.DeliveredUnits += filled;
        }
    }

    /// <summary>Brings the buyer's backorder and stock-out integrals up to now; call before its levels change.</summary>
    public void AccrueLevels(Node buyer)
    {
        int i = buyer.Index;
        double now = Math.Min(_sim.Now, _horizon);
        double dt = now - _levelsSince[i];
        if (dt > 0)
        {
            _backorderArea[i] += buyer.Fg.Backorders * dt;
            if (buyer.Fg.OnHand <= NetworkModel.Epsilon)
            {
                _stockoutArea[i] += dt;
            }

            _levelsSince[i] = now;
        }
    }

    /// <summary>Brings every buyer's integrals up to now and returns their sums (backorder unit-days, stock-out days).</summary>
    public (double BackorderArea, double StockoutArea) FlushIntegrals()
    {
        double backorders = 0;
        double stockouts = 0;
        foreach (var b in _buyers)
        {
            AccrueLevels(b);
            backorders += _backorderArea[b.Index];
            stockouts += _stockoutArea[b.Index];
        }

        return (backorders, stockouts);
    }

    private void ScheduleNext(int i)
    {
        double gap = Math.Max(0, _demand[i]!.InterarrivalDays.Sample(_gapStream[i]));
        if (_sim.Now + gap <= _horizon)
        {
            _sim.Schedule(gap, _arrival[i], NetworkModel.DemandPriority);
        }
    }

    private void OnDemand(Node buyer)
    {
        int i = buyer.Index;
        var demand = _demand[i]!;
        double quantity = Math.Max(0, demand.Quantity.Sample(_sizeStream[i])) * Math.Max(0, SeasonalFactor(demand, _sim.Now));

        AccrueLevels(buyer);
        var fg = buyer.Fg;
        double met = Math.Min(Math.Max(0, fg.OnHand), quantity);
        fg.OnHand -= met;
        ref var totals = ref _ledger.Sum;
        totals.DemandUnits += quantity;
        totals.MetOnArrival += met;
        totals.DeliveredUnits += met;
        double unmet = quantity - met;
        if (unmet > 0)
        {
            if (buyer.Backorder)
            {
                fg.Backorders += unmet;
            }
            else
            {
                totals.LostUnits += unmet;
                totals.LostValue += unmet * demand.SellingPrice;
            }
        }

        _ordering.PositionChanged(fg);
        ScheduleNext(i);
    }

    /// <summary>1 + A cos(2 pi (t - peak) / period); 1 without seasonality.</summary>
    private static double SeasonalFactor(DemandDefinition demand, double time) =>
        demand.SeasonalAmplitude == 0 || !(demand.SeasonalPeriodDays > 0)
            ? 1
            : 1 + (demand.SeasonalAmplitude * Math.Cos(2 * Math.PI * (time - demand.SeasonalPeakDay) / demand.SeasonalPeriodDays));
}
