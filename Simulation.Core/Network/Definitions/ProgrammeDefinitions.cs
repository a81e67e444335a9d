namespace Simulation.Core.Network.Definitions;

/// <summary>A capacity-building programme (mechanism 7).</summary>
public sealed record CapacityBuildingDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>The buyers funding it (several = co-funded by a coalition); for reporting.</summary>
    public IReadOnlyList<string> Funders { get; init; } = [];

    /// <summary>Who may enrol.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Most suppliers enrolled at once; the highest risk scores enrol first.</summary>
    public int MaxSuppliers { get; init; } = int.MaxValue;

    /// <summary>Cost per enrolled supplier per month (30.4375 days), paid by the funders.</summary>
    public double CostPerSupplierMonth { get; init; }

    /// <summary>Days a supplier stays enrolled.</summary>
    public double DurationDays { get; init; } = 365;

    /// <summary>g in dC/dt = g (1 - C) per year while enrolled.</summary>
    public double CapabilityGainPerYear { get; init; } = 0.5;

    /// <summary>Unit-cost saving per unit of capability gained (0.3 = 30% cheaper at a gain of 1).</summary>
    public double ProductivityGain { get; init; }

    /// <summary>Cut in production CO2e per unit per unit of capability gained.</summary>
    public double CarbonReduction { get; init; }

    /// <summary>Capacity added per unit of capability gained (0.2 = 20% more output a day at a gain of 1).</summary>
    public double CapacityGain { get; init; }

    /// <summary>First day suppliers enrol.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day suppliers enrol (enrolments run their full duration).</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// A buyer's response to a due-diligence law: enrol only while the law is in force, and only
    /// suppliers it covers (with <see cref="Target"/>, e.g. segments [high]: "enrol suppliers whose risk
    /// exceeds a threshold once the law applies").
    /// </summary>
    public bool WhileLawApplies { get; init; }
}

/// <summary>Supply-chain finance: a bank pays the buyer's invoices early at a rate set by the buyer's credit (mechanism 8).</summary>
public sealed record SupplyChainFinanceDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>The buyer whose invoices are financed.</summary>
    public required string Buyer { get; init; }

    /// <summary>Which of its suppliers may use it.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Days after delivery that the supplier is paid.</summary>
    public double PayAfterDays { get; init; } = 15;

    /// <summary>Annual discount rate r: the supplier gets amount * (1 - r * (terms - PayAfterDays) / 365).</summary>
    public double AnnualRate { get; init; } = 0.06;

    /// <summary>Changes of <see cref="AnnualRate"/> over time (read at each delivery); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> AnnualRateChanges { get; init; } = [];

    /// <summary>Outcome-linked finance: capability at or above this earns the discount below (NaN = none).</summary>
    public double CapabilityTarget { get; init; } = double.NaN;

    /// <summary>Cut in the annual rate for a supplier meeting the target with no overdue corrective action.</summary>
    public double RateDiscount { get; init; }

    /// <summary>First day of the offer.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day of the offer.</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;
}

/// <summary>Direct working-capital lending (mechanism 8): replaces a supplier's credit terms when it lends more.</summary>
public sealed record DirectLendingDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>Who may borrow.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Interest per year.</summary>
    public double AnnualRate { get; init; } = 0.1;

    /// <summary>Credit limit as days of the supplier's full-capacity daily cost.</summary>
    public double LimitDaysOfCost { get; init; } = 30;

    /// <summary>Day the credit lines open.</summary>
    public double StartDay { get; init; }
}
