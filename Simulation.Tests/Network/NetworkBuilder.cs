using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Tests.Network;

/// <summary>
/// A small fluent builder of <see cref="NetworkDefinition"/>s for tests (the YAML loader lives
/// elsewhere). Defaults: one region "r", products created on first use (a supplier's inputs become
/// its product's bill of materials, one unit each unless declared), everything else as the records'
/// defaults.
/// </summary>
internal sealed class NetworkBuilder
{
    private readonly double _horizonDays;
    private readonly double _warmupDays;
    private readonly List<RegionDefinition> _regions = [];
    private readonly List<ProductDefinition> _products = [];
    private readonly List<NodeDefinition> _nodes = [];
    private readonly List<DisruptionDefinition> _disruptions = [];
    private EconomicsDefinition _economics = new();

    public NetworkBuilder(double horizonDays, double warmupDays = 0)
    {
        _horizonDays = horizonDays;
        _warmupDays = warmupDays;
    }

    public NetworkBuilder Region(string id, double leadTimeMultiplier = 1, CreditTerms? credit = null)
    {
        _regions.Add(new RegionDefinition { Id = id, LeadTimeMultiplier = leadTimeMultiplier, Credit = credit });
        return this;
    }

    public NetworkBuilder Product(string id, params BomLine[] inputs)
    {
        _products.Add(new ProductDefinition { Id = id, Inputs = inputs });
        return this;
    }

    public NetworkBuilder Economics(double insolvencyExitDays = 90, double marginReviewDays = 180)
    {
        _economics = new EconomicsDefinition { InsolvencyExitDays = insolvencyExitDays, MarginReviewDays = marginReviewDays };
        return this;
    }

    /// <summary>A supplier making <paramref name="product"/>; infinite capacity and make-to-order unless configured.</summary>
    public NetworkBuilder Supplier(
        string id,
        string product = "p",
        int tier = 1,
        double capacityPerDay = double.PositiveInfinity,
        double leadTimeDays = 0,
        string region = "r",
        Func<NodeDefinition, NodeDefinition>? configure = null,
        params StockDefinition[] inputs)
    {
        var node = new NodeDefinition
        {
            Id = id,
            Role = NodeRole.Supplier,
            Tier = tier,
            RegionId = region,
            ProductId = product,
            Stock = new StockDefinition { ProductId = product },
            CapacityPerDay = capacityPerDay,
            LeadTimeDays = Distribution.Constant(leadTimeDays),
            Inputs = inputs,
            StartingCashDays = 30,
        };
        _nodes.Add(configure is null ? node : configure(node));
        return this;
    }

    /// <summary>A buyer of <paramref name="product"/> with the given demand, policy and sources.</summary>
    public NetworkBuilder Buyer(
        string id,
        DemandDefinition? demand,
        InventoryPolicy policy,
        double initialStock,
        SourceLink[] sources,
        string product = "p",
        ShortagePolicy shortage = ShortagePolicy.Backorder,
        Func<NodeDefinition, NodeDefinition>? configure = null)
    {
        var node = new NodeDefinition
        {
            Id = id,
            Role = NodeRole.Buyer,
            Tier = 0,
            RegionId = "r",
            ProductId = product,
            Stock = new StockDefinition { ProductId = product, InitialStock = initialStock, Policy = policy, Sources = sources },
            Demand = demand,
            Shortage = shortage,
        };
        _nodes.Add(configure is null ? node : configure(node));
        return this;
    }

    /// <summary>A distribution centre holding <paramref name="product"/>, replenished from its sources.</summary>
    public NetworkBuilder DistributionCentre(
        string id,
        InventoryPolicy policy,
        double initialStock,
        SourceLink[] sources,
        string product = "p",
        double leadTimeDays = 0,
        Func<NodeDefinition, NodeDefinition>? configure = null)
    {
        var node = new NodeDefinition
        {
            Id = id,
            Role = NodeRole.DistributionCentre,
            RegionId = "r",
            ProductId = product,
            Stock = new StockDefinition { ProductId = product, InitialStock = initialStock, Policy = policy, Sources = sources },
            LeadTimeDays = Distribution.Constant(leadTimeDays),
        };
        _nodes.Add(configure is null ? node : configure(node));
        return this;
    }

    public NetworkBuilder Node(NodeDefinition node)
    {
        _nodes.Add(node);
        return this;
    }

    public NetworkBuilder Disruption(string id, string targetId, Distribution timeBetween, Distribution duration, double capacityLost = 1, DisruptionScope scope = DisruptionScope.Supplier)
    {
        _disruptions.Add(new DisruptionDefinition
        {
            Id = id,
            Scope = scope,
            TargetId = targetId,
            TimeBetweenDays = timeBetween,
            DurationDays = duration,
            CapacityLost = capacityLost,
        });
        return this;
    }

    public NetworkDefinition Build()
    {
        var regions = new List<RegionDefinition>(_regions);
        if (!regions.Exists(r => r.Id == "r"))
        {
            regions.Add(new RegionDefinition { Id = "r" });
        }

        var products = new List<ProductDefinition>(_products);
        foreach (var node in _nodes)
        {
            if (!products.Exists(p => p.Id == node.ProductId))
            {
                products.Add(new ProductDefinition
                {
                    Id = node.ProductId,
                    Inputs = [.. node.Inputs.Select(i => new BomLine(i.ProductId, 1))],
                });
            }

            foreach (var input in node.Inputs)
            {
                if (!products.Exists(p => p.Id == input.ProductId))
                {
                    products.Add(new ProductDefinition { Id = input.ProductId });
                }
            }
        }

        return new NetworkDefinition
        {
            Name = "test",
            HorizonDays = _horizonDays,
            WarmupDays = _warmupDays,
            Regions = regions,
            Products = products,
            Nodes = [.. _nodes],
            Disruptions = [.. _disruptions],
            Economics = _economics,
        };
    }

    public static SourceLink From(string supplierId, double share = 1, double? leadTimeDays = null) => new()
    {
        SupplierId = supplierId,
        Share = share,
        LeadTimeDays = leadTimeDays is { } lead ? Distribution.Constant(lead) : null,
    };

    public static StockDefinition Input(string product, InventoryPolicy policy, double initialStock, params SourceLink[] sources) => new()
    {
        ProductId = product,
        Policy = policy,
        InitialStock = initialStock,
        Sources = sources,
    };

    public static InventoryPolicy MinMax(double s, double bigS, double reviewDays = 1) =>
        new() { Kind = InventoryPolicyKind.MinMax, ReorderPoint = s, OrderUpTo = bigS, ReviewPeriodDays = reviewDays };

    public static InventoryPolicy BaseStock(double orderUpTo, double reviewDays = 1) =>
        new() { Kind = InventoryPolicyKind.BaseStock, OrderUpTo = orderUpTo, ReviewPeriodDays = reviewDays };

    public static InventoryPolicy ReorderPoint(double r, double q) =>
        new() { Kind = InventoryPolicyKind.ReorderPointQuantity, ReorderPoint = r, OrderQuantity = q };

    public static InventoryPolicy Fixed(double q, double reviewDays) =>
        new() { Kind = InventoryPolicyKind.FixedQuantity, OrderQuantity = q, ReviewPeriodDays = reviewDays };

    /// <summary>
    /// One order of size <paramref name="quantity"/> at the end of every day (t = 1, 2, ...): first order
    /// day 1, as the hand traces of these tests count days (the format's default is t = 0).
    /// </summary>
    public static DemandDefinition DailyDemand(Distribution quantity, double sellingPrice = 0) => new()
    {
        Quantity = quantity,
        InterarrivalDays = Distribution.Constant(1),
        FirstOrderDay = 1,
        SellingPrice = sellingPrice,
    };

    public static DemandDefinition DailyDemand(double unitsPerDay, double sellingPrice = 0) =>
        DailyDemand(Distribution.Constant(unitsPerDay), sellingPrice);

    /// <summary>Runs replication <paramref name="replication"/> of the definition's master seed.</summary>
    public static NetworkRunResult Run(NetworkDefinition definition, int replication = 0, NetworkRunOptions? options = null) =>
        NetworkSimulation.Run(
            definition,
            new ReplicationContext(replication, SeedSequence.ReplicationSeed(definition.Seed, replication)),
            options);
}
