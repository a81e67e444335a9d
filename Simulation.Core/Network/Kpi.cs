namespace Simulation.Core.Network;

/// <summary>The family a KPI belongs to, as DESIGN.md section 6 groups them in tables and reports.</summary>
public enum KpiGroup
{
    /// <summary>Service to end customers: fill rate, lost sales, backorders, stock-outs.</summary>
    Service,

    /// <summary>What the buyers pay: purchases, logistics, holding; and what suppliers pay for finance.</summary>
    Cost,

    /// <summary>Emissions and water.</summary>
    Environment,

    /// <summary>The health of the supplier base: exits, activity, liquidity stress, disruptions.</summary>
    Network,

    /// <summary>Labour and environmental compliance: violations, exposure, detection, remediation, grievances.</summary>
    Social,
}

/// <summary>
/// The part of the model a KPI or time-series metric measures, which decides whether a scenario models
/// it at all (<see cref="Definitions.NetworkDefinition.Models"/>): a KPI of a part the scenario leaves
/// out is not applicable (hidden in tables and reports, null in kpis.parquet and summary.parquet).
/// </summary>
public enum ModelPart
{
    /// <summary>Material flow, orders, supplier cash and exits, disruptions: modelled by every scenario.</summary>
    Core,

    /// <summary>The social mechanisms (violations, audits, grievances, programmes, policies): modelled with a <c>social</c> section.</summary>
    Social,

    /// <summary>Supplier credit: modelled when a region offers credit or the social section has financing offers.</summary>
    Financing,
}

/// <summary>A key performance indicator: its snake_case name (a public contract), unit and meaning.</summary>
/// <param name="Name">The snake_case name used in outputs, e.g. <c>fill_rate</c>.</param>
/// <param name="Unit">The unit, e.g. <c>units</c>, <c>currency</c>, <c>kg CO2e</c>.</param>
/// <param name="Description">One sentence saying exactly what is measured.</param>
/// <param name="Group">The family it belongs to.</param>
public sealed record Kpi(string Name, string Unit, string Description, KpiGroup Group)
{
    /// <summary>The values the KPI can take by its definition; by default what its unit implies (<see cref="KpiRange.ForUnit"/>).</summary>
    public KpiRange Range { get; init; } = KpiRange.ForUnit(Unit);

    /// <summary>The part of the model it measures; by default <see cref="ModelPart.Social"/> for the social group, else <see cref="ModelPart.Core"/>.</summary>
    public ModelPart Part { get; init; } = Group == KpiGroup.Social ? ModelPart.Social : ModelPart.Core;
}
