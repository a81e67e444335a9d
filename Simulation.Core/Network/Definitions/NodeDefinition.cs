using Simulation.Core.Randomness;

namespace Simulation.Core.Network.Definitions;

/// <summary>
/// A node of the network. Every node holds a finished-goods <see cref="Stock"/> of its product. Buyers
/// and distribution centres replenish it from <see cref="StockDefinition.Sources"/>; suppliers make it
/// within <see cref="CapacityPerDay"/> from their <see cref="Inputs"/>, which they replenish upstream.
/// </summary>
public sealed record NodeDefinition
{
    /// <summary>Unique id, stable across scenario variants (random streams are keyed by it).</summary>
    public required string Id { get; init; }

    /// <summary>Buyer, distribution centre or supplier.</summary>
    public required NodeRole Role { get; init; }

    /// <summary>Tier: 0 for buyers, 1 for their direct suppliers, and so on.</summary>
    public int Tier { get; init; }

    /// <summary>The region the node is in.</summary>
    public required string RegionId { get; init; }

    /// <summary>The product it holds (and makes, for a supplier).</summary>
    public required string ProductId { get; init; }

    /// <summary>Size class.</summary>
    public SizeClass Size { get; init; } = SizeClass.Medium;

    /// <summary>The name of the supplier group that generated it, if any (for reporting).</summary>
    public string? Group { get; init; }

    /// <summary>Finished goods: initial stock, policy and (buyers, DCs) sources.</summary>
    public required StockDefinition Stock { get; init; }

    /// <summary>Backorder or lose demand the stock cannot meet.</summary>
    public ShortagePolicy Shortage { get; init; } = ShortagePolicy.Backorder;

    /// <summary>Holding cost per unit on hand per day (finished goods and inputs).</summary>
    public double HoldingCostPerUnitDay { get; init; }

    /// <summary>Days after delivery that this node pays its suppliers.</summary>
    public double PaymentTermsDays { get; init; } = 30;

    /// <summary>
    /// Payment-terms pass-through f in [0, 1] (suppliers): the node pays its suppliers after
    /// PaymentTermsDays + f * max(0, T_in - PaymentTermsDays) days, where T_in is the amount-weighted
    /// mean of the terms it is paid on (after supply-chain finance). 0 (the default): its own terms only.
    /// </summary>
    public double PaymentTermsPassThrough { get; init; }

    /// <summary>Changes of <see cref="PaymentTermsDays"/> over time (read at each delivery it pays for); empty = constant.</summary>
    public IReadOnlyList<ParameterChange<double>> PaymentTermsDaysChanges { get; init; } = [];

    /// <summary>Customer demand (buyers only): the first of <see cref="DemandStreams"/>, or null when it has none.</summary>
    public DemandDefinition? Demand { get; init; }

    /// <summary>
    /// Every customer demand stream of a buyer, in file order (one for a buyer whose <c>demand</c> is a
    /// single mapping); empty for other nodes. Each stream draws from its own random streams.
    /// </summary>
    public IReadOnlyList<DemandDefinition> DemandStreams { get; init; } = [];

    /// <summary>Units it can make per day at full capability (suppliers); infinity for unconstrained raw sources.</summary>
    public double CapacityPerDay { get; init; }

    /// <summary>
    /// Changes of <see cref="CapacityPerDay"/> over time (suppliers with finite capacity): from each change's day on,
    /// the capacity per day at full capability is its value (finite, &gt; 0), until the next change. Empty: constant.
    /// Capacity building's growth and disruptions apply on top of the value in force.
    /// </summary>
    public IReadOnlyList<ParameterChange<double>> CapacityPerDayChanges { get; init; } = [];

    /// <summary>Units per production batch (suppliers); production runs in batches of this size or less.</summary>
    public double BatchSize { get; init; } = double.PositiveInfinity;

    /// <summary>Shipping lead time in days (before the region multiplier) when a link does not set its own.</summary>
    public Distribution LeadTimeDays { get; init; } = Distribution.Constant(0);

    /// <summary>Conversion cost per unit made: wages, energy, overheads that scale with output.</summary>
    public double UnitCost { get; init; }

    /// <summary>Price per unit it charges its customers.</summary>
    public double Price { get; init; }

    /// <summary>Fixed cost per day, paid whether or not it produces.</summary>
    public double FixedCostPerDay { get; init; }

    /// <summary>Stocks of inputs, one per bill-of-materials line of its product (suppliers).</summary>
    public IReadOnlyList<StockDefinition> Inputs { get; init; } = [];

    /// <summary>Workers employed.</summary>
    public int Workers { get; init; }

    /// <summary>Wage as a fraction of a living wage (1 = living wage).</summary>
    public double WageToLivingWage { get; init; } = 1;

    /// <summary>Maturity of management systems, 0..1.</summary>
    public double Capability { get; init; } = 0.5;

    /// <summary>Starting cash as days of full-capacity daily cost (suppliers).</summary>
    public double StartingCashDays { get; init; } = 30;

    /// <summary>Operating margin (fraction of revenue) the supplier could earn elsewhere; below it for a review window, it leaves the chain.</summary>
    public double AlternativeMargin { get; init; } = double.NegativeInfinity;

    /// <summary>Production emissions per unit, kg CO2e.</summary>
    public double Co2eKgPerUnit { get; init; }

    /// <summary>Water per unit, litres.</summary>
    public double WaterLPerUnit { get; init; }

    /// <summary>Certifications held (e.g. "rspo", "bsci").</summary>
    public IReadOnlyList<string> Certifications { get; init; } = [];

    /// <summary>
    /// The markets a buyer or distribution centre sells into (e.g. "eu", "us"): a due-diligence law or
    /// an import ban that names markets applies only to the buyer side in them. Empty for suppliers and
    /// for a buyer that names none (then only laws and bans without markets apply to it).
    /// </summary>
    public IReadOnlyList<string> Markets { get; init; } = [];

    /// <summary>
    /// Buyers: the share of a supplier's remediation cost this buyer pays for suppliers in its chain
    /// (0..1; a supplier in several chains gets the largest share offered). 0 for other nodes.
    /// </summary>
    public double RemediationCostShare { get; init; }
}

/// <summary>Whether a disruption hits one supplier or every node in a region at once.</summary>
public enum DisruptionScope
{
    /// <summary>One supplier.</summary>
    Supplier,

    /// <summary>Every supplier in the region, simultaneously (floods, strikes, unrest).</summary>
    Region,
}

/// <summary>An alternating up/down process that removes capacity while down.</summary>
public sealed record DisruptionDefinition
{
    /// <summary>Unique id (keys its random stream).</summary>
    public required string Id { get; init; }

    /// <summary>Supplier or region.</summary>
    public required DisruptionScope Scope { get; init; }

    /// <summary>The supplier or region id.</summary>
    public required string TargetId { get; init; }

    /// <summary>Days from the end of one disruption to the start of the next (and from day 0 to the first).</summary>
    public required Distribution TimeBetweenDays { get; init; }

    /// <summary>Days a disruption lasts.</summary>
    public required Distribution DurationDays { get; init; }

    /// <summary>Fraction of capacity lost while down, in (0, 1].</summary>
    public double CapacityLost { get; init; } = 1;
}

/// <summary>
/// The delivery leg from a buyer to its end customers: the goods leave the buyer's stock when the
/// order is met and reach the customer after the lead time; its costs are logistics cost.
/// </summary>
public sealed record CustomerDeliveryDefinition
{
    /// <summary>Days from the buyer's stock to the customer.</summary>
    public Distribution LeadTimeDays { get; init; } = Distribution.Constant(0);

    /// <summary>Cost per customer order delivered (one shipment per met order or backorder fill).</summary>
    public double CostPerOrder { get; init; }

    /// <summary>Cost per unit delivered.</summary>
    public double CostPerUnit { get; init; }

    /// <summary>Transport emissions per unit delivered, kg CO2e.</summary>
    public double Co2eKgPerUnit { get; init; }
}
