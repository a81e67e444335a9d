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

    // Social mechanisms (Social/*.cs); all 0 (the index 100) when the scenario has no social section.
    internal const int ExitsTerminated = 33;
    internal const int ViolationsArisen = 34;
    internal const int OpenViolations = 35;
    internal const int WorkerExposureDays = 36;
    internal const int ViolationsDetected = 37;
    internal const int DetectedByAudit = 38;
    internal const int DetectedByInspection = 39;
    internal const int DetectedByGrievance = 40;
    internal const int ViolationsRemediated = 41;
    internal const int MeanDaysToRemediate = 42;
    internal const int CapsOpened = 43;
    internal const int CapsOverdue = 44;
    internal const int GrievancesFiled = 45;
    internal const int GrievancesResolvedLocally = 46;
    internal const int GrievancesEscalated = 47;
    internal const int MeanGrievanceResolutionDays = 48;
    internal const int SocialComplianceIndex = 49;
    internal const int MeanCapability = 50;
    internal const int SuspendedSupplierDays = 51;
    internal const int Audits = 52;
    internal const int DetainedShipments = 53;
    internal const int DetainedUnits = 54;
    internal const int AuditCost = 55;
    internal const int AuditCostPerBuyer = 56;
    internal const int ProgrammeCost = 57;
    internal const int PenaltyCost = 58;
    internal const int CertificationCost = 59;
    internal const int GrievanceEscalationCost = 60;
    internal const int SocialCost = 61;
    internal const int RemediationCost = 62;
    internal const int ScfDiscountCost = 63;
    internal const int ScfEarlyPayments = 64;
    internal const int CapabilityCostSavings = 65;

    // Customer and replenishment flows as the reference tools report them (docs/model.md, "Time conventions").
    internal const int Revenue = 66;
    internal const int GrossProfit = 67;
    internal const int CustomerOrders = 68;
    internal const int CustomerOrdersDelivered = 69;
    internal const int CustomerUnitsReceived = 70;
    internal const int ReplenishmentOrdersReceived = 71;
    internal const int ReplenishmentUnitsReceived = 72;
    internal const int MeanOrderLeadTimeDays = 73;
    internal const int Otif = 74;
    internal const int BullwhipRatioTier1 = 75;
    internal const int BullwhipRatioTier2 = 76;
    internal const int BullwhipRatioTier3 = 77;

    /// <summary>Tiers with a bullwhip_ratio_tier_k KPI (1..this).</summary>
    internal const int BullwhipTiers = 3;

    // Re-sourcing (Mechanisms/Resourcing.cs).
    internal const int ResourcingEvents = 78;
    internal const int Onboardings = 79;
    internal const int OnboardingCost = 80;
    internal const int DaysWithoutFullSupply = 81;
    internal const int SourcingHhiTier1 = 82;
    internal const int SourcingHhiTier2 = 83;
    internal const int SourcingHhiTier3 = 84;

    // Supplier response (Social/SupplierResponse.cs) and the outcome-linked offer's cost.
    internal const int OutcomeLinkedDiscountCost = 85;
    internal const int CapabilityInvestmentCost = 86;
    internal const int ExpeditedRemediations = 87;

    // Due diligence and remediation (docs/model.md, "Policy mix").
    internal const int ExpectedPenaltyCost = 88;
    internal const int SeverityWeightedExposure = 89;
    internal const int RemediationSupportCost = 90;

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
        new("holding_cost", "currency", "Buyers' and distribution centres' holding cost: the exact time integral of units on hand times the cost per unit-day.", KpiGroup.Cost),
        new("financing_cost", "currency", "Interest suppliers paid on credit drawn (annual rate / 365 per day on the balance).", KpiGroup.Cost) { Part = ModelPart.Financing },
        new("total_cost", "currency", "purchase_cost + logistics_cost + holding_cost + onboarding_cost (the buyers' landed cost and the cost of new sources).", KpiGroup.Cost),
        new("cost_per_unit", "currency/unit", "total_cost / delivered_units (0 when nothing was delivered).", KpiGroup.Cost),
        new("replenishment_orders", "orders", "Replenishment orders buyers placed (an order split across sources counts once).", KpiGroup.Cost),
        new("co2e_kg", "kg CO2e", "Production emissions of units made plus transport emissions of units shipped, whole network.", KpiGroup.Environment),
        new("co2e_kg_per_unit", "kg CO2e/unit", "co2e_kg / delivered_units (0 when nothing was delivered).", KpiGroup.Environment),
        new("water_l", "L", "Water used by production of units made, whole network.", KpiGroup.Environment),
        new("supplier_exits", "suppliers", "Suppliers that left the chain (insolvency, margin or termination by buyers).", KpiGroup.Network),
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
        new("exits_terminated", "suppliers", "Exits because buyers dropped the supplier at a missed corrective-action deadline (response exit).", KpiGroup.Network) { Part = ModelPart.Social },
        new("violations_arisen", "violations", "Violations that arose at suppliers (all categories).", KpiGroup.Social),
        new("open_violations", "violations", "Time-average number of open violations at suppliers in the chain.", KpiGroup.Social),
        new("worker_exposure_days", "worker-days", "Workers exposed times days open, over every open violation, including those of suppliers that left the chain.", KpiGroup.Social),
        new("violations_detected", "violations", "Violations found by audits, labour inspections or escalated grievances.", KpiGroup.Social),
        new("detected_by_audit", "violations", "Violations found by buyers' audits.", KpiGroup.Social),
        new("detected_by_inspection", "violations", "Violations found by regional labour inspections.", KpiGroup.Social),
        new("detected_by_grievance", "violations", "Violations that reached the buyers through escalated grievances.", KpiGroup.Social),
        new("violations_remediated", "violations", "Violations fixed (after a corrective action plan or a local grievance resolution).", KpiGroup.Social),
        new("mean_days_to_remediate", "days", "Mean days from detection (or local grievance filing) to the fix, over violations fixed (0 if none).", KpiGroup.Social),
        new("caps_opened", "plans", "Corrective action plans opened (one per detected violation).", KpiGroup.Social),
        new("caps_overdue", "plans", "Corrective action plans that missed their deadline.", KpiGroup.Social),
        new("grievances_filed", "grievances", "Grievances workers filed through the mechanism.", KpiGroup.Social),
        new("grievances_resolved_locally", "grievances", "Grievances the supplier resolved itself (capability at or above the threshold).", KpiGroup.Social),
        new("grievances_escalated", "grievances", "Grievances escalated to the buyers.", KpiGroup.Social),
        new("mean_grievance_resolution_days", "days", "Mean days from filing to the fix, over grievances whose violation was fixed (0 if none).", KpiGroup.Social),
        new("social_compliance_index", "0-100", "100 * (1 - supplier-days with an open violation / active supplier-days).", KpiGroup.Social),
        new("mean_capability", "0..1", "Mean capability of the suppliers still in the chain at the horizon.", KpiGroup.Social),
        new("suspended_supplier_days", "supplier-days", "Time suppliers spent with orders suspended by buyers, summed.", KpiGroup.Social),
        new("audits", "audits", "Audits carried out (a shared coalition audit counts once).", KpiGroup.Social),
        new("detained_shipments", "shipments", "Shipments into buyers or distribution centres detained under an import ban.", KpiGroup.Social),
        new("detained_units", "units", "Units in detained shipments.", KpiGroup.Social),
        new("audit_cost", "currency", "Audits and follow-up audits, all programmes.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("audit_cost_per_buyer", "currency", "audit_cost / number of buyers funding audit programmes (0 if none).", KpiGroup.Cost) { Part = ModelPart.Social },
        new("programme_cost", "currency", "Capacity building: cost per supplier-month times enrolled supplier-months.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("penalty_cost", "currency", "Due-diligence penalties charged at enforced reviews: audit gaps, overdue violations, harm where diligence was inadequate, irresponsible exits.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("certification_cost", "currency", "Certification premiums buyers paid certified suppliers per unit made.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("grievance_escalation_cost", "currency", "Buyers' cost of handling escalated grievances.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("social_cost", "currency", "audit_cost + programme_cost + penalty_cost + certification_cost + grievance_escalation_cost + remediation_support_cost.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("remediation_cost", "currency", "What suppliers paid to fix violations.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("scf_discount_cost", "currency", "Discount suppliers gave up for early payment under supply-chain finance.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("scf_early_payments", "currency", "Amounts paid early to suppliers under supply-chain finance (after the discount).", KpiGroup.Cost) { Part = ModelPart.Social },
        new("capability_cost_savings", "currency", "Suppliers' unit-cost savings from capability gained in capacity building.", KpiGroup.Cost) { Part = ModelPart.Social },
        new("revenue", "currency", "Buyers' sales: units that left their stock for end customers times the stream's selling price.", KpiGroup.Cost),
        new("gross_profit", "currency", "revenue - total_cost (negative when the buyers lose money).", KpiGroup.Cost) { Range = new KpiRange(double.NegativeInfinity, double.PositiveInfinity) },
        new("customer_orders", "orders", "End-customer orders placed with buyers.", KpiGroup.Service),
        new("customer_orders_delivered", "orders", "End-customer orders whose last units reached the customer (after the delivery leg) in the measured period.", KpiGroup.Service),
        new("customer_units_received", "units", "Units that reached end customers (after the delivery leg) in the measured period.", KpiGroup.Service),
        new("replenishment_orders_received", "shipments", "Replenishment shipments that reached buyers (an order filled in parts counts each part).", KpiGroup.Service),
        new("replenishment_units_received", "units", "Units of those shipments.", KpiGroup.Service),
        new("mean_order_lead_time_days", "days", "Mean time from a buyer's replenishment order to the arrival of each of its shipments (0 if none arrived).", KpiGroup.Service),
        new("otif", "fraction", "End-customer orders placed in the measured period that were met in full from stock and reached the customer before the horizon / customer orders (1 without orders).", KpiGroup.Service),
        new("bullwhip_ratio_tier_1", "ratio", "Variance of the weekly units ordered from tier-1 suppliers (by buyers and distribution centres) / variance of weekly end-customer demand, over the measured period's whole weeks (0 when undefined).", KpiGroup.Network),
        new("bullwhip_ratio_tier_2", "ratio", "Variance of the weekly units ordered from tier-2 suppliers (by tier 1) / variance of weekly end-customer demand (0 when undefined).", KpiGroup.Network),
        new("bullwhip_ratio_tier_3", "ratio", "Variance of the weekly units ordered from tier-3 suppliers (by tier 2) / variance of weekly end-customer demand (0 when undefined).", KpiGroup.Network),
        new("resourcing_events", "events", "Lost sources (exit, suspension, termination, long outage) whose share a sourcing stock moved, one per stock and loss.", KpiGroup.Network),
        new("onboardings", "sources", "Backup candidates whose onboarding started.", KpiGroup.Network),
        new("onboarding_cost", "currency", "Cost of onboarding backup candidates (qualification audit, sampling); part of total_cost.", KpiGroup.Cost),
        new("days_without_full_supply", "stock-days", "Time sourcing stocks had less than their full share placed with sources taking orders, summed over stocks.", KpiGroup.Network),
        new("sourcing_hhi_tier_1", "0..1", "Concentration of sourcing from tier 1: time average of the mean over buyers' and distribution centres' stocks of the HHI of their current shares.", KpiGroup.Network),
        new("sourcing_hhi_tier_2", "0..1", "As sourcing_hhi_tier_1, for stocks buying from tier 2.", KpiGroup.Network),
        new("sourcing_hhi_tier_3", "0..1", "As sourcing_hhi_tier_1, for stocks buying from tier 3.", KpiGroup.Network),
        new("outcome_linked_discount_cost", "currency", "What outcome-linked finance's rate discount was worth to the suppliers that met its target: the offer's cost.", KpiGroup.Cost),
        new("capability_investment_cost", "currency", "What responsive suppliers spent on their own capability (supplier_response).", KpiGroup.Cost),
        new("expedited_remediations", "violations", "Fixes responsive suppliers brought forward to a corrective-action deadline under a suspend or exit response (their cost is in remediation_cost).", KpiGroup.Social),
        new("expected_penalty_cost", "currency", "Due-diligence penalties assessed at every review times the enforcement probability (penalty_cost's expectation given the breaches).", KpiGroup.Cost),
        new("severity_weighted_exposure", "weighted worker-days", "worker_exposure_days with each category's worker-days times its severity_weight (forced labour weighs more than overtime).", KpiGroup.Social),
        new("remediation_support_cost", "currency", "The buyers' share of suppliers' remediation costs (buyers' remediation_cost_share); part of social_cost.", KpiGroup.Cost),
    ];

    /// <summary>
    /// The part of the model the KPI or time-series metric named <paramref name="name"/> measures
    /// (<see cref="Kpi.Part"/>), looked up in this catalogue, then in <see cref="TimeSeriesCatalog"/>.
    /// </summary>
    /// <returns>The part, or null when neither catalogue has the name.</returns>
    public static ModelPart? PartOf(string name)
    {
        int kpi = IndexOf(name);
        if (kpi >= 0)
        {
            return Items[kpi].Part;
        }

        int metric = TimeSeriesCatalog.IndexOf(name);
        return metric >= 0 ? TimeSeriesCatalog.All[metric].Part : null;
    }

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
