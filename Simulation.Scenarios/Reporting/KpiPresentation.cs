using System.Globalization;
using Simulation.Core.Network;

namespace Simulation.Scenarios.Reporting;

/// <summary>Whether a mean against a target is met, at risk or missed (docs/outputs.md, "Headline").</summary>
public enum Verdict
{
    /// <summary>No target was set.</summary>
    None,

    /// <summary>The whole 95% CI of the mean is on the right side of the target.</summary>
    Met,

    /// <summary>The 95% CI straddles the target.</summary>
    AtRisk,

    /// <summary>The whole 95% CI is on the wrong side.</summary>
    Missed,
}

/// <summary>
/// KPIs as people read them: a label with the unit ("Cost per unit (USD)"), whether the scenario models
/// the part of the chain a KPI measures (so quickstart, with no social section, shows no social KPI),
/// the headline and each headline KPI's verdict against its target. Keyed by the snake_case KPI names
/// of <see cref="KpiCatalog"/> and <see cref="TimeSeriesCatalog"/>.
/// </summary>
public sealed class KpiPresentation
{
    private static readonly string[] DefaultHeadline = ["fill_rate", "cost_per_unit", "co2e_kg_per_unit", "supplier_exits"];

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["fill_rate"] = "Fill rate",
        ["cost_per_unit"] = "Cost per unit",
        ["co2e_kg"] = "CO2e emitted",
        ["co2e_kg_per_unit"] = "CO2e per unit",
        ["water_l"] = "Water used",
        ["supplier_exits"] = "Supplier exits",
        ["worker_exposure_days"] = "Worker exposure",
        ["open_violations"] = "Open violations (time-average)",
        ["social_compliance_index"] = "Social compliance index",
        ["mean_capability"] = "Mean supplier capability",
        ["total_cost"] = "Total landed cost",
        ["lost_sales_units"] = "Lost sales",
        ["lost_sales_value"] = "Lost sales value",
        ["stockout_days"] = "Stock-out days",
        ["backorder_unit_days"] = "Backorders",
        ["liquidity_stress_days"] = "Liquidity stress",
        ["mean_supplier_cash_days"] = "Supplier cash",
        ["caps_opened"] = "Corrective action plans opened",
        ["caps_overdue"] = "Corrective action plans overdue",
        ["scf_discount_cost"] = "Supply-chain finance discount",
        ["scf_early_payments"] = "Supply-chain finance paid early",
        ["cost"] = "Buyer-side cost",
        ["suppliers_in_stress"] = "Suppliers unable to pay their costs",
        ["mean_order_lead_time_days"] = "Mean order lead time",
        ["otif"] = "OTIF (on time in full)",
        ["gross_profit"] = "Gross profit",
        ["sourcing_hhi_tier_1"] = "Sourcing HHI tier 1",
        ["sourcing_hhi_tier_2"] = "Sourcing HHI tier 2",
        ["sourcing_hhi_tier_3"] = "Sourcing HHI tier 3",
        ["outcome_linked_discount_cost"] = "Outcome-linked finance discount",
        ["resourcing_events"] = "Re-sourcing events",
        ["supplier_exits_tier_4_plus"] = "Supplier exits tier 4+",
    };

    /// <summary>KPIs and time-series metrics that exist only when the scenario has a <c>social</c> section.</summary>
    private readonly RunPresentation _presentation;

    internal KpiPresentation(RunPresentation presentation)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        _presentation = presentation;
    }

    /// <summary>The currency money KPIs are in.</summary>
    public string Currency => _presentation.Report.Currency;

    /// <summary>The headline KPIs: the scenario's <c>report.headline</c>, else the default (plus worker exposure with a social section).</summary>
    public IReadOnlyList<string> Headline =>
        _presentation.Report.Headline.Count > 0 ? _presentation.Report.Headline
        : _presentation.ModelsSocial ? [.. DefaultHeadline, "worker_exposure_days"]
        : DefaultHeadline;

    /// <summary>Loads the presentation of a run folder (<see cref="RunPresentation.Unknown"/> when it has none).</summary>
    public static KpiPresentation ForFolder(string folder) => new(RunPresentation.Read(folder));

    /// <summary>
    /// True when the scenario models what <paramref name="name"/> (a KPI or time-series metric) measures:
    /// the part of the model the catalogues say it measures (<see cref="KpiCatalog.PartOf"/>); a name
    /// neither catalogue has belongs to the social part when <paramref name="group"/> is social.
    /// </summary>
    public bool Applies(string name, KpiGroup? group = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var part = KpiCatalog.PartOf(name) ?? (group == KpiGroup.Social ? ModelPart.Social : ModelPart.Core);
        return part switch
        {
            ModelPart.Social => _presentation.ModelsSocial,
            ModelPart.Financing => _presentation.ModelsFinancing,
            _ => true,
        };
    }

    /// <summary>
    /// <see cref="Applies"/> for every KPI of <see cref="KpiCatalog.All"/>, in catalogue order: the one rule
    /// that hides a KPI in the table and report and writes it as null in kpis.parquet and summary.parquet.
    /// </summary>
    internal static bool[] ApplicableKpis(RunPresentation presentation)
    {
        var shown = new KpiPresentation(presentation);
        return [.. KpiCatalog.All.Select(k => shown.Applies(k.Name, k.Group))];
    }

    /// <summary>A label for people, e.g. "Fill rate".</summary>
    public static string Label(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Labels.TryGetValue(name, out string? label))
        {
            return label;
        }

        string text = name.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>The unit as shown: the scenario's currency for money, "%" for fractions.</summary>
    public string Unit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit switch
        {
            "currency" => Currency,
            "currency/unit" => Currency + " per unit",
            "fraction" => "%",
            "0..1" => "0 to 1",
            "0-100" => "0 to 100",
            _ => unit.Replace("/", " per ", StringComparison.Ordinal),
        };
    }

    /// <summary>Label and unit together, e.g. "Cost per unit (USD per unit)"; fractions read as "Fill rate (%)".</summary>
    public string LabelWithUnit(string name, string unit)
    {
        string label = Label(name);
        string shown = Unit(unit);
        // "Cost per unit (USD)", not "Cost per unit (USD per unit)".
        const string PerUnit = " per unit";
        if (label.EndsWith(PerUnit, StringComparison.Ordinal) && shown.EndsWith(PerUnit, StringComparison.Ordinal))
        {
            shown = shown[..^PerUnit.Length];
        }

        // "Demand (units)", not "Demand units (units)": a label derived from the name may end in its unit
        // (only units and days, whose names read as a quantity without it; "Active suppliers" keeps its noun).
        int lastSpace = label.LastIndexOf(' ');
        if (lastSpace > 0 && shown is "units" or "days" && string.Equals(label[(lastSpace + 1)..], shown, StringComparison.Ordinal))
        {
            label = label[..lastSpace];
        }

        return $"{label} ({shown})";
    }

    /// <summary>A value in its display unit, formatted: fractions as percentages, the rest compact.</summary>
    public static string Format(double value, string unit) => unit == "fraction"
        ? (double.IsFinite(value) ? (value * 100).ToString(Math.Abs(value) >= 0.1 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "%" : "-")
        : NumberText.Compact(value);

    /// <summary>The target of a KPI, if the scenario sets one.</summary>
    public KpiTarget? TargetOf(string kpi) => _presentation.Report.Targets.GetValueOrDefault(kpi);

    /// <summary>
    /// The verdict for a mean's 95% CI against the KPI's target: met when the whole CI is on the right
    /// side of the bound, missed when the whole CI is on the wrong side, at risk when it straddles it.
    /// </summary>
    public Verdict VerdictOf(string kpi, double ciLow, double ciHigh, double mean)
    {
        if (TargetOf(kpi) is not { } target)
        {
            return Verdict.None;
        }

        // A KPI with no spread (every replication equal) has no CI: judge the mean itself.
        double low = double.IsFinite(ciLow) ? ciLow : mean;
        double high = double.IsFinite(ciHigh) ? ciHigh : mean;
        return target.Direction == TargetDirection.AtLeast
            ? low >= target.Bound ? Verdict.Met : high < target.Bound ? Verdict.Missed : Verdict.AtRisk
            : high <= target.Bound ? Verdict.Met : low > target.Bound ? Verdict.Missed : Verdict.AtRisk;
    }

    /// <summary>The verdict in words: "met", "at risk", "missed", or "no target".</summary>
    public static string Text(Verdict verdict) => verdict switch
    {
        Verdict.Met => "met",
        Verdict.AtRisk => "at risk",
        Verdict.Missed => "missed",
        _ => "no target",
    };

    /// <summary>The target as shown with the KPI's display unit (fractions as percentages).</summary>
    public string TargetText(string kpi, string unit) => TargetOf(kpi) is { } t
        ? (t.Direction == TargetDirection.AtLeast ? "≥ " : "≤ ") + Format(t.Bound, unit)
        : "-";
}
