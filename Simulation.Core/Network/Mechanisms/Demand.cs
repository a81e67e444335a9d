// Mechanism 1d, end-customer demand at buyers (docs/architecture.md; docs/model.md "Time conventions").
//
//   each stream of a buyer: orders at t_1 = first_order_day, t_k = t_(k-1) + draw of InterarrivalDays,
//   while t_k < horizon; sizes q(t) = max(0, draw of Quantity) * max(0, 1 + A cos(2 pi (t - peak) / period))
//   the buyer's first stream draws from the buyer's "demand" / "demand_interarrival" streams, stream k >= 1
//   from streams keyed by "<buyer>/<stream id or k>"; the delivery leg's lead time from "customer_delivery"
//   met     = min(on hand, q)  (on hand > 0 implies no backorders: arrivals fill backorders first)
//   unmet   = q - met: backordered (a FIFO of open customer orders, filled when goods arrive) or lost
//   each part that leaves the stock is sold (revenue = units x the stream's selling price), pays the
//   stream's delivery leg (cost per order + cost per unit x units, logistics cost) and reaches the
//   customer after the leg's lead time L: counted as received when t + L lies in [warm-up, horizon)
//   otif: an order placed in [warm-up, horizon), met in full at once, received before the horizon
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
/// End-customer demand at buyers: owns each buyer's demand streams (definitions, random streams,
/// arrival delegates), its open customer orders, the customer-side counts that depend on when goods
/// reach the customer, and the time integrals of its backorders and stock-outs. Takes from the buyer's
/// finished goods, posts demand, sales and lost units to the ledgers, and tells ordering when a
/// position changed.
/// </summary>
internal sealed class Demand
{
    private static readonly ulong DemandKey = StableHash.Of("demand");
    private static readonly ulong InterarrivalKey = StableHash.Of("demand_interarrival");
    private static readonly ulong DeliveryKey = StableHash.Of("customer_delivery");

    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly double _warmup;
    private readonly TotalsLedger _ledger;
    private readonly NodeLedger _flows;
    private readonly OrderNumbers _orderNumbers;
    private readonly Action<OrderEvent>? _recorder;
    private readonly IPositionChanged _ordering;
    private readonly Node[] _buyers;
    private readonly Stream[] _streams;

    // Per node index (buyers only; other entries stay empty).
    private readonly OrderQueue?[] _open; // backordered customer orders, oldest first: link = stream index
    private readonly double[] _levelsSince;
    private readonly double[] _backorderArea;
    private readonly double[] _stockoutArea;

    // Counted when the goods reach the customer, which is known when they leave the stock: so these
    // are kept for the measured period directly, not as running totals.
    private double _unitsReceived;
    private long _ordersDelivered;
    private long _onTimeInFull;

    /// <summary>Builds the demand streams of every buyer in <paramref name="buyers"/>.</summary>
    /// <exception cref="ArgumentException">A stream has a constant interarrival time of 0 or less.</exception>
    public Demand(
        Simulator sim, double horizon, double warmup, int nodeCount, Node[] buyers, StreamFactory streams, TotalsLedger ledger,
        NodeLedger flows, OrderNumbers orderNumbers, Action<OrderEvent>? recorder, IPositionChanged ordering)
    {
        _sim = sim;
        _horizon = horizon;
        _warmup = warmup;
        _ledger = ledger;
        _flows = flows;
        _orderNumbers = orderNumbers;
        _recorder = recorder;
        _ordering = ordering;
        _buyers = buyers;
        _open = new OrderQueue?[nodeCount];
        _levelsSince = new double[nodeCount];
        _backorderArea = new double[nodeCount];
        _stockoutArea = new double[nodeCount];
        var all = new List<Stream>();
        foreach (var buyer in buyers)
        {
            var definitions = buyer.Definition.DemandStreams.Count > 0
                ? buyer.Definition.DemandStreams
                : buyer.Definition.Demand is { } single ? [single] : [];
            for (int k = 0; k < definitions.Count; k++)
            {
                var demand = definitions[k];
                if (demand.InterarrivalDays is ConstantDistribution { Value: <= 0 })
                {
                    throw NetworkModel.Invalid($"Buyer '{buyer.Id}': demand InterarrivalDays must be > 0.");
                }

                string name = demand.Id ?? k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ulong key = StableHash.Of(k == 0 ? buyer.Definition.Id : buyer.Definition.Id + "/" + name);
                all.Add(new Stream(this, all.Count, buyer, demand, buyer.Definition.Id + "/" + name, streams.Create(key, DemandKey), streams.Create(key, InterarrivalKey), streams.Create(key, DeliveryKey)));
            }

            _open[buyer.Index] = new OrderQueue();
        }

        _streams = [.. all];
    }

    /// <summary>Units that reached customers in the measured period.</summary>
    public double CustomerUnitsReceived => _unitsReceived;

    /// <summary>Customer orders whose last units reached the customer in the measured period.</summary>
    public long CustomerOrdersDelivered => _ordersDelivered;

    /// <summary>Customer orders placed in the measured period, met in full at once and received before the horizon.</summary>
    public long OnTimeInFull => _onTimeInFull;

    /// <summary>Schedules every stream's first order at its first order day.</summary>
    public void Start()
    {
        foreach (var stream in _streams)
        {
            double first = stream.Definition.FirstOrderDay;
            if (first < _horizon)
            {
                _sim.Schedule(first, stream.Arrival, NetworkModel.DemandPriority);
            }
        }
    }

    /// <summary>Goods arrived at a buyer (after <see cref="AccrueLevels"/>, once they are on hand): the oldest open customer orders are filled first.</summary>
    public void FillBackorders(Node buyer)
    {
        var fg = buyer.Fg;
        var open = _open[buyer.Index]!;
        while (open.Count > 0 && fg.OnHand > NetworkModel.Epsilon)
        {
            ref var head = ref open.Peek();
            double filled = Math.Min(fg.OnHand, head.Remaining);
            fg.OnHand -= filled;
            fg.Backorders = Math.Max(0, fg.Backorders - filled);
            head.Remaining -= filled;
            bool last = head.Remaining <= NetworkModel.Epsilon;
            Sell(_streams[head.Link], head.OrderId, filled, last);
            if (last)
            {
                open.Dequeue();
            }
        }

        if (open.Count == 0)
        {
            fg.Backorders = 0;
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

    private void OnOrder(Stream stream)
    {
        var buyer = stream.Buyer;
        var demand = stream.Definition;
        double now = _sim.Now;
        double quantity = Math.Max(0, demand.Quantity.Sample(stream.Size)) * Math.Max(0, SeasonalFactor(demand, now));
        long orderId = _orderNumbers.Next();
        _recorder?.Invoke(new OrderEvent(now, OrderEventTypes.CustomerOrdered, orderId, stream.Name, buyer.Id, quantity));

        AccrueLevels(buyer);
        var fg = buyer.Fg;
        double met = Math.Min(Math.Max(0, fg.OnHand), quantity);
        fg.OnHand -= met;
        ref var totals = ref _ledger.Sum;
        totals.DemandUnits += quantity;
        totals.MetOnArrival += met;
        totals.CustomerOrders++;
        ref var flows = ref _flows.Of[buyer.Index];
        flows.CustomerOrders++;
        flows.UnitsDemanded += quantity;
        flows.MetOnArrival += met;
        double unmet = quantity - met;
        bool inFull = unmet <= NetworkModel.Epsilon;
        double received = met > 0 || inFull ? Sell(stream, orderId, met, inFull) : double.PositiveInfinity;
        if (inFull && now >= _warmup && received < _horizon)
        {
            _onTimeInFull++;
        }

        if (!inFull)
        {
            if (buyer.Backorder)
            {
                fg.Backorders += unmet;
                _open[buyer.Index]!.Enqueue(stream.Index, unmet, orderId, now);
            }
            else
            {
                totals.LostUnits += unmet;
                totals.LostValue += unmet * demand.SellingPrice;
                flows.LostUnits += unmet;
            }
        }

        _ordering.PositionChanged(fg);
        double gap = Math.Max(0, demand.InterarrivalDays.Sample(stream.Gap));
        if (now + gap < _horizon)
        {
            _sim.Schedule(gap, stream.Arrival, NetworkModel.DemandPriority);
        }
    }

    /// <summary>
    /// Units of an order leave the buyer's stock now: sold, sent on the stream's delivery leg; counted
    /// as received when they reach the customer inside the measured period. Returns the time they do.
    /// </summary>
    private double Sell(Stream stream, long orderId, double units, bool lastOfOrder)
    {
        double now = _sim.Now;
        var buyer = stream.Buyer;
        var demand = stream.Definition;
        ref var totals = ref _ledger.Sum;
        totals.DeliveredUnits += units;
        totals.Revenue += units * demand.SellingPrice;
        ref var flows = ref _flows.Of[buyer.Index];
        flows.UnitsSold += units;
        flows.Revenue += units * demand.SellingPrice;

        double received = now;
        if (demand.Delivery is { } leg && units > 0)
        {
            received += Math.Max(0, leg.LeadTimeDays.Sample(stream.Leg));
            double cost = leg.CostPerOrder + (leg.CostPerUnit * units);
            totals.LogisticsCost += cost;
            totals.Co2eKg += leg.Co2eKgPerUnit * units;
            flows.TransportCost += cost;
        }

        if (received >= _warmup && received < _horizon)
        {
            _unitsReceived += units;
            if (lastOfOrder)
            {
                _ordersDelivered++;
            }

            _recorder?.Invoke(new OrderEvent(received, OrderEventTypes.CustomerDelivered, orderId, stream.Name, buyer.Id, units));
        }

        return received;
    }

    /// <summary>1 + A cos(2 pi (t - peak) / period); 1 without seasonality.</summary>
    private static double SeasonalFactor(DemandDefinition demand, double time) =>
        demand.SeasonalAmplitude == 0 || !(demand.SeasonalPeriodDays > 0)
            ? 1
            : 1 + (demand.SeasonalAmplitude * Math.Cos(2 * Math.PI * (time - demand.SeasonalPeakDay) / demand.SeasonalPeriodDays));

    /// <summary>One demand stream of a buyer, with its random streams and its arrival delegate.</summary>
    private sealed class Stream
    {
        public Stream(Demand demand, int index, Node buyer, DemandDefinition definition, string name, RandomStream size, RandomStream gap, RandomStream leg)
        {
            Index = index;
            Buyer = buyer;
            Definition = definition;
            Name = name;
            Size = size;
            Gap = gap;
            Leg = leg;
            Arrival = () => demand.OnOrder(this);
        }

        /// <summary>Its position among all buyers' streams.</summary>
        public int Index { get; }

        public Node Buyer { get; }

        public DemandDefinition Definition { get; }

        /// <summary><c>buyer/stream</c>, the customer in order events.</summary>
        public string Name { get; }

        public RandomStream Size { get; }

        public RandomStream Gap { get; }

        public RandomStream Leg { get; }

        public Action Arrival { get; }
    }
}
