namespace Simulation.Core.Network;

/// <summary>
/// Economics' desk for the social side's money (<see cref="ISupplierAccounts"/>): remediation, fees,
/// premiums, savings, finance discounts and credit lines. Cash moves only through
/// <see cref="Economics"/>'s own methods; what it writes here are the economics fields of a supplier
/// kept on <see cref="Node"/> (its margin window and credit line) and the buyers' landed cost of it.
/// </summary>
internal sealed class SocialBookings(Economics economics) : ISupplierAccounts
{
    /// <inheritdoc/>
    public void ChargeBuyers(Node supplier, double amount) => supplier.LandedCost += amount;

    /// <inheritdoc/>
    public void PayCost(Node supplier, double amount) => economics.PayCost(supplier, amount);

    /// <inheritdoc/>
    public void ReceiveSavings(Node supplier, double amount)
    {
        supplier.WindowCost -= amount;
        economics.Receive(supplier, amount);
    }

    /// <inheritdoc/>
    public void ReceivePremium(Node supplier, double amount)
    {
        supplier.WindowRevenue += amount;
        economics.Receive(supplier, amount);
    }

    /// <inheritdoc/>
    public void BookFinanceDiscount(Node supplier, double discount) => supplier.WindowCost += discount;

    /// <inheritdoc/>
    public void OpenCreditLine(Node supplier, double limit, double dailyRate)
    {
        supplier.CreditLimit = limit;
        supplier.CreditDailyRate = dailyRate;
        if (supplier.Arrears.Count > 0)
        {
            economics.SettleArrears(supplier);
        }
    }

    /// <inheritdoc/>
    public double DailyCostOf(Node supplier) => supplier.DailyCost;

    /// <inheritdoc/>
    public double FundsOf(Node supplier) => economics.SpendingPower(supplier);

    /// <inheritdoc/>
    public double CreditLimitOf(Node supplier) => supplier.CreditLimit;

    /// <inheritdoc/>
    public double RevenueOf(Node supplier) => supplier.Revenue;

    /// <inheritdoc/>
    public double MarginOf(Node supplier) => Math.Max(0, supplier.WindowMargin);
}
