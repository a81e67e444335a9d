using static Simulation.Scenarios.Schema.ScenarioFormat;

namespace Simulation.Scenarios.Schema;

/// <summary>
/// The <c>alerts</c> list of the scenario format (DESIGN.md section 8): thresholds on a time-series
/// metric, a KPI, supplier exits or a supplier flow, read by <c>AlertReader</c> and documented in
/// <c>docs/scenario-format.md</c>.
/// </summary>
internal static class AlertFormat
{
    public static readonly IReadOnlyList<string> Comparisons = ["above", "at_least", "below", "at_most"];

    public static readonly IReadOnlyList<string> Sources = ["timeseries", "kpi", "suppliers"];

    /// <summary>The alert metric that counts exits (with a first day), with or without a filter.</summary>
    public const string SupplierExits = "supplier_exits";

    public static ObjectSchema Filter { get; } = new(
        "alert filter",
        "Which suppliers count (supplier_exits and supplier flows); every condition given must hold.",
        [
            Integer("min_tier", "Lowest tier included.", 1, min: 1),
            Integer("max_tier", "Highest tier included.", SocialFormat.MaxTier, min: 1) with { DefaultText = "no limit" },
            new FieldSchema("sizes", FieldKind.TextList, "Size classes included (micro, small, medium, large).") { DefaultText = "all" },
            new FieldSchema("regions", FieldKind.TextList, "Regions included.") { DefaultText = "all" },
            new FieldSchema("suppliers", FieldKind.TextList, "Named suppliers; only these when given.") { DefaultText = "all" },
        ]);

    public static ObjectSchema Alert { get; } = new(
        "alert",
        "A threshold on a metric: the run reports the share of replications in which it fired and the first day it did.",
        [
            Id("Unique id; names the columns alert_<id>_fired and alert_<id>_first_day of kpis.parquet."),
            Text("metric", "A time-series metric (timeseries.parquet), a KPI, supplier_exits, or a supplier flow (suppliers.parquet).") with { Required = true },
            Choice("source", "Where metric is read: timeseries (row by row), kpi (end of run) or suppliers (flows summed over filter). Default: timeseries when the name is a time-series metric, else kpi; suppliers with a filter.", Sources, "auto") with { DefaultText = "by name" },
            Choice("comparison", "above, at_least, below or at_most the threshold.", Comparisons, "above"),
            Number("threshold", "The threshold.") with { Required = true },
            Nested("filter", "Which suppliers count (supplier_exits and supplier flows only).", Filter) with { DefaultText = "all" },
        ]);
}
