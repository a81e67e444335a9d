using static Simulation.Scenarios.Schema.ScenarioFormat;

namespace Simulation.Scenarios.Schema;

/// <summary>
/// The <c>social</c> section of the scenario format (DESIGN.md section 5, mechanisms 4-11): every key,
/// its type, default and range, read by <c>SocialReader</c> and documented in
/// <c>docs/scenario-format.md</c> and <c>docs/model.md</c>.
/// </summary>
internal static class SocialFormat
{
    public static readonly IReadOnlyList<string> Categories = ["wages_and_hours", "occupational_safety", "forced_or_child_labour", "environment"];

    public static readonly IReadOnlyList<string> Segments = ["low", "medium", "high"];

    public static readonly IReadOnlyList<string> Responses = ["engage", "suspend", "exit"];

    public static readonly IReadOnlyList<string> AuditTypes = ["announced", "unannounced"];

    public static readonly IReadOnlyList<string> ScoreMethods = ["indicators", "expected_harm"];

    public static readonly IReadOnlyList<string> AuditResponseRules = ["factor", "meet_duty", "cost_benefit"];

    /// <summary>Largest tier a target can name; the default of <c>max_tier</c> means "no limit".</summary>
    public const int MaxTier = 99;

    private static readonly FieldSchema StartDay = Number("start_day", "First day it applies.", 0, min: 0);

    private static readonly FieldSchema EndDay =
        Number("end_day", "Last day it applies.", double.PositiveInfinity, min: 0) with { AllowInfinite = true, DefaultText = ".inf" };

    public static ObjectSchema Category { get; } = new(
        "violation category",
        "How often violations of one category arise and how many workers they expose.",
        [
            Number("violations_per_supplier_year", "Hazard at capability 0, no enforcement, no pressure, no certification.", min: 0) with { Required = true },
            Number("exposed_worker_share", "Share of the supplier's workers exposed while one is open.", 1, min: 0, max: 1),
            Number("severity_weight", "Weight of its worker-days in severity_weighted_exposure.", 1, min: 0),
        ]);

    public static ObjectSchema Compliance { get; } = new(
        "compliance",
        "How violations arise at suppliers and how they are remediated.",
        [
            Nested("wages_and_hours", "Wages below the minimum, excessive or unpaid overtime.", Category) with { DefaultText = "never arises" },
            Nested("occupational_safety", "Fire, building, machine and chemical safety.", Category) with { DefaultText = "never arises" },
            Nested("forced_or_child_labour", "Forced or child labour.", Category) with { DefaultText = "never arises" },
            Nested("environment", "Effluent, emissions, deforestation.", Category) with { DefaultText = "never arises" },
            Number("review_days", "Days between reviews of hazards, segments, capability and enrolments.", 7, min: 1),
            Number("initial_violations_per_supplier", "Mean violations open per supplier at day 0 (Poisson).", 0, min: 0),
            Number("capability_reduction", "a in the capability factor 1 - a * capability.", 0.8, min: 0, max: 1),
            Number("enforcement_deterrence", "b in the enforcement factor 1 - b * min(1, inspections per year * detection probability).", 0.5, min: 0, max: 1),
            Number("utilisation_threshold", "Utilisation above which purchasing pressure raises the hazard.", 0.85, min: 0, max: 0.99),
            Number("utilisation_weight", "Weight of utilisation pressure.", 1, min: 0),
            Number("liquidity_stress_weight", "Weight of liquidity stress (share of the review window in stress).", 0.5, min: 0),
            Number("squeeze_backlog_days", "Days of open orders (backlog / capacity) above which lead times are squeezed.", 14, min: 0, minExclusive: true),
            Number("squeeze_weight", "Weight of the lead-time squeeze.", 0.5, min: 0),
            Dist("remediation_days", "Days from detection to the fix without technical assistance.", nonNegative: true) with { DefaultText = "constant 60" },
            Number("remediation_cost_days", "Cost the supplier pays to fix one violation, in days of its full-capacity daily cost.", 0, min: 0),
            Number("assisted_remediation_factor", "Multiplies remediation time and cost while the supplier is in capacity building.", 0.6, min: 0, max: 1),
        ]);

    public static ObjectSchema Segmentation { get; } = new(
        "segmentation",
        "Risk segments by score in [0, 1].",
        [
            Choice("method", "indicators (region, tier, size, capability, history) or expected_harm (hazard x workers exposed, relative to the chain's largest).", ScoreMethods, "indicators"),
            Number("high_threshold", "Scores at or above this are high risk.", 0.5, min: 0, max: 1),
            Number("medium_threshold", "Scores at or above this (and below high) are medium risk.", 0.3, min: 0, max: 1),
        ]);

    public static ObjectSchema CorrectiveActions { get; } = new(
        "corrective actions",
        "Corrective action plans and the buyers' response at a missed deadline.",
        [
            Number("deadline_days", "Days from detection to the plan's deadline.", 90, min: 0),
            Choice("response", "engage, suspend (no new orders until fixed) or exit (terminate the supplier).", Responses, "engage"),
            Number("follow_up_audit_cost", "Cost of the follow-up audit at each missed deadline.", 0, min: 0),
            Number("exit_notice_days", "With response exit: days of notice before the termination (a fix within it cancels the exit).", 0, min: 0),
        ]);

    public static ObjectSchema Grievances { get; } = new(
        "grievances",
        "The workers' grievance mechanism.",
        [
            Number("reports_per_violation_year", "Reports per open violation-year with a fully trusted mechanism.", 0, min: 0),
            Number("trust", "Trust in the mechanism; the reporting rate is reports_per_violation_year * trust.", 0.5, min: 0, max: 1),
            Number("local_resolution_capability", "Capability at or above which the supplier resolves grievances itself.", 0.6, min: 0, max: 1),
            Number("local_resolution_days", "Days a local resolution takes.", 30, min: 0),
            Number("escalation_cost", "Cost to the buyers of each escalated grievance.", 0, min: 0),
            new FieldSchema("always_escalate", FieldKind.TextList, "Categories whose grievances are always escalated to the buyers (e.g. forced_or_child_labour).") { DefaultText = "[]" },
        ]);

    public static ObjectSchema Target { get; } = new(
        "target",
        "Which suppliers it applies to; every condition given must hold.",
        [
            Integer("min_tier", "Lowest tier included.", 1, min: 1),
            Integer("max_tier", "Highest tier included.", MaxTier, min: 1) with { DefaultText = "no limit" },
            new FieldSchema("sizes", FieldKind.TextList, "Size classes included (micro, small, medium, large).") { DefaultText = "all" },
            new FieldSchema("segments", FieldKind.TextList, "Risk segments included (low, medium, high).") { DefaultText = "all" },
            new FieldSchema("regions", FieldKind.TextList, "Regions included.") { DefaultText = "all" },
            new FieldSchema("suppliers", FieldKind.TextList, "Named suppliers; only these when given.") { DefaultText = "all" },
        ]);

    public static ObjectSchema Intervals { get; } = new(
        "audit intervals",
        "Days between audits by risk segment.",
        [
            Number("high", "Days between audits of a high-risk supplier.", 180, min: 0, minExclusive: true),
            Number("medium", "Days between audits of a medium-risk supplier.", 365, min: 0, minExclusive: true),
            Number("low", "Days between audits of a low-risk supplier.", 730, min: 0, minExclusive: true),
        ]);

    public static ObjectSchema AuditProgramme { get; } = new(
        "audit programme",
        "Audits of the suppliers in the buyers' chains; several buyers form a coalition that shares audits.",
        [
            Id("Unique id (keys the programme's random streams)."),
            new FieldSchema("buyers", FieldKind.TextList, "The buyers running it; several = one shared audit, cost split, findings shared.") { Required = true },
            Nested("target", "Which suppliers of the buyers' chains are audited.", Target) with { DefaultText = "all" },
            Choice("type", "announced or unannounced.", AuditTypes, "announced"),
            Number("detection_probability", "Probability that an audit finds each open violation.", 0.5, min: 0, max: 1) with { Scheduled = true },
            Number("cost_per_audit", "Cost of one audit.", 0, min: 0) with { Scheduled = true },
            Nested("interval_days", "Days between audits by risk segment.", Intervals) with { DefaultText = "high 180, medium 365, low 730" },
            StartDay,
            EndDay,
        ]);

    public static ObjectSchema CapacityBuilding { get; } = new(
        "capacity-building programme",
        "Technical assistance and training: capability rises toward 1 while enrolled.",
        [
            Id("Unique id."),
            new FieldSchema("funders", FieldKind.TextList, "The buyers funding it (several = co-funded).") { DefaultText = "[]" },
            Nested("target", "Who may enrol (highest risk first).", Target) with { DefaultText = "all" },
            Integer("max_suppliers", "Most suppliers enrolled at once.", double.PositiveInfinity, min: 1) with { DefaultText = "no limit" },
            Number("cost_per_supplier_month", "Cost per enrolled supplier per month.", 0, min: 0),
            Number("duration_days", "Days a supplier stays enrolled.", 365, min: 0, minExclusive: true),
            Number("capability_gain_per_year", "g in dC/dt = g (1 - C).", 0.5, min: 0),
            Number("productivity_gain", "Unit-cost saving per unit of capability gained.", 0, min: 0, max: 1),
            Number("carbon_reduction", "Cut in production CO2e per unit per unit of capability gained.", 0, min: 0, max: 1),
            Number("capacity_gain", "Capacity added per unit of capability gained (0.2 = 20% more output a day at a gain of 1).", 0, min: 0),
            StartDay,
            EndDay with { Description = "Last day suppliers enrol." },
            new FieldSchema("while_law_applies", FieldKind.Choice, "true: enrol only while the due-diligence law is in force, and only suppliers it covers (the buyers' response to the law).") { Choices = ["false", "true"], DefaultText = "false" },
        ]);

    public static ObjectSchema SupplyChainFinance { get; } = new(
        "supply-chain finance",
        "A bank pays a buyer's invoices early, at a rate set by the buyer's credit.",
        [
            Id("Unique id."),
            Text("buyer", "The buyer whose invoices are financed.") with { Required = true },
            Nested("target", "Which of its suppliers may use it.", Target) with { DefaultText = "all" },
            Number("pay_after_days", "Days after delivery that the supplier is paid.", 15, min: 0),
            Number("annual_rate", "Discount rate per year on the days paid early.", 0.06, min: 0) with { Scheduled = true },
            Number("capability_target", "Outcome-linked: capability that earns rate_discount.", double.NaN, min: 0, max: 1) with { DefaultText = "none" },
            Number("rate_discount", "Cut in annual_rate for suppliers meeting capability_target with no overdue corrective action.", 0, min: 0),
            StartDay,
            EndDay,
        ]);

    public static ObjectSchema DirectLending { get; } = new(
        "direct lending",
        "Working-capital credit lines to suppliers, replacing their regional terms when larger.",
        [
            Id("Unique id."),
            Nested("target", "Who may borrow.", Target) with { DefaultText = "all" },
            Number("annual_rate", "Interest per year.", 0.1, min: 0),
            Number("limit_days_of_cost", "Credit limit as days of the supplier's full-capacity daily cost.", 30, min: 0),
            StartDay with { Description = "Day the credit lines open." },
        ]);

    public static ObjectSchema Certification { get; } = new(
        "certification",
        "A voluntary standard: lower hazard, a premium per unit, an annual fee.",
        [
            Id("The certification's id, as in suppliers' certifications."),
            Number("hazard_factor", "Multiplies the violation hazard of certified suppliers.", 0.8, min: 0),
            Number("premium_per_unit", "Premium buyers pay per unit made by a certified supplier.", 0, min: 0),
            Number("annual_fee_days", "Fee a certified supplier pays per year, in days of its full-capacity daily cost.", 0, min: 0),
            Nested("adopters", "Suppliers that become certified on adoption_day.", Target) with { DefaultText = "none" },
            Number("adoption_day", "Day the adopters become certified.", 0, min: 0),
            new FieldSchema("suspend_on", FieldKind.TextList, "Categories whose detected violation suspends the certificate until fixed (a critical finding).") { DefaultText = "[]" },
        ]);

    public static ObjectSchema Penalty { get; } = new(
        "penalty",
        "A due-diligence penalty: fixed * breaches + per_worker_day * worker-days of harm at the breaching suppliers + share_of_purchases * the covered buyers' purchases in the review window.",
        [
            Number("fixed", "Per breach.", 0, min: 0),
            Number("per_worker_day", "Per worker-day of exposure at the breaching suppliers in the review window.", 0, min: 0),
            Number("share_of_purchases", "Share of the covered buyers' purchases in the window, once when the duty was breached.", 0, min: 0, max: 1),
        ]);

    public static ObjectSchema Penalties { get; } = new(
        "penalties",
        "Penalties for failing diligence, by duty.",
        [
            Nested("audit_gap", "Per covered supplier whose last audit is older than its segment's required interval.", Penalty) with { DefaultText = "none" },
            Nested("overdue", "Per known violation past its corrective-action deadline (fixed = penalty_per_violation).", Penalty) with { DefaultText = "none" },
            Nested("harm", "Per covered supplier with harm where diligence was inadequate (an audit gap or an overdue violation).", Penalty) with { DefaultText = "none" },
            Nested("exit", "Per supplier terminated without a responsible-exit notice.", Penalty) with { DefaultText = "none" },
        ]);

    public static ObjectSchema RequiredIntervals { get; } = new(
        "required audit intervals",
        "Most days between audits the law accepts, by risk segment.",
        [
            Number("high", "High-risk suppliers.", double.PositiveInfinity, min: 0, minExclusive: true) with { AllowInfinite = true, DefaultText = ".inf (no duty)" },
            Number("medium", "Medium-risk suppliers.", double.PositiveInfinity, min: 0, minExclusive: true) with { AllowInfinite = true, DefaultText = ".inf (no duty)" },
            Number("low", "Low-risk suppliers.", double.PositiveInfinity, min: 0, minExclusive: true) with { AllowInfinite = true, DefaultText = ".inf (no duty)" },
        ]);

    public static ObjectSchema DueDiligence { get; } = new(
        "due diligence",
        "A mandatory due-diligence law: penalties for failing diligence (audit gaps, overdue violations, harm where diligence was inadequate, irresponsible exits).",
        [
            StartDay with { Description = "Day the law applies from." },
            EndDay with { Description = "Last day the law applies." },
            new FieldSchema("markets", FieldKind.TextList, "Markets it applies to (buyers' market); empty = every buyer.") { DefaultText = "all" },
            Number("review_days", "Days between enforcement reviews.", 365, min: 1),
            Number("enforcement_probability", "Probability that a review leads to enforcement.", 0.3, min: 0, max: 1) with { Scheduled = true },
            Number("penalty_per_violation", "Penalty per detected violation past its deadline at an enforced review.", 0, min: 0),
            Nested("required_audit_interval_days", "Most days between audits, by segment (the duty of process).", RequiredIntervals) with { DefaultText = "no duty" },
            Nested("penalties", "Penalties by duty.", Penalties) with { DefaultText = "none besides penalty_per_violation" },
            Number("responsible_exit_notice_days", "Notice (corrective_actions.exit_notice_days) a termination needs to be a responsible exit.", 0, min: 0),
            Choice("response", "How covered buyers set audit frequency: factor (audit_interval_factor), meet_duty or cost_benefit.", AuditResponseRules, "factor"),
            Choice("engagement", "Covered buyers' response at a missed deadline while the law applies (engage, suspend, exit); replaces corrective_actions.response for covered suppliers.", Responses, "unchanged") with { DefaultText = "corrective_actions.response" },
            Number("audit_interval_factor", "Factor on every audit interval once the law applies (0.5 = buyers audit twice as often); rule factor.", 1, min: 0.05, max: 1),
        ]);

    public static ObjectSchema ImportBan { get; } = new(
        "import ban",
        "Shipments into buyers are detained with the probability that their goods trace, through the bill of materials, to an open banned finding.",
        [
            StartDay with { Description = "Day the ban applies from." },
            EndDay with { Description = "Last day the ban applies." },
            new FieldSchema("markets", FieldKind.TextList, "Markets whose customs detain (buyers' and distribution centres' market); empty = every market.") { DefaultText = "all" },
            new FieldSchema("categories", FieldKind.TextList, "Banned categories.") { DefaultText = "[forced_or_child_labour, environment]" },
        ]);

    public static readonly IReadOnlyList<string> SupplierResponseRules = ["passive", "responsive"];

    public static ObjectSchema SupplierResponse { get; } = new(
        "supplier response",
        "Whether suppliers invest in their own capability to earn outcome-linked finance, and remediate by the deadline under a suspend or exit threat: passive never; responsive when the expected benefit over the planning horizon exceeds the cost and cash allows.",
        [
            Choice("rule", "passive or responsive.", SupplierResponseRules, "passive"),
            Number("capability_gain_per_year", "g of the supplier's own investment: dC/dt = g (1 - C) per year while investing.", 0.3, min: 0, minExclusive: true),
            Number("investment_cost_days_per_year", "Cost of investing, days of the supplier's full-capacity daily cost per year.", 5, min: 0),
            Number("planning_horizon_days", "Days over which the supplier weighs the benefit.", 730, min: 0, minExclusive: true),
            Number("cash_reserve_days", "Days of daily cost of cash and free credit it keeps after paying for the investment.", 10, min: 0),
            Number("expedite_cost_days_per_day_saved", "Cost of remediating faster to meet a deadline under a suspend or exit response: days of daily cost per day of remediation saved.", 0.2, min: 0),
        ]);

    public static ObjectSchema Social { get; } = new(
        "social",
        "Labour and environmental compliance and the levers that change it.",
        [
            Nested("compliance", "How violations arise and are remediated.", Compliance) with { DefaultText = "no violations" },
            Nested("segmentation", "Risk segments.", Segmentation) with { DefaultText = "defaults" },
            Nested("corrective_actions", "Corrective action plans and buyer responses.", CorrectiveActions) with { DefaultText = "defaults" },
            Nested("grievances", "The grievance mechanism.", Grievances) with { DefaultText = "no reports" },
            List("audit_programmes", "Audit programmes of buyers and coalitions.", AuditProgramme),
            List("capacity_building", "Capacity-building programmes.", CapacityBuilding),
            List("supply_chain_finance", "Supply-chain finance offers.", SupplyChainFinance),
            List("direct_lending", "Direct working-capital lending.", DirectLending),
            List("certifications", "Voluntary certification standards.", Certification),
            Nested("due_diligence", "A mandatory due-diligence law.", DueDiligence) with { DefaultText = "none" },
            Nested("import_ban", "An import ban.", ImportBan) with { DefaultText = "none" },
            Nested("supplier_response", "How suppliers respond to outcome-linked finance.", SupplierResponse) with { DefaultText = "passive" },
        ]);
}
