// Mechanism 1b, fulfilment and shipping (DESIGN.md section 5).
//
//   a customer order of q at a supplier or DC joins its backlog (FIFO); whenever finished goods are on
//   hand the backlog is served oldest first, partial fills allowed: ship min(on hand, remaining)
//   lead time  = max(0, draw of link lead time (else the supplier's)) * supplier region's multiplier,
//                drawn per shipment from the supplier's "shipping" stream
//   at shipping:  transport cost = cost per order (per shipment) + cost per unit * q, charged to the
//                 receiving node; transport CO2e = kg per unit * q
//   at delivery:  the customer owes price_supplier * q, paid PaymentTermsDays (the customer's) later;
//                 the supplier books it as revenue; a buyer or DC buying from a supplier books it as
//                 purchase cost (DC-to-buyer transfers are internal to the buyer side)
//   per node, what the buyer side pays for its units (purchase + transport to the buyer side) adds to
//   its landed cost (SupplierOutcome.LandedCost; the social costs it causes are added in Social/*.cs)
//   goods shipped to a node that has since left the chain are lost and never paid for.
//
// Shipments travel through the ArrivalClock (ArrivalClock.cs), which delivers them back here at their times.
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// Fulfilment and shipping (see the file header): owns every shipper's customer backlog, its shipping
/// stream and lead-time multiplier, and which suppliers wait for inputs delivered this instant. Ships
/// through the <see cref="ArrivalClock"/> and delivers what it hands back: posts the flows to the
/// ledgers, books payments with economics, and hands goods to demand, its own backlog or production.
/// </summary>
internal sealed class Shipping : ICustomerOrders, IBacklog
{
    private static readonly ulong ShippingKey = StableHash.Of("shipping");

    private readonly Simulator _sim;
    private readonly Node[] _nodes;
    private readonly Link[] _links;
    private readonly Stock[] _stocks;
    private readonly TotalsLedger _ledger;
    private readonly NodeLedger _flows;
    private readonly OrderNumbers _orderNumbers;
    private readonly Action<OrderEvent>? _recorder;
    private readonly ArrivalClock _clock;
    private IPositionChanged _ordering = null!;
    private readonly Production _production;
    private readonly Demand _demand;
    private readonly ITradePayments _payments;
    private readonly IDetentions? _detentions;
    private readonly RandomStream[] _streams;      // by node index (shippers only)
    private readonly double[] _leadTimeMultiplier; // by node index: the shipper's region's
    private readonly bool[] _wakePending;          // by node index
    private readonly List<Node> _wakeAfterDelivery = [];
    private readonly Action _deliverDue; // one delegate for every step of the run

    /// <summary>Fulfilment for every non-buyer of <paramref name="nodes"/> (their regions in <paramref name="regions"/>).</summary>
    public Shipping(
        Simulator sim, Node[] nodes, Link[] links, Stock[] stocks, IReadOnlyList<RegionDefinition> regions, StreamFactory streams,
        TotalsLedger ledger, NodeLedger flows, OrderNumbers orderNumbers, Action<OrderEvent>? recorder, ArrivalClock clock,
        Production production, Demand demand, ITradePayments payments, IDetentions? detentions)
    {
        _sim = sim;
        _nodes = nodes;
        _links = links;
        _stocks = stocks;
        _ledger = ledger;
        _flows = flows;
        _orderNumbers = orderNumbers;
        _recorder = recorder;
        _clock = clock;
        _production = production;
        _demand = demand;
        _payments = payments;
        _detentions = detentions;
        _deliverDue = DeliverDue;
        _streams = new RandomStream[nodes.Length];
        _leadTimeMultiplier = new double[nodes.Length];
        _wakePending = new bool[nodes.Length];
        foreach (var n in nodes)
        {
            if (!n.IsBuyer)
            {
                n.Backlog = new OrderQueue();
                _streams[n.Index] = streams.Create(StableHash.Of(n.Definition.Id), ShippingKey);
                _leadTimeMultiplier[n.Index] = regions[n.Region].LeadTimeMultiplier;
            }
        }
    }

    /// <summary>
    /// Stocks with <c>initial: steady_state</c> start at their policy's mean on hand, with their mean
    /// pipeline in transit from their sources (SteadyStateStart.cs): orders placed before day 0, paid for
    /// at delivery like any other.
    /// </summary>
    public void StartInTransit(Dictionary<(int Node, int Input), StockStart> starts)
    {
        foreach (var ((node, input), start) in starts)
        {
            var n = _nodes[node];
            var stock = input < 0 ? n.Fg : n.Inputs[input];
            stock.OnHand = start.OnHand;
            if (start.Pipeline <= NetworkModel.Epsilon || stock.LinkCount == 0)
            {
                continue;
            }

            double shares = 0;
            for (int i = stock.FirstLink; i < stock.FirstLink + stock.LinkCount; i++)
            {
                shares += _links[i].Share;
            }

            double part = start.Pipeline / start.Shipments;
            for (int k = 1; k <= start.Shipments; k++)
            {
                double arrival = start.ArrivalDay(k);
                for (int i = stock.FirstLink; i < stock.FirstLink + stock.LinkCount; i++)
                {
                    ref readonly var link = ref _links[i];
                    double quantity = part * link.Share / shares;
                    if (quantity > NetworkModel.Epsilon && _clock.AddBeforeStart(arrival, i, link.Customer, link.Supplier, quantity, _orderNumbers.Next(), arrival - start.LeadTimeDays))
                    {
                        stock.OnOrder += quantity;
                    }
                }
            }
        }
    }

    /// <summary>Connects ordering, built after fulfilment: told when a position changed (a customer order taken, open orders dropped).</summary>
    public void Connect(IPositionChanged ordering) => _ordering = ordering;

    /// <summary>Runs the clock up to <paramref name="until"/> or the horizon, delivering shipments as they arrive; true once the horizon is reached.</summary>
    public bool RunUntil(double until) => _clock.RunUntil(_deliverDue, until);

    /// <summary>A customer order of <paramref name="quantity"/> on link <paramref name="link"/> reaches <paramref name="supplier"/>.</summary>
    public void ReceiveOrder(Node supplier, int link, double quantity)
    {
        var fg = supplier.Fg;
        double onHandBefore = fg.OnHand;
        long orderId = _orderNumbers.Next();
        var customer = _stocks[_links[link].Customer].Owner;
        ref var flows = ref _flows.Of[customer.Index];
        flows.OrdersPlaced++;
        flows.UnitsOrdered += quantity;
        ref var served = ref _flows.Of[supplier.Index];
        served.CustomerOrders++;
        served.UnitsDemanded += quantity;
        // Met on arrival: what ships within this call (from stock, or instantly made) beyond the orders ahead.
        double ahead = fg.Backorders;
        double soldBefore = served.UnitsSold;
        if (supplier.Tier is >= 1 and <= KpiCatalog.BullwhipTiers)
        {
            _ledger.Sum.UnitsOrderedFromTier[supplier.Tier - 1] += quantity;
        }

        _recorder?.Invoke(new OrderEvent(_sim.Now, OrderEventTypes.Placed, orderId, customer.Id, supplier.Id, quantity));
        fg.Backorders += quantity;
        supplier.Backlog.Enqueue(link, quantity, orderId, _sim.Now);
        ServeBacklog(supplier);
        if (supplier.IsProducer && _production.IsMakeToOrder(supplier))
        {
            // Make to order: what stock could not fill becomes production backlog. A queue ahead
            // of this order means stock was 0, so it is filled from stock only up to onHandBefore.
            double unfilled = quantity - Math.Min(quantity, onHandBefore);
            if (unfilled > NetworkModel.Epsilon)
            {
                _production.OrderProduction(supplier, unfilled);
            }
        }
        else
        {
            _ordering.PositionChanged(fg);
        }

        _flows.Of[supplier.Index].MetOnArrival += Math.Clamp(_flows.Of[supplier.Index].UnitsSold - soldBefore - ahead, 0, quantity);
    }

    /// <summary>Ships from finished goods to the oldest open customer orders while stock lasts.</summary>
    public void ServeBacklog(Node supplier)
    {
        var fg = supplier.Fg;
        var backlog = supplier.Backlog;
        while (backlog.Count > 0 && fg.OnHand > NetworkModel.Epsilon)
        {
            ref var head = ref backlog.Peek();
            int link = head.Link;
            long orderId = head.OrderId;
            double placedAt = head.PlacedAt;
            double quantity = Math.Min(fg.OnHand, head.Remaining);
            fg.OnHand -= quantity;
            head.Remaining -= quantity;
            double residue = 0;
            if (head.Remaining <= NetworkModel.Epsilon)
            {
                residue = head.Remaining; // floating-point dust: the order counts as filled
                backlog.Dequeue();
            }

            fg.Backorders -= quantity + residue;
            Ship(link, quantity, orderId, placedAt);
        }

        if (backlog.Count == 0)
        {
            fg.Backorders = 0;
        }
    }

    private void Ship(int linkIndex, double quantity, long orderId, double placedAt)
    {
        ref readonly var link = ref _links[linkIndex];
        var supplier = _nodes[link.Supplier];
        var customer = _stocks[link.Customer].Owner;
        double lead = link.LeadTimeDays.Sample(_streams[supplier.Index]);
        lead = lead > 0 ? lead * _leadTimeMultiplier[supplier.Index] : 0;
        _flows.Of[supplier.Index].UnitsSold += quantity;
        _recorder?.Invoke(new OrderEvent(_sim.Now, OrderEventTypes.Shipped, orderId, customer.Id, supplier.Id, quantity));

        double transport = link.TransportCostPerOrder + (link.TransportCostPerUnit * quantity);
        if (transport > 0)
        {
            _flows.Of[customer.Index].TransportCost += transport;
            if (customer.IsBuyerSide)
            {
                _ledger.Sum.LogisticsCost += transport;
                supplier.LandedCost += transport;
            }
            else
            {
                _payments.PayCost(customer, transport);
            }
        }

        _ledger.Sum.Co2eKg += link.TransportCo2eKgPerUnit * quantity;

        _clock.Dispatch(_sim.Now + lead, linkIndex, link.Customer, link.Supplier, quantity, orderId, placedAt);
    }

    /// <summary>Delivers every shipment due by now, in arrival order, then wakes suppliers whose inputs came in.</summary>
    private void DeliverDue()
    {
        // While delivering, anything shipped to arrive now is picked up by this loop.
        double now = _sim.Now;
        while (_clock.TryTakeDue(now, out var arrival))
        {
            Deliver(arrival.Link, _stocks[arrival.Stock], _nodes[arrival.Supplier], arrival.Quantity, arrival.OrderId, arrival.PlacedAt);
        }

        foreach (var n in _wakeAfterDelivery)
        {
            _wakePending[n.Index] = false;
            _production.TryStart(n);
        }

        _wakeAfterDelivery.Clear();
    }

    private void Deliver(int linkIndex, Stock stock, Node supplier, double quantity, long orderId, double placedAt)
    {
        var customer = stock.Owner;
        stock.OnOrder = Math.Max(0, stock.OnOrder - quantity);
        if (!customer.Active)
        {
            return;
        }

        // An import ban detains goods traced to a banned finding; they are lost, unpaid (Social/ImportBan.cs).
        if (_detentions is not null && _detentions.IsDetained(customer, supplier, quantity))
        {
            return;
        }

        if (customer.IsBuyer)
        {
            _demand.AccrueLevels(customer);
        }

        stock.OnHand += quantity;
        double now = _sim.Now;
        double amount = supplier.Price * quantity;
        ref var flows = ref _flows.Of[customer.Index];
        flows.OrdersReceived++;
        flows.UnitsReceived += quantity;
        flows.LeadTimeSum += now - placedAt;
        _flows.Of[supplier.Index].Revenue += amount;
        if (supplier.IsProducer)
        {
            flows.PurchaseCost += amount;
        }

        if (customer.IsBuyer)
        {
            ref var totals = ref _ledger.Sum;
            totals.ReplenishmentOrdersReceived++;
            totals.ReplenishmentUnitsReceived += quantity;
            totals.ReplenishmentLeadTimeSum += now - placedAt;
        }

        _recorder?.Invoke(new OrderEvent(now, OrderEventTypes.Received, orderId, customer.Id, supplier.Id, quantity));

        supplier.Revenue += amount;
        supplier.WindowRevenue += amount;
        if (!customer.IsBuyerSide)
        {
            customer.WindowCost += amount;
        }
        else if (supplier.IsProducer)
        {
            // What the buyer side pays suppliers; transfers from a distribution centre are internal.
            _ledger.Sum.PurchaseCost += amount;
            customer.Purchases += amount;
            supplier.LandedCost += amount;
            supplier.UnitsToBuyers += quantity;
        }

        _payments.SchedulePayment(linkIndex, customer, supplier, amount);

        if (customer.IsBuyer)
        {
            _demand.FillBackorders(customer);
        }
        else if (stock.IsFinishedGoods)
        {
            ServeBacklog(customer);
        }
        else if (!_wakePending[customer.Index])
        {
            _wakePending[customer.Index] = true;
            _wakeAfterDelivery.Add(customer);
        }
    }

    /// <summary>
    /// Removes the open orders that <paramref name="customer"/> (which is leaving) has at its
    /// suppliers, so they neither ship nor make goods for it.
    /// </summary>
    public void CancelOrdersOf(Node customer)
    {
        CancelOrdersOf(customer.Fg);
        foreach (var input in customer.Inputs)
        {
            CancelOrdersOf(input);
        }
    }

    private void CancelOrdersOf(Stock stock)
    {
        int end = stock.FirstLink + stock.LinkCount;
        for (int i = stock.FirstLink; i < end; i++)
        {
            var supplier = _nodes[_links[i].Supplier];
            if (!supplier.Active || supplier.Backlog.Count == 0)
            {
                continue;
            }

            double removed = supplier.Backlog.RemoveWhere(i, static (link, entry) => entry == link);
            if (removed <= 0)
            {
                continue;
            }

            stock.OnOrder = Math.Max(0, stock.OnOrder - removed);
            supplier.Fg.Backorders = Math.Max(0, supplier.Fg.Backorders - removed);
            if (supplier.IsProducer)
            {
                _production.CancelMadeToOrder(supplier, removed);
            }
        }
    }

    /// <summary>
    /// Drops the open customer orders of <paramref name="supplier"/> (which is leaving): they are
    /// never delivered, and each customer's stock stops counting them as on order, so its policy
    /// reorders from the sources that remain.
    /// </summary>
    public void DropBacklog(Node supplier)
    {
        var backlog = supplier.Backlog;
        int count = backlog.Count;
        for (int i = 0; i < count; i++)
        {
            ref var entry = ref backlog.At(i);
            var stock = _stocks[_links[entry.Link].Customer];
            stock.OnOrder = Math.Max(0, stock.OnOrder - entry.Remaining);
        }

        // Read the customers again after clearing: their reorders must not see this backlog.
        var customers = new Stock[count];
        for (int i = 0; i < count; i++)
        {
            customers[i] = _stocks[_links[backlog.At(i).Link].Customer];
        }

        backlog.Clear();
        supplier.Fg.Backorders = 0;
        foreach (var stock in customers)
        {
            _ordering.PositionChanged(stock);
        }
    }
}
