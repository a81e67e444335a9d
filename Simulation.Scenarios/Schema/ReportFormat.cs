namespace Simulation.Scenarios.Schema;

/// <summary>The scenario's <c>report</c> section: which KPIs the headline shows, their targets, and the currency.</summary>
internal static class ReportFormat
{
    /// <summary>Most KPIs a headline may name (it must fit the first screen of the report).</summary>
    public const int MaxHeadline = 8;

    public static ObjectSchema Report { get; } = new(
        "report",
        "What the report and the console table lead with.",
        [
            new FieldSchema("headline", FieldKind.TextList, "KPI names shown first, with target and verdict (1 to 8; replaces the default).") { DefaultText = "fill_rate, cost_per_unit, co2e_kg_per_unit, supplier_exits (+ worker_exposure_days with a social section)" },
            new FieldSchema("targets", FieldKind.TextMap, "KPI name -> \">= value\" or \"<= value\": the bound the mean should keep.") { DefaultText = "{}" },
            ScenarioFormat.Text("currency", "Currency code or symbol shown with money KPIs, e.g. USD or EUR.") with { DefaultText = "USD" },
        ]);
}
