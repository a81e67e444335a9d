using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Reading;

/// <summary>What kind of node or entity a social section names.</summary>
internal enum SocialReferenceKind
{
    Buyer,
    Supplier,
    Region,
    Market,
}

/// <summary>A name in the social section that the builder must resolve, and where it was written.</summary>
internal sealed record SocialReference(SocialReferenceKind Kind, string Id, SNode Node, string Path);

/// <summary>The social section as read, with the names it uses (resolved by the builder).</summary>
internal sealed class SocialSpec
{
    public required SocialDefinition Definition { get; init; }

    public required IReadOnlyList<SocialReference> References { get; init; }
}

/// <summary>
/// Reads the <c>social</c> section (<see cref="SocialFormat"/>) into a <see cref="SocialDefinition"/>:
/// types and ranges through <see cref="MapReader"/>, choices in lists (sizes, segments, categories),
/// and the consistency of pairs (thresholds, tiers, days) here; references are left to the builder.
/// </summary>
internal sealed class SocialReader
{
    private readonly List<SocialReference> _references = [];

    private SocialReader()
    {
    }

    public static SocialSpec? Read(MapReader root)
    {
        MapReader? social = root.Object("social");
        return social is null ? null : new SocialReader().ReadSocial(social);
    }

    private SocialSpec ReadSocial(MapReader social)
    {
        var definition = new SocialDefinition
        {
            Compliance = social.Object("compliance") is { } compliance ? ReadCompliance(compliance) : new ComplianceDefinition(),
            Segmentation = social.Object("segmentation") is { } segmentation ? ReadSegmentation(segmentation) : new SegmentationDefinition(),
            CorrectiveActions = social.Object("corrective_actions") is { } actions ? ReadCorrectiveActions(actions) : new CorrectiveActionDefinition(),
            Grievances = social.Object("grievances") is { } grievances ? ReadGrievances(grievances) : new GrievanceMechanismDefinition(),
            AuditProgrammes = [.. social.Items("audit_programmes").Select(ReadAuditProgramme)],
            CapacityBuilding = [.. social.Items("capacity_building").Select(ReadCapacityBuilding)],
            SupplyChainFinance = [.. social.Items("supply_chain_finance").Select(ReadSupplyChainFinance)],
            DirectLending = [.. social.Items("direct_lending").Select(ReadDirectLending)],
            Certifications = [.. social.Items("certifications").Select(ReadCertification)],
            DueDiligence = social.Object("due_diligence") is { } law ? ReadDueDiligence(law) : null,
            ImportBan = social.Object("import_ban") is { } ban ? ReadImportBan(ban) : null,
            SupplierResponse = social.Object("supplier_response") is { } response ? ReadSupplierResponse(response) : new SupplierResponseDefinition(),
        };
        if (definition.CapacityBuilding.Count > 64)
        {
            social.Errors.Inconsistent(social.At("capacity_building"), social.FieldPathOf("capacity_building"), "at most 64 capacity-building programmes are supported");
        }

        return new SocialSpec { Definition = definition, References = _references };
    }

    private static ComplianceDefinition ReadCompliance(MapReader r)
    {
        var categories = new List<ViolationCategoryDefinition>();
        for (int c = 0; c < SocialFormat.Categories.Count; c++)
        {
            if (r.Object(SocialFormat.Categories[c]) is { } category)
            {
                categories.Add(new ViolationCategoryDefinition(
                    (ViolationCategory)c,
                    category.Number("violations_per_supplier_year"),
                    category.Number("exposed_worker_share"))
                {
                    SeverityWeight = category.Number("severity_weight"),
                });
            }
        }

        return new ComplianceDefinition
        {
            Categories = categories,
            ReviewDays = r.Number("review_days"),
            InitialViolationsPerSupplier = r.Number("initial_violations_per_supplier"),
            CapabilityReduction = r.Number("capability_reduction"),
            EnforcementDeterrence = r.Number("enforcement_deterrence"),
            UtilisationThreshold = r.Number("utilisation_threshold"),
            UtilisationWeight = r.Number("utilisation_weight"),
            LiquidityStressWeight = r.Number("liquidity_stress_weight"),
            SqueezeBacklogDays = r.Number("squeeze_backlog_days"),
            SqueezeWeight = r.Number("squeeze_weight"),
            RemediationDays = r.Distribution("remediation_days") ?? Distribution.Constant(60),
            RemediationCostDays = r.Number("remediation_cost_days"),
            AssistedRemediationFactor = r.Number("assisted_remediation_factor"),
        };
    }

    private static SegmentationDefinition ReadSegmentation(MapReader r)
    {
        double high = r.Number("high_threshold");
        double medium = r.Number("medium_threshold");
        if (medium > high)
        {
            r.Errors.Inconsistent(r.At("medium_threshold"), r.FieldPathOf("medium_threshold"),
                InvariantText.Format($"medium_threshold ({medium}) must not exceed high_threshold ({high})"));
        }

        return new SegmentationDefinition
        {
            Method = r.Choice("method") == "expected_harm" ? RiskScoreMethod.ExpectedHarm : RiskScoreMethod.Indicators,
            HighThreshold = high,
            MediumThreshold = medium,
        };
    }

    private static CorrectiveActionDefinition ReadCorrectiveActions(MapReader r) => new()
    {
        DeadlineDays = r.Number("deadline_days"),
        Response = ResponseOf(r.Choice("response")),
        FollowUpAuditCost = r.Number("follow_up_audit_cost"),
        ExitNoticeDays = r.Number("exit_notice_days"),
    };

    private static GrievanceMechanismDefinition ReadGrievances(MapReader r) => new()
    {
        AlwaysEscalate = Categories(r, "always_escalate"),
        ReportsPerViolationYear = r.Number("reports_per_violation_year"),
        Trust = r.Number("trust"),
        LocalResolutionCapability = r.Number("local_resolution_capability"),
        LocalResolutionDays = r.Number("local_resolution_days"),
        EscalationCost = r.Number("escalation_cost"),
    };

    private AuditProgrammeDefinition ReadAuditProgramme(MapReader r)
    {
        MapReader? intervals = r.Object("interval_days");
        var (detection, detectionChanges) = r.Schedule("detection_probability");
        var (cost, costChanges) = r.Schedule("cost_per_audit");
        (double start, double end) = Window(r);
        List<string> buyers = References(r, "buyers", SocialReferenceKind.Buyer);
        if (r.Value("buyers") is SSeq { Items.Count: 0 })
        {
            r.Errors.Inconsistent(r.At("buyers"), r.FieldPathOf("buyers"), "an audit programme needs at least one buyer");
        }

        return new AuditProgrammeDefinition
        {
            Id = r.Text("id") ?? "",
            Buyers = buyers,
            Target = Target(r),
            Unannounced = r.Choice("type") == "unannounced",
            DetectionProbability = detection,
            DetectionProbabilityChanges = detectionChanges,
            CostPerAudit = cost,
            CostPerAuditChanges = costChanges,
            IntervalDaysHigh = intervals?.Number("high") ?? 180,
            IntervalDaysMedium = intervals?.Number("medium") ?? 365,
            IntervalDaysLow = intervals?.Number("low") ?? 730,
            StartDay = start,
            EndDay = end,
        };
    }

    private CapacityBuildingDefinition ReadCapacityBuilding(MapReader r)
    {
        (double start, double end) = Window(r);
        return new CapacityBuildingDefinition
        {
            Id = r.Text("id") ?? "",
            Funders = References(r, "funders", SocialReferenceKind.Buyer),
            Target = Target(r),
            MaxSuppliers = r.Integer("max_suppliers"),
            CostPerSupplierMonth = r.Number("cost_per_supplier_month"),
            DurationDays = r.Number("duration_days"),
            CapabilityGainPerYear = r.Number("capability_gain_per_year"),
            ProductivityGain = r.Number("productivity_gain"),
            CarbonReduction = r.Number("carbon_reduction"),
            CapacityGain = r.Number("capacity_gain"),
            StartDay = start,
            EndDay = end,
            WhileLawApplies = r.Choice("while_law_applies") == "true",
        };
    }

    private SupplyChainFinanceDefinition ReadSupplyChainFinance(MapReader r)
    {
        (double start, double end) = Window(r);
        string buyer = r.Text("buyer") ?? "";
        var (rate, rateChanges) = r.Schedule("annual_rate");
        if (r.Has("buyer"))
        {
            _references.Add(new SocialReference(SocialReferenceKind.Buyer, buyer, r.At("buyer"), r.FieldPathOf("buyer")));
        }

        return new SupplyChainFinanceDefinition
        {
            Id = r.Text("id") ?? "",
            Buyer = buyer,
            Target = Target(r),
            PayAfterDays = r.Number("pay_after_days"),
            AnnualRate = rate,
            AnnualRateChanges = rateChanges,
            CapabilityTarget = r.Has("capability_target") ? r.Number("capability_target") : double.NaN,
            RateDiscount = r.Number("rate_discount"),
            StartDay = start,
            EndDay = end,
        };
    }

    private DirectLendingDefinition ReadDirectLending(MapReader r) => new()
    {
        Id = r.Text("id") ?? "",
        Target = Target(r),
        AnnualRate = r.Number("annual_rate"),
        LimitDaysOfCost = r.Number("limit_days_of_cost"),
        StartDay = r.Number("start_day"),
    };

    private CertificationDefinition ReadCertification(MapReader r) => new()
    {
        Id = r.Text("id") ?? "",
        HazardFactor = r.Number("hazard_factor"),
        PremiumPerUnit = r.Number("premium_per_unit"),
        AnnualFeeDays = r.Number("annual_fee_days"),
        Adopters = r.Object("adopters") is { } adopters ? ReadTarget(adopters) : null,
        AdoptionDay = r.Number("adoption_day"),
        SuspendOn = Categories(r, "suspend_on"),
    };

    private DueDiligenceDefinition ReadDueDiligence(MapReader r)
    {
        (double start, double end) = Window(r);
        MapReader? required = r.Object("required_audit_interval_days");
        MapReader? penalties = r.Object("penalties");
        var (enforcement, enforcementChanges) = r.Schedule("enforcement_probability");
        MapReader? overdue = penalties?.Object("overdue");
        PenaltySize overdueSize = Penalty(overdue);
        double perViolation = r.Number("penalty_per_violation");
        if (overdue is not null && overdue.Has("fixed"))
        {
            if (r.Has("penalty_per_violation"))
            {
                r.Errors.OneOf(r.Map, r.FieldPathOf("penalty_per_violation"), "penalty_per_violation", "penalties.overdue.fixed", both: true);
            }

            perViolation = overdueSize.Fixed;
        }

        return new DueDiligenceDefinition
        {
            StartDay = start,
            EndDay = end,
            Markets = References(r, "markets", SocialReferenceKind.Market),
            ReviewDays = r.Number("review_days"),
            EnforcementProbability = enforcement,
            EnforcementProbabilityChanges = enforcementChanges,
            PenaltyPerViolation = perViolation,
            OverdueExtra = overdueSize with { Fixed = 0 },
            AuditGapPenalty = Penalty(penalties?.Object("audit_gap")),
            HarmPenalty = Penalty(penalties?.Object("harm")),
            ExitPenalty = Penalty(penalties?.Object("exit")),
            RequiredAuditIntervalHigh = required?.Number("high") ?? double.PositiveInfinity,
            RequiredAuditIntervalMedium = required?.Number("medium") ?? double.PositiveInfinity,
            RequiredAuditIntervalLow = required?.Number("low") ?? double.PositiveInfinity,
            ResponsibleExitNoticeDays = r.Number("responsible_exit_notice_days"),
            Response = r.Choice("response") switch
            {
                "meet_duty" => AuditResponseRule.MeetDuty,
                "cost_benefit" => AuditResponseRule.CostBenefit,
                _ => AuditResponseRule.Factor,
            },
            AuditIntervalFactor = r.Number("audit_interval_factor"),
            Engagement = r.Has("engagement") ? ResponseOf(r.Choice("engagement")) : null,
        };
    }

    private static BuyerResponse ResponseOf(string word) => word switch
    {
        "suspend" => BuyerResponse.Suspend,
        "exit" => BuyerResponse.Exit,
        _ => BuyerResponse.Engage,
    };

    private static SupplierResponseDefinition ReadSupplierResponse(MapReader r) => new()
    {
        Rule = r.Choice("rule") == "responsive" ? SupplierResponseRule.Responsive : SupplierResponseRule.Passive,
        CapabilityGainPerYear = r.Number("capability_gain_per_year"),
        InvestmentCostDaysPerYear = r.Number("investment_cost_days_per_year"),
        PlanningHorizonDays = r.Number("planning_horizon_days"),
        CashReserveDays = r.Number("cash_reserve_days"),
        ExpediteCostDaysPerDaySaved = r.Number("expedite_cost_days_per_day_saved"),
    };

    private static PenaltySize Penalty(MapReader? r) =>
        r is null ? PenaltySize.None : new PenaltySize(r.Number("fixed"), r.Number("per_worker_day"), r.Number("share_of_purchases"));

    private ImportBanDefinition ReadImportBan(MapReader r)
    {
        (double start, double end) = Window(r);
        return new ImportBanDefinition
        {
            StartDay = start,
            EndDay = end,
            Markets = References(r, "markets", SocialReferenceKind.Market),
            Categories = r.Has("categories") ? Categories(r, "categories") : new ImportBanDefinition().Categories,
        };
    }

    private static (double Start, double End) Window(MapReader r)
    {
        double start = r.Number("start_day");
        double end = r.Number("end_day");
        if (end < start)
        {
            r.Errors.Inconsistent(r.At("end_day"), r.FieldPathOf("end_day"), InvariantText.Format($"end_day ({end}) must not be before start_day ({start})"));
        }

        return (start, end);
    }

    private SupplierTarget Target(MapReader r) => r.Object("target") is { } target ? ReadTarget(target) : SupplierTarget.All;

    private SupplierTarget ReadTarget(MapReader r) => ReadTarget(r, _references);

    /// <summary>A target (or an alert's filter, which has no segments): tiers, sizes, segments, regions and suppliers; names go to <paramref name="references"/>.</summary>
    internal static SupplierTarget ReadTarget(MapReader r, List<SocialReference> references)
    {
        int min = r.Integer("min_tier");
        int max = r.Integer("max_tier");
        if (max < min)
        {
            r.Errors.Inconsistent(r.At("max_tier"), r.FieldPathOf("max_tier"), InvariantText.Format($"max_tier ({max}) must not be below min_tier ({min})"));
        }

        return new SupplierTarget
        {
            MinTier = min,
            MaxTier = max >= SocialFormat.MaxTier ? int.MaxValue : max,
            Sizes = [.. Choices(r, "sizes", ScenarioFormat.Sizes).Select(i => (SizeClass)i)],
            Segments = [.. Choices(r, "segments", SocialFormat.Segments).Select(i => (RiskSegment)i)],
            Regions = References(r, "regions", SocialReferenceKind.Region, references),
            Suppliers = References(r, "suppliers", SocialReferenceKind.Supplier, references),
        };
    }

    /// <summary>The text items of a list with the node of each, after <see cref="MapReader.Texts"/> has reported any wrong type.</summary>
    private static List<(string Text, SNode Node)> TextItems(MapReader r, string key)
    {
        r.Texts(key);
        var items = new List<(string, SNode)>();
        if (r.Value(key) is SSeq seq)
        {
            foreach (SNode item in seq.Items)
            {
                if (item is SScalar { IsNull: false } scalar)
                {
                    items.Add((scalar.Value, item));
                }
            }
        }

        return items;
    }

    private static List<ViolationCategory> Categories(MapReader r, string key) =>
        [.. Choices(r, key, SocialFormat.Categories).Select(i => (ViolationCategory)i)];

    /// <summary>The positions in <paramref name="choices"/> of a list's words; unknown words are reported and skipped.</summary>
    internal static List<int> Choices(MapReader r, string key, IReadOnlyList<string> choices)
    {
        var picked = new List<int>();
        foreach ((string text, SNode node) in TextItems(r, key))
        {
            int index = choices.ToList().IndexOf(text);
            if (index < 0)
            {
                r.Errors.UnknownChoice(node, r.FieldPathOf(key), text, choices);
            }
            else
            {
                picked.Add(index);
            }
        }

        return picked;
    }

    private List<string> References(MapReader r, string key, SocialReferenceKind kind) => References(r, key, kind, _references);

    private static List<string> References(MapReader r, string key, SocialReferenceKind kind, List<SocialReference> references)
    {
        var ids = new List<string>();
        foreach ((string text, SNode node) in TextItems(r, key))
        {
            ids.Add(text);
            references.Add(new SocialReference(kind, text, node, r.FieldPathOf(key)));
        }

        return ids;
    }
}
