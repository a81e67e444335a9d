namespace Simulation.Core.Network.Definitions;

/// <summary>
/// Whether suppliers respond to incentives (<c>docs/model.md</c>, supplier response): a responsive
/// supplier offered a better finance rate at a capability target invests in its own capability, and one
/// facing a corrective action plan under a suspend or exit response remediates by the deadline, when the
/// expected benefit over <see cref="PlanningHorizonDays"/> exceeds the cost and its cash allows it.
/// </summary>
public sealed record SupplierResponseDefinition
{
    /// <summary>Passive suppliers never invest on their own; responsive ones follow the rule.</summary>
    public SupplierResponseRule Rule { get; init; } = SupplierResponseRule.Passive;

    /// <summary>g of the supplier's own investment: dC/dt = g (1 - C) per year while it invests.</summary>
    public double CapabilityGainPerYear { get; init; } = 0.3;

    /// <summary>What investing costs, in days of the supplier's full-capacity daily cost per year of investment.</summary>
    public double InvestmentCostDaysPerYear { get; init; } = 5;

    /// <summary>Days over which the supplier weighs the benefit (it expects to reach the target and then earn the better rate until then).</summary>
    public double PlanningHorizonDays { get; init; } = 730;

    /// <summary>Days of daily cost of cash and free credit the supplier keeps after paying for the investment.</summary>
    public double CashReserveDays { get; init; } = 10;

    /// <summary>What remediating faster costs: days of the supplier's daily cost per day of remediation saved (overtime, contractors).</summary>
    public double ExpediteCostDaysPerDaySaved { get; init; } = 0.2;
}

/// <summary>How suppliers respond to incentives.</summary>
public enum SupplierResponseRule
{
    /// <summary>No response: capability changes only through buyers' programmes.</summary>
    Passive,

    /// <summary>Invest in capability when the expected benefit exceeds the cost, within the cash available.</summary>
    Responsive,
}
