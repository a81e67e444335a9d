using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// The mutable state of one node during a replication. Fields rather than properties: the mechanisms
/// (partial files of <see cref="NetworkModel"/>) update them on every event.
/// </summary>
internal sealed class Node
{
    public Node(int index, NodeDefinition definition, int region)
    {
        Index = index;
        Definition = definition;
        Region = region;
        IsBuyer = definition.Role == NodeRole.Buyer;
        IsProducer = definition.Role == NodeRole.Supplier;
        IsBuyerSide = !IsProducer;
        Tier = definition.Tier;
        BaseCapacity = definition.CapacityPerDay;
        Capacity = BaseCapacity;
        BatchSize = definition.BatchSize;
        UnitCost = definition.UnitCost;
        Price = definition.Price;
        FixedCostPerDay = definition.FixedCostPerDay;
        HoldingCostPerUnitDay = definition.HoldingCostPerUnitDay;
        PaymentTermsDays = definition.PaymentTermsDays;
        PaymentTermsPassThrough = definition.PaymentTermsPassThrough;
        Co2eKgPerUnit = definition.Co2eKgPerUnit;
        WaterLPerUnit = definition.WaterLPerUnit;
        Backorder = definition.Shortage == ShortagePolicy.Backorder;
    }

    public readonly int Index;
    public readonly NodeDefinition Definition;
    public readonly int Region;
    /// <summary>Role Buyer: faces end-customer demand.</summary>
    public readonly bool IsBuyer;

    /// <summary>Role Supplier: makes its product, holds cash, can be disrupted and exit.</summary>
    public readonly bool IsProducer;

    /// <summary>Buyers and distribution centres: not cash-constrained; their purchases, inbound transport and holding are the buyers' cost.</summary>
    public readonly bool IsBuyerSide;
    public readonly int Tier;
    /// <summary>Capacity per day as defined, at the current step of its timeline (Mechanisms/CapacityTimelines.cs); <see cref="Capacity"/> grows from it with capacity building.</summary>
    public double BaseCapacity;

    /// <summary>Capacity building's factor on <see cref="BaseCapacity"/>: 1 + capacity_gain * G (Social/CapacityBuilding.cs).</summary>
    public double CapacityGrowth = 1;
    public readonly double BatchSize;
    public readonly double UnitCost;
    public readonly double Price;
    public readonly double FixedCostPerDay;
    public readonly double HoldingCostPerUnitDay;
    public readonly double PaymentTermsDays;
    public readonly double PaymentTermsPassThrough;
    public readonly double Co2eKgPerUnit;
    public readonly double WaterLPerUnit;
    public readonly bool Backorder;

    /// <summary>The integral of on hand (finished goods and inputs) its daily holding charges have paid for so far (suppliers).</summary>
    public double HoldingAreaPaid;

    public Stock Fg = null!;
    public Stock[] Inputs = [];

    public bool Active = true;
    public double ExitDay = double.NaN;
    public string? ExitCause;

    // Fulfilment (suppliers and DCs): customer orders waiting for stock, oldest first.
    public OrderQueue Backlog = null!;
    public RandomStream ShippingStream = null!;
    public double LeadTimeMultiplier = 1;

    // Production (suppliers). Wip: units started and not yet output (a batch, or a daily run).
    /// <summary>Capacity per day now, before disruptions: <see cref="BaseCapacity"/> grown by capacity building (Social/CapacityBuilding.cs).</summary>
    public double Capacity;
    public bool MakeToOrder;
    public bool DailyRuns;
    public double CapacityArea;
    public double CapacitySince;
    public double ProductionDue;
    public bool Busy;
    public bool InProductionLoop;
    public bool WakePending;
    public double Wip;
    public double WorkLeft;
    public double Rate;
    public double LastRateChange;
    public double BatchEnd = double.NaN;
    public Action BatchDone = null!;

    // Disruptions.
    public double CapacityFraction = 1;

    // Economics (non-buyers).
    public double DailyCost;
    public double Cash;
    public double CreditBalance;
    public double CreditLimit;
    public double CreditDailyRate;
    public ObligationQueue Arrears = null!;
    public double ArrearsTotal;
    /// <summary>Sums over the payments owed to it of amount * days to payment, and of amount (payment-terms pass-through, Economics.cs).</summary>
    public double TermsInWeighted;
    public double TermsInAmount;
    /// <summary>Cash held back production today (all or part of it): a liquidity stress day.</summary>
    public bool CashBlocked;
    public bool InStress;
    public int ConsecutiveStressDays;
    public double WindowRevenue;
    public double WindowCost;
    public double NextMarginReview = double.PositiveInfinity;

    // Outcome counters since day 0, and their values at the end of the warm-up.
    public double UnitsProduced;
    public double Revenue;
    public double StressDays;
    public double UnitsProducedAtWarmup;
    public double RevenueAtWarmup;
    public double StressDaysAtWarmup;
    public double DisruptedAreaAtWarmup;

    // What the buyer side pays for this node's units (SupplierOutcome.LandedCost), units it delivered
    // to the buyer side, and both at the end of the warm-up: one addition per delivery or shipment.
    public double LandedCost;

    /// <summary>Buyer side: what it paid suppliers for goods delivered to it (its part of purchase_cost, warm-up included).</summary>
    public double Purchases;
    public double UnitsToBuyers;
    public double LandedCostAtWarmup;
    public double UnitsToBuyersAtWarmup;


    // Social mechanisms (Social/*.cs): the supplier's social record (owned by Compliance; null when
    // they are off), set once when SocialMechanisms is built; and whether buyers have suspended orders
    // to it, set only through ISourcingActions (the buyers' response in CorrectiveActions), read by the
    // sourcing split in Ordering.cs and by re-sourcing.
    public SupplierSocial? Social;
    public bool OrdersSuspended;

    public bool IsDisrupted => CapacityFraction < 1;

    public string Id => Definition.Id;
}
