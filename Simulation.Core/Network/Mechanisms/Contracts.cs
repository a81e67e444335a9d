// The narrow interfaces through which the material-flow and cash parts (Mechanisms/) call one another
// and the social mechanisms. Each names what the caller may ask of the owner of some state; the owner
// implements it (see docs/architecture.md, "Parts and who calls whom").
namespace Simulation.Core.Network;

/// <summary>What ordering and fulfilment tell production: make more units (a make-to-stock order, or a customer order stock cannot fill).</summary>
internal interface IProductionOrders
{
    /// <summary>Adds <paramref name="units"/> to what <paramref name="supplier"/> must make (and to its finished goods on order), and starts what can start.</summary>
    void OrderProduction(Node supplier, double units);
}

/// <summary>What production asks of a supplier's cash (owned by economics).</summary>
internal interface IProductionCash
{
    /// <summary>Whether the supplier has unpaid obligations (production stalls while it has).</summary>
    bool HasArrears(Node supplier);

    /// <summary>What the supplier can spend now: cash plus unused credit.</summary>
    double SpendingPower(Node supplier);

    /// <summary>The supplier pays an outside cost of its own (counted in its margin window).</summary>
    void PayCost(Node supplier, double amount);

    /// <summary>The supplier's capacity changed: its cost of a day at full capacity follows.</summary>
    void CapacityChanged(Node supplier);
}

/// <summary>What production tells fulfilment: finished goods came in, serve the customer backlog.</summary>
internal interface IBacklog
{
    /// <summary>Ships from <paramref name="supplier"/>'s finished goods to its oldest open customer orders while stock lasts.</summary>
    void ServeBacklog(Node supplier);
}

/// <summary>What ordering tells fulfilment: a customer order reaches a supplier.</summary>
internal interface ICustomerOrders
{
    /// <summary>A customer order of <paramref name="quantity"/> on link <paramref name="link"/> reaches <paramref name="supplier"/>.</summary>
    void ReceiveOrder(Node supplier, int link, double quantity);
}

/// <summary>What fulfilment asks of economics: pay a node's own transport, and book what a customer owes for goods delivered.</summary>
internal interface ITradePayments
{
    /// <summary>The node pays an outside cost of its own (counted in its margin window).</summary>
    void PayCost(Node payer, double amount);

    /// <summary>Records that <paramref name="payer"/> owes <paramref name="amount"/> for goods delivered now on link <paramref name="link"/>.</summary>
    void SchedulePayment(int link, Node payer, Node payee, double amount);
}

/// <summary>What fulfilment asks of the policies: whether a shipment arriving now is detained (an import ban).</summary>
internal interface IDetentions
{
    /// <summary>Whether the goods of <paramref name="supplier"/> arriving at <paramref name="customer"/> are detained (lost, unpaid).</summary>
    bool IsDetained(Node customer, Node supplier, double quantity);
}

/// <summary>What economics asks of the social side: supply-chain finance may pay a supplier early, less a discount (Social/Financing.cs).</summary>
internal interface ISupplyChainFinance
{
    /// <summary>Adjusts the days to payment and the amount of a payment <paramref name="payer"/> owes <paramref name="payee"/> when an offer covers it.</summary>
    void Apply(Node payer, Node payee, ref double termsDays, ref double amount);
}

/// <summary>What economics tells production: cash came in, the day ended; and asks it whether cash held production back today.</summary>
internal interface IProductionLines
{
    /// <summary>Cash came in: an idle supplier with production due tries to start.</summary>
    void OnCashIn(Node supplier);

    /// <summary>Step (4) of the day's end (see the file header).</summary>
    void EndOfDay();

    /// <summary>Whether cash held back any of what could start today.</summary>
    bool IsCashBlocked(Node supplier);
}

/// <summary>What a supplier's exit changes in the parts that own the rest of its state.</summary>
internal interface ISupplierExit
{
    /// <summary>The supplier is about to leave (still active): close what accrues while it is in the chain.</summary>
    void Leaving(Node supplier);

    /// <summary>The supplier has left: stop its production, renormalise its customers' sources, cancel and drop its orders.</summary>
    void Left(Node supplier);
}

/// <summary>What bookkeeping asks of the social mechanisms: their state at the warm-up, their KPIs and time-series columns, a supplier's own exposure.</summary>
internal interface ISocialBookkeeping
{
    /// <summary>The warm-up ends now: copy the social totals and each supplier's exposure.</summary>
    void AtWarmupEnd(double now);

    /// <summary>Writes the social columns (of <paramref name="columns"/>) of time-series row <paramref name="row"/> at <paramref name="day"/>.</summary>
    void Sample(double[][] columns, int row, double day);

    /// <summary>Writes the social KPIs of the measured period.</summary>
    void Collect(double[] kpis);

    /// <summary>Worker-exposure-days of the node's own violations over [warm-up, horizon] (0 without social mechanisms).</summary>
    double OwnExposureDays(Node n);
}
