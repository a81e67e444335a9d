namespace Simulation.Scenarios.Reporting;

/// <summary>Which way a KPI target points.</summary>
public enum TargetDirection
{
    /// <summary>The KPI should be at least the bound (e.g. fill rate).</summary>
    AtLeast,

    /// <summary>The KPI should be at most the bound (e.g. cost per unit).</summary>
    AtMost,
}

/// <summary>A bound a KPI's mean should keep, from a scenario's <c>report.targets</c>.</summary>
/// <param name="Direction">At least or at most.</param>
/// <param name="Bound">The bound, in the KPI's unit.</param>
public sealed record KpiTarget(TargetDirection Direction, double Bound)
{
    /// <summary>The target as the scenario writes it, e.g. <c>&gt;= 0.95</c>.</summary>
    public string Text => (Direction == TargetDirection.AtLeast ? ">= " : "<= ") + Bound.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A scenario's <c>report</c> section (docs/scenario-format.md): headline KPIs, targets, currency.</summary>
/// <param name="Headline">KPI names to lead with; empty for the default headline.</param>
/// <param name="Targets">Targets by KPI name.</param>
/// <param name="Currency">Shown with money KPIs.</param>
public sealed record ReportSettings(IReadOnlyList<string> Headline, IReadOnlyDictionary<string, KpiTarget> Targets, string Currency)
{
    /// <summary>No <c>report</c> section: the default headline, no targets, USD.</summary>
    public static ReportSettings Default { get; } = new([], new Dictionary<string, KpiTarget>(StringComparer.Ordinal), "USD");
}
