using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// One node during a replication: its read-only definition data, and the mutable fields that more
/// than one part reads (each written by its owner, named beside it; docs/architecture.md). State only
/// one part uses lives in that part. Fields rather than properties: they change on every event.
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

    public Stock Fg = null!;
    public Stock[] Inputs = [];

    // Written by economics (Economics.Exit); read by every part.
    public bool Active = true;
    public double ExitDay = double.NaN;
    public string? ExitCause;

    // Fulfilment (suppliers and DCs): customer orders waiting for stock, oldest first. Created and
    // written by shipping (Mechanisms/Shipping.cs); read by the social reviews.
    public OrderQueue Backlog = null!;

    // Written by production only (Mechanisms/Production.cs, which owns the rest of the production
    // line's state); read by disruptions, re-sourcing and the social reviews.
    /// <summary>Capacity per day now, before disruptions: <see cref="BaseCapacity"/> grown by capacity building (Social/CapacityBuilding.cs).</summary>
    public double Capacity;

    /// <summary>The share of capacity a disruption leaves (set through production's <see cref="ICapacityFraction"/>).</summary>
    public double CapacityFraction = 1;

    // Economics (suppliers), written by Mechanisms/Economics.cs; read, and some still posted to, by
    // the social mechanisms until they are parts (then through economics' named methods).
    public double DailyCost;
    public double Cash;
    public double CreditBalance;
    public double CreditLimit;
    public double CreditDailyRate;
    public ObligationQueue Arrears = null!;
    public double WindowRevenue;
    public double WindowCost;

    /// <summary>
    /// The margin over the current review window, (revenue - costs) / revenue: minus infinity for costs
    /// without revenue, 0 for neither. Economics' margin review and the social side's stake read the same figure.
    /// </summary>
    public double WindowMargin =>
        WindowRevenue > 0 ? (WindowRevenue - WindowCost) / WindowRevenue
        : WindowCost > 0 ? double.NegativeInfinity : 0;

    // Outcome counters since day 0 (production, shipping and economics post to them; their values at
    // the end of the warm-up are bookkeeping's).
    public double UnitsProduced;
    public double Revenue;
    public double StressDays;

    // What the buyer side pays for this node's units (SupplierOutcome.LandedCost), units it delivered
    // to the buyer side: one addition per delivery or shipment.
    public double LandedCost;

    /// <summary>Buyer side: what it paid suppliers for goods delivered to it (its part of purchase_cost, warm-up included).</summary>
    public double Purchases;
    public double UnitsToBuyers;

    // Social mechanisms (Social/*.cs): the supplier's social record (owned by Compliance; null when
    // they are off), set once when SocialMechanisms is built; and whether buyers have suspended orders
    // to it, set only through ISourcingActions (the buyers' response in CorrectiveActions), read by the
    // sourcing split in Ordering.cs and by re-sourcing.
    public SupplierSocial? Social;
    public bool OrdersSuspended;

    public bool IsDisrupted => CapacityFraction < 1;

    public string Id => Definition.Id;
}
