using Simulation.Core.Randomness;

namespace Simulation.Core.Network.Definitions;

/// <summary>
/// A validated sourcing network and how to run it: the immutable model the engine trusts. The scenario
/// layer builds it from a file (after <c>extends</c>, <c>--set</c>, supplier groups, imports and
/// group links have been resolved), so every reference here resolves and every value is in range.
/// </summary>
public sealed record NetworkDefinition
{
    /// <summary>Scenario name, shown in tables and reports.</summary>
    public required string Name { get; init; }

    /// <summary>Free text describing the scenario.</summary>
    public string Description { get; init; } = "";

    /// <summary>Simulated days per replication, warm-up included.</summary>
    public required double HorizonDays { get; init; }

    /// <summary>Days at the start excluded from KPIs (the network fills its pipelines).</summary>
    public double WarmupDays { get; init; }

    /// <summary>Calendar date of day 0, for time series and charts; null if the scenario has none.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Default number of replications.</summary>
    public int Replications { get; init; } = 10;

    /// <summary>The master seed: replication seeds are derived from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Regions, by id.</summary>
    public required IReadOnlyList<RegionDefinition> Regions { get; init; }

    /// <summary>Products and their bills of materials.</summary>
    public required IReadOnlyList<ProductDefinition> Products { get; init; }

    /// <summary>Every node: buyers, distribution centres and suppliers of every tier.</summary>
    public required IReadOnlyList<NodeDefinition> Nodes { get; init; }

    /// <summary>Disruption processes on suppliers and regions.</summary>
    public IReadOnlyList<DisruptionDefinition> Disruptions { get; init; } = [];

    /// <summary>Rules of supplier economics shared by all suppliers.</summary>
    public EconomicsDefinition Economics { get; init; } = new();

    /// <summary>Compliance, detection, programmes, financing and policies; null switches them all off.</summary>
    public SocialDefinition? Social { get; init; }

    /// <summary>Thresholds on KPIs and time-series metrics reported per replication (DESIGN.md section 8); empty = none.</summary>
    public IReadOnlyList<AlertDefinition> Alerts { get; init; } = [];

    /// <summary>
    /// Whether the scenario models <paramref name="part"/>: the core always; the social mechanisms with a
    /// social section; financing when a region offers credit or the social section has supply-chain
    /// finance or direct lending. KPIs of a part it does not model are not applicable (<see cref="Kpi.Part"/>).
    /// </summary>
    public bool Models(ModelPart part) => part switch
    {
        ModelPart.Social => Social is not null,
        ModelPart.Financing => Regions.Any(r => r.Credit is not null) || Social is { SupplyChainFinance.Count: > 0 } or { DirectLending.Count: > 0 },
        _ => true,
    };
}

/// <summary>Network-wide economic rules.</summary>
public sealed record EconomicsDefinition
{
    /// <summary>Consecutive days a supplier may be unable to pay its costs before it exits (insolvency).</summary>
    public double InsolvencyExitDays { get; init; } = 90;

    /// <summary>Window over which a supplier's operating margin is compared with its alternative market.</summary>
    public double MarginReviewDays { get; init; } = 180;

    /// <summary>
    /// Owners withdraw profit: at each day's end a supplier without stress and without credit drawn pays
    /// out <see cref="ProfitWithdrawalShare"/> of its cash above this many days of its daily cost
    /// (infinity = never), so cash does not pile up for years and insolvency risk stays alive.
    /// </summary>
    public double ProfitWithdrawalCashDays { get; init; } = double.PositiveInfinity;

    /// <summary>Share of the cash above the target withdrawn each day, in (0, 1].</summary>
    public double ProfitWithdrawalShare { get; init; } = 1;
}

/// <summary>A region: infrastructure, credit and hazards shared by every node in it.</summary>
public sealed record RegionDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>Multiplies every shipping lead time out of the region (1 = good infrastructure).</summary>
    public double LeadTimeMultiplier { get; init; } = 1;

    /// <summary>Grid carbon factor, kg CO2e per kWh (informational until energy use is modelled per unit).</summary>
    public double GridCarbonKgPerKwh { get; init; }

    /// <summary>Credit for small suppliers; null when none is available.</summary>
    public CreditTerms? Credit { get; init; }

    /// <summary>The size classes that may use <see cref="Credit"/> (MSME credit lines often reach only the small); empty = all.</summary>
    public IReadOnlyList<SizeClass> CreditSizes { get; init; } = [];

    /// <summary>Labour inspections per supplier-year (used by the compliance mechanisms).</summary>
    public double LabourInspectionsPerSupplierYear { get; init; }

    /// <summary>Probability that an inspection detects an open violation.</summary>
    public double InspectionDetectionProbability { get; init; }

    /// <summary>
    /// Changes of <see cref="LabourInspectionsPerSupplierYear"/> over time ("the government doubles
    /// inspections in year 2"): from each change's day on, the rate is its value (&gt;= 0). Empty: constant.
    /// </summary>
    public IReadOnlyList<ParameterChange<double>> LabourInspectionsChanges { get; init; } = [];

    /// <summary>Changes of <see cref="InspectionDetectionProbability"/> over time (values in [0, 1]). Empty: constant.</summary>
    public IReadOnlyList<ParameterChange<double>> InspectionDetectionChanges { get; init; } = [];
}

/// <summary>Credit a supplier can draw on when short of cash.</summary>
/// <param name="AnnualRate">Interest per year, e.g. 0.14 for 14%, accrued daily on the balance.</param>
/// <param name="LimitDaysOfCost">Credit limit as days of the supplier's full-capacity daily cost.</param>
public sealed record CreditTerms(double AnnualRate, double LimitDaysOfCost);

/// <summary>A product and its bill of materials.</summary>
public sealed record ProductDefinition
{
    /// <summary>Unique id.</summary>
    public required string Id { get; init; }

    /// <summary>Units of each input product consumed per unit made (empty for raw materials).</summary>
    public IReadOnlyList<BomLine> Inputs { get; init; } = [];
}

/// <summary>One line of a bill of materials.</summary>
/// <param name="ProductId">The input product.</param>
/// <param name="QuantityPerUnit">Units of input per unit of output; &gt; 0.</param>
public sealed record BomLine(string ProductId, double QuantityPerUnit);

/// <summary>Which kind of node: it decides which of the node's fields apply.</summary>
public enum NodeRole
{
    /// <summary>A brand or retailer: faces customer demand, holds stock, sources from tier-1 suppliers.</summary>
    Buyer,

    /// <summary>Holds stock of a product and ships it on; does not produce.</summary>
    DistributionCentre,

    /// <summary>Produces its product from inputs within a daily capacity.</summary>
    Supplier,
}

/// <summary>Enterprise size class (MSME categories).</summary>
public enum SizeClass
{
    /// <summary>Micro enterprise (smallholders, artisanal producers).</summary>
    Micro,

    /// <summary>Small enterprise.</summary>
    Small,

    /// <summary>Medium enterprise.</summary>
    Medium,

    /// <summary>Large enterprise.</summary>
    Large,
}

/// <summary>What happens to demand that stock cannot meet.</summary>
public enum ShortagePolicy
{
    /// <summary>Unmet demand waits and is filled first when stock arrives.</summary>
    Backorder,

    /// <summary>Unmet demand is lost.</summary>
    LostSales,
}

/// <summary>An upstream link: where a node buys a product, what share, and how it ships.</summary>
public sealed record SourceLink
{
    /// <summary>The supplying node.</summary>
    public required string SupplierId { get; init; }

    /// <summary>Share of the node's orders of this product that go to this supplier (shares sum to 1).</summary>
    public required double Share { get; init; }

    /// <summary>Shipping lead time in days before the region multiplier; null = the supplier's own lead time.</summary>
    public Distribution? LeadTimeDays { get; init; }

    /// <summary>Transport cost per order shipped on this link.</summary>
    public double TransportCostPerOrder { get; init; }

    /// <summary>Transport cost per unit shipped on this link.</summary>
    public double TransportCostPerUnit { get; init; }

    /// <summary>Transport emissions per unit shipped, kg CO2e.</summary>
    public double TransportCo2eKgPerUnit { get; init; }

    /// <summary>
    /// A candidate source (share 0): it gets orders only after re-sourcing onboards it
    /// (<see cref="StockDefinition.Resourcing"/>). Until then it is a node of the network like any
    /// other (its fixed costs run, it is audited) that this stock does not order from.
    /// </summary>
    public bool Backup { get; init; }
}

/// <summary>How a stock is replenished. Quantities are in units of the product; times in days.</summary>
public enum InventoryPolicyKind
{
    /// <summary>No replenishment policy: a supplier makes to order, a node never reorders.</summary>
    None,

    /// <summary>Every review period, order up to <see cref="InventoryPolicy.OrderUpTo"/> (periodic base-stock).</summary>
    BaseStock,

    /// <summary>(s,S): when the position is at or below s, order up to S; reviewed every period, or continuously if the period is 0.</summary>
    MinMax,

    /// <summary>(R,Q): when the position is at or below the reorder point, order Q (repeatedly until above it); continuous review.</summary>
    ReorderPointQuantity,

    /// <summary>Order a fixed quantity every review period.</summary>
    FixedQuantity,
}

/// <summary>A replenishment policy on one stock. Inventory position = on hand + on order - backorders.</summary>
public sealed record InventoryPolicy
{
    /// <summary>Which policy.</summary>
    public InventoryPolicyKind Kind { get; init; }

    /// <summary>Days between reviews (0 = continuous review).</summary>
    public double ReviewPeriodDays { get; init; }

    /// <summary>s for (s,S); the reorder point for (R,Q).</summary>
    public double ReorderPoint { get; init; }

    /// <summary>S for (s,S) and base-stock.</summary>
    public double OrderUpTo { get; init; }

    /// <summary>Q for (R,Q) and fixed-quantity.</summary>
    public double OrderQuantity { get; init; }

    /// <summary>No policy.</summary>
    public static InventoryPolicy None { get; } = new();
}

/// <summary>A stock held at a node: finished goods, or one input of a supplier.</summary>
public sealed record StockDefinition
{
    /// <summary>The product held.</summary>
    public required string ProductId { get; init; }

    /// <summary>On hand at day 0 (ignored when <see cref="InitialSteadyState"/> is set).</summary>
    public double InitialStock { get; init; }

    /// <summary>
    /// Start at the policy's steady state instead of <see cref="InitialStock"/>: the stock holds what its
    /// policy keeps on hand on average and the pipeline (orders in transit, supplier work in progress)
    /// holds what the policy has on order on average, so a run does not begin with an empty pipeline.
    /// </summary>
    public bool InitialSteadyState { get; init; }

    /// <summary>Replenishment policy.</summary>
    public InventoryPolicy Policy { get; init; } = InventoryPolicy.None;

    /// <summary>Where replenishment orders go (empty for a supplier's finished goods, which it makes).</summary>
    public IReadOnlyList<SourceLink> Sources { get; init; } = [];

    /// <summary>Most units the stock can hold (infinite by default); orders never push the position above it.</summary>
    public double Capacity { get; init; } = double.PositiveInfinity;

    /// <summary>How each replenishment order is spread over <see cref="Sources"/>: split by share (the default) or placed whole with one source.</summary>
    public SourcingMode Sourcing { get; init; } = SourcingMode.Split;

    /// <summary>How the stock moves the share of a source it loses; null: the remaining sources share its orders by their shares, and no candidate is onboarded.</summary>
    public ResourcingDefinition? Resourcing { get; init; }
}

/// <summary>How a stock spreads one replenishment order over its sources.</summary>
public enum SourcingMode
{
    /// <summary>Every order is split over all sources still in the chain in proportion to their shares.</summary>
    Split,

    /// <summary>
    /// Every order goes whole to one source still in the chain, drawn with probability proportional to
    /// its share (from the stock's own "sourcing" stream): the same mix on average, one shipment per order.
    /// </summary>
    OnePerOrder,
}

/// <summary>Customer demand at a buyer: orders of a random size at random intervals, with seasonality.</summary>
public sealed record DemandDefinition
{
    /// <summary>
    /// The stream's id, unique within its buyer; null for an unnamed stream, which is named by its
    /// 0-based position. It keys the stream's random draws (the first stream of a buyer draws from the
    /// buyer's own streams, as a buyer with one stream always did).
    /// </summary>
    public string? Id { get; init; }

    /// <summary>Time of the stream's first order, in days (0 = at the start, as the reference tools do); later orders follow at <see cref="InterarrivalDays"/>.</summary>
    public double FirstOrderDay { get; init; }

    /// <summary>The leg from the buyer to its customers; null when goods reach the customer at the order.</summary>
    public CustomerDeliveryDefinition? Delivery { get; init; }

    /// <summary>Units per customer order (values below 0 are taken as 0).</summary>
    public required Distribution Quantity { get; init; }

    /// <summary>Days between customer orders (constant 1 = one order a day).</summary>
    public required Distribution InterarrivalDays { get; init; }

    /// <summary>Relative amplitude of a sine seasonality on order size (0 = none; 0.2 = +/-20%).</summary>
    public double SeasonalAmplitude { get; init; }

    /// <summary>Period of the seasonality in days.</summary>
    public double SeasonalPeriodDays { get; init; } = 365;

    /// <summary>Day of the seasonal peak.</summary>
    public double SeasonalPeakDay { get; init; }

    /// <summary>Price the buyer sells at, per unit (values lost sales).</summary>
    public double SellingPrice { get; init; }
}
