namespace Simulation.Core.Network;

/// <summary>
/// The metrics of <see cref="NetworkRunResult.Daily"/>, in column order. Flows ("that period") cover
/// the interval since the previous row (nothing at day 0); levels are read at the row's day, after
/// every event of that day, the day's bookkeeping included.
/// </summary>
public static class TimeSeriesCatalog
{
    internal const int DemandUnits = 0;
    internal const int DeliveredUnits = 1;
    internal const int FillRate = 2;
    internal const int BuyerOnHand = 3;
    internal const int BuyerBackorders = 4;
    internal const int ActiveSuppliersTier1 = 5;
    internal const int ActiveSuppliersTier2 = 6;
    internal const int ActiveSuppliersTier3 = 7;
    internal const int SuppliersInStress = 8;
    internal const int Co2eKg = 9;
    internal const int Cost = 10;
    internal const int DisruptedSuppliers = 11;

    private static readonly Kpi[] Items =
    [
        new("demand_units", "units", "End-customer demand at buyers that period.", KpiGroup.Service),
        new("delivered_units", "units", "Units buyers handed to end customers that period.", KpiGroup.Service),
        new("fill_rate", "fraction", "Demand met from stock on arrival / demand, that period (1 when there was no demand).", KpiGroup.Service),
        new("buyer_on_hand", "units", "Units on hand at buyers, summed.", KpiGroup.Service),
        new("buyer_backorders", "units", "Units backordered at buyers, summed.", KpiGroup.Service),
        new("active_suppliers_tier_1", "suppliers", "Tier-1 suppliers still in the chain.", KpiGroup.Network),
        new("active_suppliers_tier_2", "suppliers", "Tier-2 suppliers still in the chain.", KpiGroup.Network),
        new("active_suppliers_tier_3", "suppliers", "Tier-3 suppliers still in the chain.", KpiGroup.Network),
        new("suppliers_in_stress", "suppliers", "Suppliers whose last day ended in liquidity stress.", KpiGroup.Network),
        new("co2e_kg", "kg CO2e", "Production and transport emissions that period, whole network.", KpiGroup.Environment),
        new("cost", "currency", "Buyer side's purchase + logistics + holding cost that period (as total_cost).", KpiGroup.Cost),
        new("disrupted_suppliers", "suppliers", "Active suppliers with capacity reduced by a disruption.", KpiGroup.Network),
    ];

    private static readonly string[] Names = Array.ConvertAll(Items, item => item.Name);

    /// <summary>Every metric, in column order.</summary>
    public static IReadOnlyList<Kpi> All => Items;

    /// <summary>The position of the metric named <paramref name="name"/> in <see cref="All"/>.</summary>
    /// <param name="name">A snake_case metric name (ordinal comparison).</param>
    /// <returns>The index, or -1 when no metric has that name.</returns>
    public static int IndexOf(string name) => Array.IndexOf(Names, name);

    internal static string[] NameArray() => (string[])Names.Clone();
}
