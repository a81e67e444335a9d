namespace Simulation.Core.Network;

/// <summary>
/// Network-wide running totals since day 0. A copy taken at the end of the warm-up and at every
/// time-series row turns them into flows over any window (later copy minus earlier copy).
/// </summary>
internal struct Totals
{
    public double DemandUnits;
    public double MetOnArrival;
    public double DeliveredUnits;
    public double LostUnits;
    public double LostValue;
    public double ReplenishmentOrders;
    public double PurchaseCost;
    public double LogisticsCost;
    public double HoldingCost;
    public double FinancingCost;
    public double Co2eKg;
    public double WaterL;
    public double UnitsProduced;
    public double StressDays;
    public double CashDaysSum;
    public double CashDaysCount;
    public double Revenue;
    public double CustomerOrders;
    public double ReplenishmentOrdersReceived;
    public double ReplenishmentUnitsReceived;
    public double ReplenishmentLeadTimeSum;

    /// <summary>Units ordered from suppliers of tier 1, 2 and 3 (for the bullwhip ratios).</summary>
    public TierUnits UnitsOrderedFromTier;

    // Time integrals, brought up to date only when a copy is taken (see NetworkModel.FlushIntegrals);
    // HoldingCost above is one too (buyers' and distribution centres' on hand x holding cost per unit-day).
    public double BackorderArea;
    public double StockoutArea;
    public double DisruptedArea;

    public readonly double BuyerCost => PurchaseCost + LogisticsCost + HoldingCost;
}

/// <summary>
/// The network-wide running totals, posted to by the parts (each adds its own flows: demand its units,
/// shipping its transport costs, production its output) and read by bookkeeping, which snapshots them.
/// A class holding the struct, so every part posts to the one instance without going through the model.
/// </summary>
internal sealed class TotalsLedger
{
    /// <summary>The totals since day 0; a copy is a snapshot.</summary>
    public Totals Sum;
}

/// <summary>Three running sums, one per supplier tier 1..3, kept inline so a copy of <see cref="Totals"/> copies them.</summary>
[System.Runtime.CompilerServices.InlineArray(KpiCatalog.BullwhipTiers)]
internal struct TierUnits
{
    private double _first;
}
