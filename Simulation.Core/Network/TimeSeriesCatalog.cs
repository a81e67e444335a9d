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
    internal const int OpenViolations = 12;
    internal const int WorkerExposureDays = 13;
    internal const int ViolationsArisen = 14;
    internal const int ViolationsDetected = 15;
    internal const int GrievancesFiled = 16;
    internal const int SuspendedSuppliers = 17;
    internal const int MeanCapability = 18;
    internal const int DetainedShipments = 19;
    internal const int SocialCost = 20;

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
        new("open_violations", "violations", "Open violations at suppliers in the chain.", KpiGroup.Social),
        new("worker_exposure_days", "worker-days", "Worker-exposure-days that period.", KpiGroup.Social),
        new("violations_arisen", "violations", "Violations that arose that period.", KpiGroup.Social),
        new("violations_detected", "violations", "Violations detected that period.", KpiGroup.Social),
        new("grievances_filed", "grievances", "Grievances filed that period.", KpiGroup.Social),
        new("suspended_suppliers", "suppliers", "Suppliers with orders suspended by buyers.", KpiGroup.Social),
        new("mean_capability", "0..1", "Mean capability of suppliers in the chain (as of the last review).", KpiGroup.Social),
        new("detained_shipments", "shipments", "Shipments detained under an import ban that period.", KpiGroup.Social),
        new("social_cost", "currency", "Audits, programmes, penalties, certification premiums and escalations that period.", KpiGroup.Cost) { Part = ModelPart.Social },
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
