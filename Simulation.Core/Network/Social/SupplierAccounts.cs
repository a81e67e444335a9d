namespace Simulation.Core.Network;

/// <summary>
/// What the social parts book on the material and cash side, whose owners (economics, bookkeeping)
/// keep the state: the buyers' spending attributed to a supplier, and a supplier's own social cash
/// flows. One named method per kind of booking, so no social part writes cash or cost fields itself.
/// </summary>
internal interface ISupplierAccounts
{
    /// <summary>The buyers spend <paramref name="amount"/> on the supplier (audits, escalations, support, premiums, penalties): its landed cost.</summary>
    void ChargeBuyers(Node supplier, double amount);

    /// <summary>The supplier pays <paramref name="amount"/> to outsiders from its cash (remediation, fees, own investment): a cost of its margin window.</summary>
    void PayCost(Node supplier, double amount);

    /// <summary>The supplier saves <paramref name="amount"/> (capability's productivity): cash in, and a lower cost in its margin window.</summary>
    void ReceiveSavings(Node supplier, double amount);

    /// <summary>The buyers pay the supplier a certification premium of <paramref name="amount"/>: cash and revenue in (the landed cost is booked apart).</summary>
    void ReceivePremium(Node supplier, double amount);

    /// <summary>Supply-chain finance took <paramref name="discount"/> off a payment to the supplier: a cost of its margin window.</summary>
    void BookFinanceDiscount(Node supplier, double discount);

    /// <summary>Direct lending gives the supplier a credit line of <paramref name="limit"/> at <paramref name="dailyRate"/> (it then settles what arrears it can).</summary>
    void OpenCreditLine(Node supplier, double limit, double dailyRate);

    /// <summary>The supplier's daily cost (fixed cost and capacity), the unit of social costs and fees.</summary>
    double DailyCostOf(Node supplier);

    /// <summary>What the supplier could spend now: cash (not below 0) plus unused credit.</summary>
    double FundsOf(Node supplier);

    /// <summary>The supplier's credit limit now.</summary>
    double CreditLimitOf(Node supplier);

    /// <summary>The supplier's revenue since day 0.</summary>
    double RevenueOf(Node supplier);

    /// <summary>The supplier's margin in its current margin window, 0..1 (0 without revenue).</summary>
    double MarginOf(Node supplier);
}

/// <summary>What the social review reads of a supplier's production (owned by production, economics and fulfilment).</summary>
internal interface ISupplierReadings
{
    /// <summary>Units the supplier has made since day 0.</summary>
    double UnitsProducedOf(Node supplier);

    /// <summary>Days in liquidity stress since day 0.</summary>
    double StressDaysOf(Node supplier);

    /// <summary>Capacity per day now, before disruptions.</summary>
    double CapacityOf(Node supplier);

    /// <summary>Units in the supplier's open customer orders.</summary>
    double BacklogUnitsOf(Node supplier);
}
