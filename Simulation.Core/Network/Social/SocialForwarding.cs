// forwarding for the material and cash side: remove once both sides are parts.
//
// The social side is one sealed SocialMechanisms; the rest of NetworkModel (still partial files:
// bookkeeping, economics, shipping, production, ordering) calls it through the members below, and
// the social parts book cash, costs and capacity through the interfaces below, which forward to the
// owners' fields and methods. Once economics, production and bookkeeping are parts, these
// interfaces are implemented by them and this file goes.
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

internal sealed partial class NetworkModel : ISupplierAccounts, ISourcingActions, ICapacityGrowth, ISupplierReadings
{
    private SocialDefinition? _social;
    private SocialMechanisms? _socialParts;
    private SocialTotals _socialAtWarmup;

    /// <summary>Builds the social parts and draws day 0 (no-op without a social definition).</summary>
    private void StartSocial()
    {
        _social = _definition.Social;
        if (_social is null)
        {
            return;
        }

        _socialParts = new SocialMechanisms(_social, _definition.Regions, _nodes, _suppliers, _links, _nodeIndex, _context.Streams, _ledger, this, this, this, _resourcing, this);
        _socialParts.Start();
    }

    /// <summary>The social part of the end of day <paramref name="day"/>.</summary>
    private void SocialDayEnd(int day) => _socialParts?.DayEnd(day);

    /// <summary>The social totals at <paramref name="time"/> (only with a social definition).</summary>
    private SocialTotals SocialSnapshot(double time) => _socialParts!.Snapshot(time);

    /// <summary>The social columns of a time-series row.</summary>
    private void SampleSocial(int row, double time) => _socialParts?.Sample(_columns, row, time);

    /// <summary>The social KPIs.</summary>
    private void CollectSocial(double[] kpis)
    {
        if (_socialParts is null)
        {
            SocialBookkeeping.CollectWithout(kpis, _suppliers);
        }
        else
        {
            _socialParts.Collect(kpis, _socialAtWarmup, _horizon, _warmup);
        }
    }

    /// <summary>Hook of payment scheduling (Economics.cs): supply-chain finance may pay the supplier early, less a discount.</summary>
    private void ApplySupplyChainFinance(Node payer, Node payee, ref double termsDays, ref double amount) =>
        _socialParts?.ApplyFinance(payer, payee, _sim.Now, ref termsDays, ref amount);

    /// <summary>Hook of delivery (Shipping.cs): whether an import ban detains the shipment.</summary>
    private bool IsDetained(Node customer, Node supplier, double quantity) => _socialParts!.IsDetained(customer, supplier, quantity);

    /// <inheritdoc/>
    void ISourcingActions.Suspend(Node supplier)
    {
        supplier.OrdersSuspended = true;
        _sourcesVersion++;
        _resourcing.SourceSuspended(supplier);
    }

    /// <inheritdoc/>
    void ISourcingActions.Reinstate(Node supplier)
    {
        supplier.OrdersSuspended = false;
        _sourcesVersion++;
        _resourcing.SourceReinstated(supplier);
    }

    /// <inheritdoc/>
    void ISourcingActions.Terminate(Node supplier) => Exit(supplier, "terminated");

    /// <inheritdoc/>
    void ICapacityGrowth.SetCapacityGrowth(Node supplier, double growth)
    {
        supplier.CapacityGrowth = growth;
        SetCapacity(supplier, supplier.BaseCapacity * supplier.CapacityGrowth);
    }

    /// <inheritdoc/>
    void ISupplierAccounts.ChargeBuyers(Node supplier, double amount) => supplier.LandedCost += amount;

    /// <inheritdoc/>
    void ISupplierAccounts.PayCost(Node supplier, double amount)
    {
        supplier.WindowCost += amount;
        Pay(supplier, amount, payee: null);
    }

    /// <inheritdoc/>
    void ISupplierAccounts.ReceiveSavings(Node supplier, double amount)
    {
        supplier.WindowCost -= amount;
        Receive(supplier, amount);
    }

    /// <inheritdoc/>
    void ISupplierAccounts.ReceivePremium(Node supplier, double amount)
    {
        supplier.WindowRevenue += amount;
        Receive(supplier, amount);
    }

    /// <inheritdoc/>
    void ISupplierAccounts.BookFinanceDiscount(Node supplier, double discount) => supplier.WindowCost += discount;

    /// <inheritdoc/>
    void ISupplierAccounts.OpenCreditLine(Node supplier, double limit, double dailyRate)
    {
        supplier.CreditLimit = limit;
        supplier.CreditDailyRate = dailyRate;
        if (supplier.Arrears.Count > 0)
        {
            SettleArrears(supplier);
        }
    }

    /// <inheritdoc/>
    double ISupplierAccounts.DailyCostOf(Node supplier) => supplier.DailyCost;

    /// <inheritdoc/>
    double ISupplierAccounts.FundsOf(Node supplier) => Math.Max(0, supplier.Cash) + Math.Max(0, supplier.CreditLimit - supplier.CreditBalance);

    /// <inheritdoc/>
    double ISupplierAccounts.CreditLimitOf(Node supplier) => supplier.CreditLimit;

    /// <inheritdoc/>
    double ISupplierAccounts.RevenueOf(Node supplier) => supplier.Revenue;

    /// <inheritdoc/>
    double ISupplierAccounts.MarginOf(Node supplier) =>
        supplier.WindowRevenue > 0 ? Math.Max(0, (supplier.WindowRevenue - supplier.WindowCost) / supplier.WindowRevenue) : 0;

    /// <inheritdoc/>
    double ISupplierReadings.UnitsProducedOf(Node supplier) => supplier.UnitsProduced;

    /// <inheritdoc/>
    double ISupplierReadings.StressDaysOf(Node supplier) => supplier.StressDays;

    /// <inheritdoc/>
    double ISupplierReadings.CapacityOf(Node supplier) => supplier.Capacity;

    /// <inheritdoc/>
    double ISupplierReadings.BacklogUnitsOf(Node supplier)
    {
        double backlog = 0;
        for (int i = 0; i < supplier.Backlog.Count; i++)
        {
            backlog += supplier.Backlog.At(i).Remaining;
        }

        return backlog;
    }
}
