namespace Simulation.Core.Network;

/// <summary>
/// Every KPI one replication of a network reports, in the order of
/// <see cref="NetworkRunResult.KpiValues"/>. Names are snake_case and a public contract (DESIGN.md
/// section 6).
/// </summary>
/// <remarks>
/// <para>
/// Flows are measured after the warm-up: events at times after <c>WarmupDays</c> (all events when the
/// warm-up is 0) and the daily charges of days that start at or after it. Integrals over time
/// (backorder unit-days, stock-out days, disrupted days) cover [warm-up, horizon] exactly.
/// </para>
/// <para>
/// "Supplier" in the network KPIs means a node of role Supplier. Buyers and distribution centres are
/// the buyer side: their purchases from suppliers, the transport into them and their holding cost
/// make up the cost KPIs. Ratios whose denominator is 0 are reported as 0, except the fill rate,
/// which is 1 when there was no demand (no customer was refused), so every value is finite.
/// </para>
/// </remarks>
public static class KpiCatalog
{
    internal const int DemandUnits = 0;
    internal const int DeliveredUnits = 1;
    internal const int FillRate = 2;
    internal const int LostSalesUnits = 3;
    internal const int LostSalesValue = 4;
    internal const int BackorderUnitDays = 5;
    internal const int StockoutDays = 6;
    internal const int PurchaseCost = 7;
    internal const int LogisticsCost = 8;
    internal const int HoldingCost = 9;
    internal const int FinancingCost = 10;
    internal const int TotalCost = 11;
    internal const int CostPerUnit = 12;
    internal const int ReplenishmentOrders = 13;
    internal const int Co2eKg = 14;
    internal const int Co2eKgPerUnit = 15;
    internal const int WaterL = 16;
    internal const int SupplierExits = 17;
    internal const int SupplierExitsTier1 = 18;
    internal const int SupplierExitsTier2 = 19;
    internal const int SupplierExitsTier3 = 20;
    internal const int SupplierExitsTier4Plus = 21;
    internal const int ExitsInsolvency = 22;
    internal const int ExitsMargin = 23;
    internal const int ExitsMicro = 24;
    internal const int ExitsSmall = 25;
    internal const int ExitsMedium = 26;
    internal const int ExitsLarge = 27;
    internal const int ActiveSuppliers = 28;
    internal const int LiquidityStressDays = 29;
    internal const int DisruptedSupplierDays = 30;
    internal const int MeanSupplierCashDays = 31;
    internal const int UnitsProduced = 32;

    private static readonly Kpi[] Items =
    [
        new("demand_units", "units", "Units of end-customer demand at buyers (order size times seasonality).", KpiGroup.Service),
        new("delivered_units", "units", "Units buyers handed to end customers: met on arrival plus backorders filled later.", KpiGroup.Service),
        new("fill_rate", "fraction", "Demand units met from buyer stock on arrival / demand units (1 when there was no demand).", KpiGroup.Service),
        new("lost_sales_units", "units", "Demand units lost because buyers with lost-sales policy had no stock.", KpiGroup.Service),
        new("lost_sales_value", "currency", "Lost sales units times the buyer's selling price.", KpiGroup.Service),
        new("backorder_unit_days", "unit-days", "Time integral of units backordered at buyers.", KpiGroup.Service),
        new("stockout_days", "buyer-days", "Time during which a buyer had nothing on hand, summed over buyers.", KpiGroup.Service),
        new("purchase_cost", "currency", "Buyer side's purchases: supplier price times units delivered by suppliers to buyers and distribution centres.", KpiGroup.Cost),
        new("logistics_cost", "currency", "Transport into buyers and distribution centres: per shipment plus per unit, charged when shipped.", KpiGroup.Cost),
        new("holding_cost", "currency", "Buyers' and distribution centres' holding cost: units on hand at each day's end times the cost per unit-day.", KpiGroup.Cost),
        new("financing_cost", "currency", "Interest suppliers paid on credit drawn (annual rate / 365 per day on the balance).", KpiGroup.Cost),
        new("total_cost", "currency", "purchase_cost + logistics_cost + holding_cost (the buyers' landed cost).", KpiGroup.Cost),
        new("cost_per_unit", "currency/unit", "total_cost / delivered_units (0 when nothing was delivered).", KpiGroup.Cost),
        new("replenishment_orders", "orders", "Replenishment orders buyers placed (an order split across sources counts once).", KpiGroup.Cost),
        new("co2e_kg", "kg CO2e", "Production emissions of units made plus transport emissions of units shipped, whole network.", KpiGroup.Environment),
        new("co2e_kg_per_unit", "kg CO2e/unit", "co2e_kg / delivered_units (0 when nothing was delivered).", KpiGroup.Environment),
        new("water_l", "L", "Water used by production of units made, whole network.", KpiGroup.Environment),
        new("supplier_exits", "suppliers", "Suppliers that left the chain (insolvency or margin).", KpiGroup.Network),
        new("supplier_exits_tier_1", "suppliers", "Tier-1 suppliers that left the chain.", KpiGroup.Network),
        new("supplier_exits_tier_2", "suppliers", "Tier-2 suppliers that left the chain.", KpiGroup.Network),
        new("supplier_exits_tier_3", "suppliers", "Tier-3 suppliers that left the chain.", KpiGroup.Network),
        new("supplier_exits_tier_4_plus", "suppliers", "Suppliers of tier 4 or deeper that left the chain.", KpiGroup.Network),
        new("exits_insolvency", "suppliers", "Exits after too many consecutive days of liquidity stress.", KpiGroup.Network),
        new("exits_margin", "suppliers", "Exits because the margin over a review window was below the alternative market's.", KpiGroup.Network),
        new("exits_micro", "suppliers", "Exits of micro enterprises.", KpiGroup.Network),
        new("exits_small", "suppliers", "Exits of small enterprises.", KpiGroup.Network),
        new("exits_medium", "suppliers", "Exits of medium enterprises.", KpiGroup.Network),
        new("exits_large", "suppliers", "Exits of large enterprises.", KpiGroup.Network),
        new("active_suppliers", "suppliers", "Suppliers still in the chain at the horizon.", KpiGroup.Network),
        new("liquidity_stress_days", "supplier-days", "Supplier-days ending with unpaid costs (arrears) or with production held back for lack of cash.", KpiGroup.Network),
        new("disrupted_supplier_days", "supplier-days", "Time active suppliers spent with capacity reduced by a disruption, summed over suppliers.", KpiGroup.Network),
        new("mean_supplier_cash_days", "days", "Mean over active supplier-days of cash / full-capacity daily cost (suppliers with a cost only).", KpiGroup.Network),
        new("units_produced", "units", "Units made by all suppliers.", KpiGroup.Network),
    ];

    /// <summary>Every KPI, in the order of <see cref="NetworkRunResult.KpiValues"/>.</summary>
    public static IReadOnlyList<Kpi> All => Items;

    /// <summary>The position of the KPI named <paramref name="name"/> in <see cref="All"/>.</summary>
    /// <param name="name">A snake_case KPI name (ordinal comparison).</param>
    /// <returns>The index, or -1 when no KPI has that name.</returns>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < Items.Length; i++)
        {
            if (string.Equals(Items[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
