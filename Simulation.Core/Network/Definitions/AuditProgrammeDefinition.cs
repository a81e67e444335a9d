namespace Simulation.Core.Network.Definitions;

/// <summary>Which suppliers a programme, loan or certification applies to; every given condition must hold.</summary>
public sealed record SupplierTarget
{
    /// <summary>Lowest tier included.</summary>
    public int MinTier { get; init; } = 1;

    /// <summary>Highest tier included.</summary>
    public int MaxTier { get; init; } = int.MaxValue;

    /// <summary>Size classes included; empty = all.</summary>
    public IReadOnlyList<SizeClass> Sizes { get; init; } = [];

    /// <summary>Risk segments included (at the time of the decision); empty = all.</summary>
    public IReadOnlyList<RiskSegment> Segments { get; init; } = [];

    /// <summary>Regions included; empty = all.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Named suppliers; when given, only these (the other conditions still apply).</summary>
    public IReadOnlyList<string> Suppliers { get; init; } = [];

    /// <summary>Everyone.</summary>
    public static SupplierTarget All { get; } = new();
}

/// <summary>An audit programme of one buyer, or of a coalition sharing audits (mechanisms 5, 9, 10).</summary>
public sealed record AuditProgrammeDefinition
{
    /// <summary>Unique id (keys the programme's random streams).</summary>
    public required string Id { get; init; }

    /// <summary>The buyers running it; more than one is a coalition: one audit, cost split equally, findings shared.</summary>
    public required IReadOnlyList<string> Buyers { get; init; }

    /// <summary>Which suppliers of the buyers' chains are audited.</summary>
    public SupplierTarget Target { get; init; } = SupplierTarget.All;

    /// <summary>Unannounced audits (for reporting; the detection probability carries the effect).</summary>
    public bool Unannounced { get; init; }

    /// <summary>Probability that an audit finds each open violation.</summary>
    public double DetectionProbability { get; init; } = 0.5;

    /// <summary>Changes of <see cref="DetectionProbability"/> over time (read at each audit); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> DetectionProbabilityChanges { get; init; } = [];

    /// <summary>Cost of one audit.</summary>
    public double CostPerAudit { get; init; }

    /// <summary>Changes of <see cref="CostPerAudit"/> over time (read at each audit); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> CostPerAuditChanges { get; init; } = [];

    /// <summary>Days between audits of a high-risk supplier.</summary>
    public double IntervalDaysHigh { get; init; } = 180;

    /// <summary>Days between audits of a medium-risk supplier.</summary>
    public double IntervalDaysMedium { get; init; } = 365;

    /// <summary>Days between audits of a low-risk supplier.</summary>
    public double IntervalDaysLow { get; init; } = 730;

    /// <summary>First day of the programme.</summary>
    public double StartDay { get; init; }

    /// <summary>Last day of the programme.</summary>
    public double EndDay { get; init; } = double.PositiveInfinity;
}
