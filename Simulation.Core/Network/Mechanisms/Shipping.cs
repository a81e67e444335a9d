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
// Shipments in transit wait in an ArrivalCalendar, not in the kernel: delivering them is the
// model's innermost loop (millions per run in dense networks), so it must not cost a kernel event,
// an object and several cache misses each. RunClock below keeps the exact semantics of one kernel
// event per shipment at ArrivalPriority: same times, same order.
namespace Simulation.Core.Network;

/// <summary>What ordering tells fulfilment: a customer order reaches a supplier.</summary>
internal interface ICustomerOrders
{
    /// <summary>A customer order of <paramref name="quantity"/> on link <paramref name="link"/> reaches <paramref name="supplier"/>.</summary>
    void ReceiveOrder(Node supplier, int link, double quantity);
}

internal sealed partial class NetworkModel
{
    /// <summary>A customer order of <paramref name="quantity"/> on link <paramref name="link"/> reaches <paramref name="supplier"/>.</summary>
    private void ReceiveOrder(Node supplier, int link, double quantity)
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

        _options.OrderRecorder?.Invoke(new OrderEvent(_sim.Now, OrderEventTypes.Placed, orderId, customer.Id, supplier.Id, quantity));
        fg.Backorders += quantity;
        supplier.Backlog.Enqueue(link, quantity, orderId, _sim.Now);
        ServeBacklog(supplier);
        if (supplier.IsProducer && _production.IsMakeToOrder(supplier))
        {
            // Make to order: what stock could not fill becomes production backlog. A queue ahead
            // of this order means stock was 0, so it is filled from stock only up to onHandBefore.
            double unfilled = quantity - Math.Min(quantity, onHandBefore);
            if (unfilled > Epsilon)
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
    private void ServeBacklog(Node supplier)
    {
        var fg = supplier.Fg;
        var backlog = supplier.Backlog;
        while (backlog.Count > 0 && fg.OnHand > Epsilon)
        {
            ref var head = ref backlog.Peek();
            int link = head.Link;
            long orderId = head.OrderId;
            double placedAt = head.PlacedAt;
            double quantity = Math.Min(fg.OnHand, head.Remaining);
            fg.OnHand -= quantity;
            head.Remaining -= quantity;
            double residue = 0;
            if (head.Remaining <= Epsilon)
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
        double lead = link.LeadTimeDays.Sample(supplier.ShippingStream);
        lead = lead > 0 ? lead * supplier.LeadTimeMultiplier : 0;
        _flows.Of[supplier.Index].UnitsSold += quantity;
        _options.OrderRecorder?.Invoke(new OrderEvent(_sim.Now, OrderEventTypes.Shipped, orderId, customer.Id, supplier.Id, quantity));

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
                customer.WindowCost += transport;
                Pay(customer, transport, payee: null);
            }
        }

        _ledger.Sum.Co2eKg += link.TransportCo2eKgPerUnit * quantity;

        double arrival = _sim.Now + lead;
        if (_arrivals.Add(arrival, linkIndex, link.Customer, link.Supplier, quantity, orderId, placedAt) && arrival < _runUntil && !(arrival >= _arrivalTickAt))
        {
            // The kernel is running towards a later time: it must stop here for this arrival.
            ScheduleArrivalTick(arrival);
        }
    }

    /// <summary>
    /// Runs the kernel to the horizon, delivering shipments on the way. The kernel runs up to the next
    /// arrival time; if no kernel entry shares that instant, the shipments due are delivered right
    /// there, without a kernel event. Otherwise (a tie, which fixed lead times make common), or for a
    /// shipment made while the kernel runs towards a later time, an arrival tick at
    /// <see cref="ArrivalPriority"/> lets the kernel's order decide, delivers, and stops the run so
    /// that this loop takes over again. Either way shipments are delivered at their exact times, in
    /// (time, shipping order), after demand and before reviews at the same instant.
    /// </summary>
    private void RunClock()
    {
        // The run is [0, horizon): Run(until) leaves the entries at exactly `until` (docs/model.md).
        double end = _horizon;
        while (true)
        {
            double next = _arrivals.TryPeek(out double arrival) ? Math.Min(arrival, end) : end;
            _runUntil = next;
            _sim.Run(next);
            if (_sim.Now < next)
            {
                continue; // an arrival tick stopped the run early
            }

            if (next >= end)
            {
                break;
            }

            if (!(_arrivals.TryPeek(out arrival) && arrival <= _sim.Now))
            {
                continue; // delivered meanwhile by an arrival tick
            }

            if (_sim.PeekTime() <= _sim.Now)
            {
                _runUntil = Math.BitIncrement(_sim.Now);
                ScheduleArrivalTick(_sim.Now);
                _sim.Run(_runUntil);
                continue;
            }

            _arrivalTickAt = _sim.Now;
            DeliverDue();
            _arrivalTickAt = double.NaN;
        }

        _runUntil = double.PositiveInfinity;
    }

    /// <summary>Makes sure the kernel wakes the model at <paramref name="time"/> for an arrival.</summary>
    private void ScheduleArrivalTick(double time)
    {
        double delay = Math.Max(0, time - _sim.Now);

        // The kernel fires at Now + delay; keep that exact value to recognise the live tick.
        _arrivalTickAt = _sim.Now + delay;
        _sim.Schedule(delay, _arrivalTick, ArrivalPriority);
    }

    private void OnArrivalTick()
    {
        if (_sim.Now != _arrivalTickAt)
        {
            return; // superseded by an earlier tick, which has delivered these shipments
        }

        DeliverDue();
        _arrivalTickAt = double.NaN;

        // Hand the clock back to RunClock, which runs on towards the next arrival.
        _sim.Stop();
    }

    /// <summary>Delivers every shipment due by now, in arrival order, then wakes suppliers whose inputs came in.</summary>
    private void DeliverDue()
    {
        // While delivering, anything shipped to arrive now is picked up by this loop
        // (the caller has set _arrivalTickAt to now, so no tick is scheduled for it).
        double now = _sim.Now;
        while (_arrivals.TryPeek(out double time) && time <= now)
        {
            var arrival = _arrivals.Take();
            Deliver(arrival.Link, _stocks[arrival.Stock], _nodes[arrival.Supplier], arrival.Quantity, arrival.OrderId, arrival.PlacedAt);
        }

        foreach (var n in _wakeAfterDelivery)
        {
            n.WakePending = false;
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

        // Social hook: an import ban detains goods traced to a banned finding; they are lost, unpaid (Social/Policies.cs).
        if (_social is not null && IsDetained(customer, supplier, quantity))
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

        _options.OrderRecorder?.Invoke(new OrderEvent(now, OrderEventTypes.Received, orderId, customer.Id, supplier.Id, quantity));

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

        SchedulePayment(linkIndex, customer, supplier, amount);

        if (customer.IsBuyer)
        {
            _demand.FillBackorders(customer);
        }
        else if (stock.IsFinishedGoods)
        {
            ServeBacklog(customer);
        }
        else if (!customer.WakePending)
        {
            customer.WakePending = true;
            _wakeAfterDelivery.Add(customer);
        }
    }

    /// <summary>
    /// Removes the open orders that <paramref name="customer"/> (which is leaving) has at its
    /// suppliers, so they neither ship nor make goods for it.
    /// </summary>
    private void CancelOrdersOf(Node customer)
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
    private void DropBacklog(Node supplier)
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
