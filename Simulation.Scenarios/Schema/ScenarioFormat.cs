namespace Simulation.Scenarios.Schema;

/// <summary>
/// The scenario format: every key, its type, default and range. This is the one definition that the
/// reader checks files against, that <c>--set</c> paths are resolved in, and that
/// <see cref="ScenarioSchema.JsonSchema"/> is generated from; <c>docs/scenario-format.md</c> documents
/// the same keys (a test checks that it names every one).
/// </summary>
internal static class ScenarioFormat
{
    /// <summary>Keys that identify the items of a list, tried in this order (<c>suppliers[cmt-01]</c>, <c>import[mills.csv]</c>).</summary>
    public static readonly IReadOnlyList<string> IdentityKeys = ["id", "product", "supplier", "file", "group"];

    /// <summary>Most nodes a network may have after groups and imports are expanded.</summary>
    public const int MaxNodes = 200_000;

    /// <summary>Longest horizon accepted: 100 years of days. Longer ones would overflow day counters and run away in memory.</summary>
    public const double MaxHorizonDays = 36_500;

    /// <summary>Most supply links a network may have after group links are expanded.</summary>
    public const long MaxLinks = 5_000_000;

    public static readonly IReadOnlyList<string> PolicyTypes = ["none", "base_stock", "min_max", "rq", "fixed_quantity"];

    public static readonly IReadOnlyList<string> Sizes = ["micro", "small", "medium", "large"];

    public static readonly IReadOnlyList<string> ShortagePolicies = ["backorder", "lost_sales"];

    public static readonly IReadOnlyList<string> SourcingModes = ["split", "one_per_order"];

    public static readonly IReadOnlyList<string> ReallocationRules = ["proportional", "cheapest", "lowest_risk"];

    public static readonly IReadOnlyList<string> ReinstatementRules = ["restore", "backup"];

    public static ObjectSchema Resourcing { get; } = new(
        "resourcing",
        "How a sourcing stock moves the share of a source it loses (exit, suspension, termination, a long outage) to qualified sources with spare capacity, and onboards backup candidates when they cannot take it.",
        [
            Choice("rule", "Who takes a lost share: proportional (to current shares), cheapest (lowest price + transport per unit first) or lowest_risk (lowest risk score first); each up to its spare capacity.", ReallocationRules, "proportional"),
            Number("outage_tolerance_days", "Days a source may be disrupted before its share is moved as if lost (.inf = never).", double.PositiveInfinity, min: 0) with { AllowInfinite = true, DefaultText = ".inf" },
            Number("onboarding_lead_time_days", "Days from the decision to onboard a backup candidate to its first order (qualification audit, sampling).", 60, min: 0),
            Number("onboarding_cost", "Cost of onboarding one candidate, paid by the sourcing node when it starts (onboarding_cost KPI).", 0, min: 0),
            Choice("reinstatement", "What a lost source that comes back gets: restore (its planned share, given back by the others in proportion) or backup (nothing now; it stays qualified).", ReinstatementRules, "restore"),
        ]);

    public static ObjectSchema Economics { get; } = new(
        "economics",
        "Rules of supplier economics shared by all suppliers.",
        [
            Number("insolvency_exit_days", "Consecutive days a supplier may be unable to pay its costs before it exits.", 90, min: 0, minExclusive: true),
            Number("margin_review_days", "Window over which a supplier's margin is compared with its alternative market.", 180, min: 0, minExclusive: true),
            Number("profit_withdrawal_cash_days", "Owners withdraw cash above this many days of daily cost (at a day's end without stress or credit drawn).", double.PositiveInfinity, min: 0) with { AllowInfinite = true, DefaultText = ".inf (never)" },
            Number("profit_withdrawal_share", "Share of the cash above the target withdrawn each day.", 1, min: 0, max: 1, minExclusive: true),
        ]);

    public static ObjectSchema Credit { get; } = new(
        "credit",
        "Credit a supplier in the region can draw on when short of cash.",
        [
            Number("annual_rate", "Interest per year, e.g. 0.14 for 14%.", min: 0) with { Required = true },
            Number("limit_days_of_cost", "Credit limit as days of the supplier's full-capacity daily cost.", min: 0) with { Required = true },
            new FieldSchema("sizes", FieldKind.TextList, "Size classes that may borrow (micro, small, medium, large).") { DefaultText = "all" },
        ]);

    public static ObjectSchema Region { get; } = new(
        "region",
        "A region: infrastructure, credit and labour-law enforcement shared by every node in it.",
        [
            Id("Unique id of the region."),
            Number("lead_time_multiplier", "Multiplies every shipping lead time out of the region (1 = good infrastructure).", 1, min: 0, minExclusive: true),
            Nested("credit", "Credit for small suppliers; omit when none is available.", Credit) with { DefaultText = "none" },
            Number("labour_inspections_per_supplier_year", "Labour inspections per supplier per year.", 0, min: 0) with { Scheduled = true },
            Number("inspection_detection_probability", "Probability that an inspection detects an open violation.", 0, min: 0, max: 1) with { Scheduled = true },
            Number("grid_carbon_kg_per_kwh", "Grid carbon factor, kg CO2e per kWh.", 0, min: 0),
        ]);

    public static ObjectSchema BomLine { get; } = new(
        "bill-of-materials line",
        "Units of an input product consumed per unit made.",
        [
            Text("product", "The input product.") with { Required = true },
            Number("quantity_per_unit", "Units of input per unit of output.", min: 0, minExclusive: true) with { Required = true },
        ]);

    public static ObjectSchema Product { get; } = new(
        "product",
        "A product and its bill of materials.",
        [
            Id("Unique id of the product."),
            List("inputs", "The bill of materials (empty for a raw material).", BomLine),
        ]);

    public static ObjectSchema Policy { get; } = new(
        "inventory policy",
        "How a stock is replenished. Which keys apply depends on the type.",
        [
            Choice("type", "none, base_stock, min_max, rq or fixed_quantity.", PolicyTypes, "none") with { Required = true },
            Number("review_period_days", "Days between reviews (0 = continuous review).", 0, min: 0),
            Number("reorder_point", "s of (s,S), or the reorder point of (R,Q), in units.", 0, min: 0),
            Number("order_up_to", "S of (s,S) and base-stock, in units.", 0, min: 0),
            Number("order_quantity", "Q of (R,Q) and fixed-quantity, in units.", 0, min: 0, minExclusive: true),
        ]);

    public static ObjectSchema Source { get; } = new(
        "source",
        "An upstream link: a supplier (or every member of a group, or pick of them) and its share of the orders.",
        [
            Text("supplier", "The supplying node (a supplier or distribution centre); or give group."),
            Text("group", "A supplier group or import group; the share is split equally over its members (or the picked ones)."),
            Integer("pick", "With group: link to only this many members, drawn per sourcing node from the seed, least-used members first; default all.", min: 1) with { DefaultText = "all members" },
            Number("share", "Share of this stock's orders, in (0, 1]; the shares of a stock sum to 1. Required, except on a backup (which has none).", min: 0, max: 1, minExclusive: true) with { DefaultText = "required (none on a backup)" },
            new FieldSchema("backup", FieldKind.Boolean, "A candidate source with no share: re-sourcing onboards it when the qualified sources cannot take a lost share.") { DefaultText = "false" },
            new FieldSchema("unpicked_as_backup", FieldKind.Boolean, "With group and pick: the members not picked become backup candidates.") { DefaultText = "false" },
            Dist("lead_time_days", "Shipping lead time on this link, before the region multiplier; default the supplier's own.", nonNegative: true) with { DefaultText = "the supplier's lead_time_days" },
            Number("transport_cost_per_unit", "Transport cost per unit shipped.", 0, min: 0),
            Number("transport_cost_per_order", "Transport cost per order shipped.", 0, min: 0),
            Number("transport_co2e_kg_per_unit", "Transport emissions per unit shipped, kg CO2e.", 0, min: 0),
        ]);

    public static ObjectSchema Seasonality { get; } = new(
        "seasonality",
        "A sine seasonality on order size.",
        [
            Number("amplitude", "Relative amplitude (0 = none; 0.2 = +/-20%).", 0, min: 0, max: 1),
            Number("period_days", "Period of the seasonality in days.", 365, min: 0, minExclusive: true),
            Number("peak_day", "Day of the seasonal peak.", 0, min: 0),
        ]);

    public static ObjectSchema CustomerDelivery { get; } = new(
        "delivery",
        "The leg from the buyer to its customers: goods leave the buyer's stock at the order and reach the customer after the lead time.",
        [
            Dist("lead_time_days", "Days from the buyer's stock to the customer.", nonNegative: true) with { DefaultText = "0" },
            Number("cost_per_order", "Delivery cost per customer order (in logistics_cost).", 0, min: 0),
            Number("cost_per_unit", "Delivery cost per unit (in logistics_cost).", 0, min: 0),
            Number("co2e_kg_per_unit", "Delivery emissions per unit, kg CO2e.", 0, min: 0),
        ]);

    public static ObjectSchema Demand { get; } = new(
        "demand",
        "One stream of customer demand at a buyer: orders of a random size at random intervals.",
        [
            Text("id", "Names the stream (unique within the buyer); default its 0-based position.") with { DefaultText = "its position" },
            Dist("quantity", "Units per customer order (draws below 0 count as 0).") with { Required = true },
            Dist("interarrival_days", "Days between customer orders.", positiveMean: true, nonNegative: true) with { DefaultText = "constant 1" },
            Number("first_order_day", "Day of the stream's first order (0 = at the start).", 0, min: 0),
            Nested("seasonality", "Seasonality of order size; omit for none.", Seasonality) with { DefaultText = "none" },
            Number("selling_price", "Price the buyer sells at, per unit.", 0, min: 0),
            Nested("delivery", "The delivery leg to the customer; omit when the customer takes the goods at the order.", CustomerDelivery) with { DefaultText = "none" },
        ]);

    /// <summary>The word <c>inventory.initial</c> accepts beside a number.</summary>
    public const string SteadyState = "steady_state";

    public static ObjectSchema StockInventory { get; } = new(
        "inventory",
        "The finished-goods stock: initial level, replenishment policy and capacity.",
        [
            InitialStock(),
            Nested("policy", "Replenishment policy.", Policy) with { DefaultText = "{type: none}" },
            Number("capacity", "Most units the stock can hold.", double.PositiveInfinity, min: 0, minExclusive: true) with { AllowInfinite = true, DefaultText = ".inf" },
        ]);

    public static ObjectSchema Input { get; } = new(
        "input",
        "A stock of one input of a supplier's product, and where it is bought.",
        [
            Text("product", "The input product; the inputs match the product's bill of materials.") with { Required = true },
            InitialStock(),
            Nested("policy", "Replenishment policy.", Policy) with { DefaultText = "{type: none}" },
            Number("capacity", "Most units the stock can hold.", double.PositiveInfinity, min: 0, minExclusive: true) with { AllowInfinite = true, DefaultText = ".inf" },
            List("sources", "Where the input is bought; shares sum to 1.", Source) with { Required = true },
            Choice("sourcing", "How each order is spread over the sources: split (by share) or one_per_order (whole, to one source drawn by share).", SourcingModes, "split"),
            Nested("resourcing", "Re-sourcing rule of this stock; default the top-level resourcing.", Resourcing) with { DefaultText = "the top-level resourcing" },
        ]);

    public static ObjectSchema SupplierDisruption { get; } = new(
        "disruption",
        "An up/down process on this supplier that removes capacity while down.",
        [
            Dist("time_between_days", "Days from the end of one disruption to the start of the next.", positiveMean: true, nonNegative: true) with { Required = true },
            Dist("duration_days", "Days a disruption lasts.", nonNegative: true) with { Required = true },
            Number("capacity_lost", "Fraction of capacity lost while down.", 1, min: 0, max: 1, minExclusive: true),
        ]);

    public static ObjectSchema Buyer { get; } = new(
        "buyer",
        "A brand or retailer: faces customer demand, holds stock, sources from tier-1 suppliers or distribution centres.",
        [
            Id("Unique node id."),
            Text("region", "The region the buyer is in.") with { Required = true },
            Text("product", "The product it sells.") with { Required = true },
            new FieldSchema("demand", FieldKind.ObjectOrList, "Customer demand: one stream, or a list of streams.") { Object = Demand, Required = true },
            Nested("inventory", "Its stock of the product.", StockInventory) with { DefaultText = "empty, no policy" },
            Choice("shortage", "What happens to demand stock cannot meet: backorder or lost_sales.", ShortagePolicies, "backorder"),
            Number("holding_cost_per_unit_day", "Holding cost per unit on hand per day.", 0, min: 0),
            Number("payment_terms_days", "Days after delivery that it pays its suppliers.", 30, min: 0) with { Scheduled = true },
            Text("market", "The market it sells into (laws and bans name markets); or give several with markets.") with { DefaultText = "none" },
            new FieldSchema("markets", FieldKind.TextList, "The markets it sells into, when several.") { DefaultText = "[]" },
            Number("remediation_cost_share", "Share of the remediation cost of suppliers in its chain that it pays.", 0, min: 0, max: 1),
            List("sources", "Where it buys the product; shares sum to 1.", Source) with { Required = true },
            Choice("sourcing", "How each order is spread over the sources: split (by share) or one_per_order (whole, to one source drawn by share).", SourcingModes, "split"),
            Nested("resourcing", "Re-sourcing rule of this stock; default the top-level resourcing.", Resourcing) with { DefaultText = "the top-level resourcing" },
        ]);

    public static ObjectSchema DistributionCentre { get; } = new(
        "distribution centre",
        "Holds stock of a product and ships it on; does not produce.",
        [
            Id("Unique node id."),
            Text("region", "The region it is in.") with { Required = true },
            Text("product", "The product it holds.") with { Required = true },
            Nested("inventory", "Its stock of the product.", StockInventory) with { DefaultText = "empty, no policy" },
            Choice("shortage", "What happens to orders stock cannot meet: backorder or lost_sales.", ShortagePolicies, "backorder"),
            Number("holding_cost_per_unit_day", "Holding cost per unit on hand per day.", 0, min: 0),
            Number("payment_terms_days", "Days after delivery that it pays its suppliers.", 30, min: 0) with { Scheduled = true },
            Text("market", "The market it sells into (laws and bans name markets); or give several with markets.") with { DefaultText = "none" },
            new FieldSchema("markets", FieldKind.TextList, "The markets it sells into, when several.") { DefaultText = "[]" },
            Dist("lead_time_days", "Shipping lead time to its customers when a link sets none.", nonNegative: true) with { DefaultText = "0" },
            List("sources", "Where it buys the product; shares sum to 1.", Source) with { Required = true },
            Choice("sourcing", "How each order is spread over the sources: split (by share) or one_per_order (whole, to one source drawn by share).", SourcingModes, "split"),
            Nested("resourcing", "Re-sourcing rule of this stock; default the top-level resourcing.", Resourcing) with { DefaultText = "the top-level resourcing" },
        ]);

    private static readonly FieldSchema[] SupplierFields =
    [
        Integer("tier", "1 for suppliers of buyers, 2 for their suppliers, and so on.", min: 1) with { Required = true },
        Text("region", "The region it is in.") with { Required = true },
        Text("product", "The product it makes.") with { Required = true },
        Choice("size", "Size class: micro, small, medium or large.", Sizes, "medium"),
        Number("capacity_per_day", "Units it can make per day at full capability (.inf = unconstrained).", min: 0) with { AllowInfinite = true, Required = true },
        Number("batch_size", "Units per production batch.", double.PositiveInfinity, min: 0, minExclusive: true) with { AllowInfinite = true, DefaultText = ".inf" },
        Dist("lead_time_days", "Shipping lead time to its customers when a link sets none, before the region multiplier.", nonNegative: true) with { DefaultText = "0" },
        Number("unit_cost", "Conversion cost per unit made (wages, energy, overheads).", 0, min: 0),
        Number("price", "Price per unit it charges its customers.", 0, min: 0),
        Number("fixed_cost_per_day", "Fixed cost per day, paid whether or not it produces.", 0, min: 0),
        Integer("workers", "Workers employed.", 0, min: 0),
        Number("wage_to_living_wage", "Wage as a fraction of a living wage (1 = living wage).", 1, min: 0),
        Number("capability", "Maturity of management systems, 0..1.", 0.5, min: 0, max: 1),
        Number("starting_cash_days", "Starting cash as days of full-capacity daily cost.", 30, min: 0),
        Number("alternative_margin", "Operating margin it could earn elsewhere; below it for a review window, it leaves the chain.", double.NegativeInfinity, max: 1) with { AllowInfinite = true, DefaultText = "none (never leaves for margin)" },
        Number("co2e_kg_per_unit", "Production emissions per unit, kg CO2e.", 0, min: 0),
        Number("water_l_per_unit", "Water per unit, litres.", 0, min: 0),
        new FieldSchema("certifications", FieldKind.TextList, "Certifications held (e.g. bsci, rspo).") { DefaultText = "[]" },
        Number("payment_terms_days", "Days after delivery that it pays its suppliers.", 30, min: 0) with { Scheduled = true },
        Number("payment_terms_pass_through", "f in [0, 1]: it pays its suppliers after payment_terms_days + f * max(0, T_in - payment_terms_days), T_in the mean terms it is paid on.", 0, min: 0, max: 1),
        Number("holding_cost_per_unit_day", "Holding cost per unit on hand per day (finished goods and inputs).", 0, min: 0),
        Nested("inventory", "Finished goods: initial stock, policy (none = make to order) and capacity.", StockInventory) with { DefaultText = "empty, make to order" },
        List("inputs", "One stock per bill-of-materials line of its product, each with its sources.", Input),
        Nested("disruption", "Its own disruption process; omit for none.", SupplierDisruption) with { DefaultText = "none" },
    ];

    public static ObjectSchema Supplier { get; } = new(
        "supplier",
        "A producer of one product within a daily capacity, from inputs it buys upstream.",
        [Id("Unique node id."), .. SupplierFields]);

    public static ObjectSchema SupplierGroup { get; } = new(
        "supplier group",
        "Generates count similar suppliers <id>-1 ... <id>-<count>; every numeric field may be a distribution, sampled per supplier.",
        [
            Id("Unique group id; members are named <id>-<n>, n zero-padded to the width of count."),
            Integer("count", "How many suppliers to generate.", min: 1) with { Required = true },
            .. SupplierFields,
        ],
        sampled: true);

    /// <summary>Supplier keys for import defaults: as for a supplier, none required (rows supply the rest).</summary>
    public static ObjectSchema SupplierDefaults { get; } = new(
        "supplier defaults",
        "Supplier keys applied to every imported row for columns that are not mapped.",
        [.. Supplier.Fields.Select(f => f with { Required = false })]);

    public static ObjectSchema Import { get; } = new(
        "import",
        "Suppliers read from a CSV or Parquet file, one per row.",
        [
            Text("file", "The file, relative to the scenario file: .csv (RFC 4180, header row) or .parquet.") with { Required = true },
            new FieldSchema("columns", FieldKind.TextMap, "Scenario key -> column name; dotted keys reach nested keys (inventory.initial).") { DefaultText = "{}" },
            Nested("defaults", "Supplier keys for every row, where no column gives them.", SupplierDefaults) with { DefaultText = "{}" },
            Text("group", "A group name for the imported suppliers, so sources can name them all: {group: <name>, share: x}.") with { DefaultText = "none" },
        ]);

    public static ObjectSchema Disruption { get; } = new(
        "disruption",
        "An up/down process on one supplier or on every supplier of a region at once.",
        [
            Id("Unique id (keys its random stream)."),
            Text("region", "The region hit (every supplier in it at once); or give supplier."),
            Text("supplier", "The supplier hit; or give region."),
            Dist("time_between_days", "Days from the end of one disruption to the start of the next.", positiveMean: true, nonNegative: true) with { Required = true },
            Dist("duration_days", "Days a disruption lasts.", nonNegative: true) with { Required = true },
            Number("capacity_lost", "Fraction of capacity lost while down.", 1, min: 0, max: 1, minExclusive: true),
        ]);

    public static ObjectSchema Root { get; } = new(
        "scenario",
        "A sourcing network and how to simulate it.",
        [
            Text("extends", "A base scenario this file is merged over, relative to this file.") with { DefaultText = "none" },
            Text("name", "Scenario name, shown in tables and reports.") with { Required = true },
            Text("description", "Free text describing the scenario.") with { DefaultText = "\"\"" },
            Number("horizon_days", "Simulated days per replication, warm-up included (at most 100 years).", min: 0, max: MaxHorizonDays, minExclusive: true) with { Required = true },
            Number("warmup_days", "Days at the start excluded from KPIs; less than horizon_days.", 0, min: 0),
            new FieldSchema("start_date", FieldKind.Date, "Calendar date of day 0 (YYYY-MM-DD).") { DefaultText = "none" },
            Integer("replications", "Default number of replications.", 10, min: 1, max: 100_000),
            new FieldSchema("seed", FieldKind.Seed, "Master seed (0 .. 2^64-1); every random stream derives from it.") { Default = 1, DefaultText = "1" },
            Nested("economics", "Supplier economics.", Economics) with { DefaultText = "defaults" },
            List("regions", "Regions.", Region) with { Required = true },
            List("products", "Products and bills of materials.", Product) with { Required = true },
            List("buyers", "Buyers (tier 0).", Buyer) with { Required = true },
            List("distribution_centres", "Distribution centres (tier 0).", DistributionCentre),
            List("suppliers", "Suppliers, one by one.", Supplier),
            List("supplier_groups", "Groups that generate many similar suppliers.", SupplierGroup),
            List("import", "Supplier lists read from CSV or Parquet files.", Import),
            List("disruptions", "Disruptions of suppliers and regions.", Disruption),
            Nested("resourcing", "Re-sourcing rule of every sourcing stock that sets none; omit for none (remaining sources share a lost source's orders by their shares).", Resourcing) with { DefaultText = "none" },
            Nested("social", "Compliance, detection, programmes, financing and policies; omit to switch them off.", SocialFormat.Social) with { DefaultText = "none" },
            List("alerts", "Early-warning thresholds on metrics, reported per replication.", AlertFormat.Alert),
            Nested("report", "Headline KPIs, their targets and the currency of the report.", ReportFormat.Report) with { DefaultText = "defaults" },
        ]);

    /// <summary>Distribution names and their parameters (the names of the <c>Distribution</c> factories' parameters).</summary>
    public static readonly IReadOnlyList<(string Name, IReadOnlyList<string> Parameters)> Distributions =
    [
        ("normal", ["mean", "sd"]),
        ("lognormal", ["mu", "sigma", "mean", "sd"]),
        ("triangular", ["min", "mode", "max"]),
        ("uniform", ["min", "max"]),
        ("exponential", ["mean"]),
        ("gamma", ["shape", "scale"]),
        ("poisson", ["mean"]),
        ("constant", ["value"]),
    ];

    internal static FieldSchema Id(string description) => Text("id", description) with { Required = true };

    internal static FieldSchema Text(string key, string description) => new(key, FieldKind.Text, description);

    /// <summary>One step of a schedule of <paramref name="field"/>: its value has the field's range.</summary>
    internal static ObjectSchema ScheduleStep(FieldSchema field) => new(
        "schedule step",
        "From from_day on the parameter takes value; with end_day, the value before the step returns from that day.",
        [
            Number("from_day", "Day the value applies from.", 0, min: 0) with { Required = true },
            Number("end_day", "Day the value before the step returns.", double.PositiveInfinity, min: 0) with { AllowInfinite = true, DefaultText = ".inf" },
            field with { Key = "value", Required = true, Scheduled = false, Description = "The value from from_day on." },
        ]);

    internal static FieldSchema Number(
        string key, string description, double defaultValue = 0, double? min = null, double? max = null, bool minExclusive = false) =>
        new(key, FieldKind.Number, description)
        {
            Default = defaultValue,
            DefaultText = Show(defaultValue),
            Min = min,
            Max = max,
            MinExclusive = minExclusive,
        };

    internal static FieldSchema Integer(string key, string description, double defaultValue = 0, double? min = null, double? max = null) =>
        new(key, FieldKind.Integer, description) { Default = defaultValue, DefaultText = Show(defaultValue), Min = min, Max = max };

    internal static FieldSchema Choice(string key, string description, IReadOnlyList<string> choices, string defaultValue) =>
        new(key, FieldKind.Choice, description) { Choices = choices, DefaultText = defaultValue };

    internal static FieldSchema Dist(string key, string description, bool nonNegative = false, bool positiveMean = false) =>
        new(key, FieldKind.Distribution, description) { NonNegativeDraws = nonNegative, PositiveMean = positiveMean };

    /// <summary><c>initial</c> of a stock: units on hand at day 0, or <c>steady_state</c>.</summary>
    private static FieldSchema InitialStock() =>
        Number("initial", "Units on hand at day 0, or steady_state: start at the policy's steady state with the pipeline filled.", 0, min: 0) with { Words = [SteadyState] };

    internal static FieldSchema Nested(string key, string description, ObjectSchema schema) =>
        new(key, FieldKind.Object, description) { Object = schema };

    internal static FieldSchema List(string key, string description, ObjectSchema schema) =>
        new(key, FieldKind.ObjectList, description) { Object = schema, DefaultText = "[]" };

    private static string Show(double value) => double.IsPositiveInfinity(value)
        ? ".inf"
        : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
