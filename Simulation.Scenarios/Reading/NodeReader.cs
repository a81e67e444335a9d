using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Reading;

/// <summary>Reads buyers, distribution centres and suppliers (one by one, generated or imported) into <see cref="NodeSpec"/>s.</summary>
internal static class NodeReader
{
    /// <summary>Reads one node; null when it has no usable id (the problem is already reported).</summary>
    /// <param name="reader">The node's mapping.</param>
    /// <param name="role">Buyer, distribution centre or supplier.</param>
    /// <param name="id">The id of a generated group member; null to read the mapping's own <c>id</c>.</param>
    /// <param name="group">The group or import that generated it, if any.</param>
    public static NodeSpec? Read(MapReader reader, NodeRole role, string? id = null, string? group = null)
    {
        id ??= reader.Text("id");
        if (id is null)
        {
            return null;
        }

        bool supplier = role == NodeRole.Supplier;
        string region = reader.Text("region") ?? "";
        string product = reader.Text("product") ?? "";

        StockSpec stock = ReadStock(reader.Object("inventory"), product, reader.At("product"), reader, includeSources: !supplier);
        List<StockSpec> inputs = [];
        if (supplier)
        {
            foreach (MapReader input in reader.Items("inputs"))
            {
                string inputProduct = input.Text("product") ?? "";
                inputs.Add(ReadStock(input, inputProduct, input.At("product"), input, includeSources: true));
            }
        }

        var (terms, termsChanges) = reader.Schedule("payment_terms_days");
        List<DemandDefinition> demand = role == NodeRole.Buyer ? ReadDemand(reader) : [];
        NodeDefinition definition = new()
        {
            Id = id,
            Role = role,
            RegionId = region,
            ProductId = product,
            Group = group,
            Stock = stock.Definition,
            Inputs = [.. inputs.Select(i => i.Definition)],
            Shortage = supplier || reader.Choice("shortage") == "backorder" ? ShortagePolicy.Backorder : ShortagePolicy.LostSales,
            HoldingCostPerUnitDay = reader.Number("holding_cost_per_unit_day"),
            PaymentTermsDays = terms,
            PaymentTermsDaysChanges = termsChanges,
            Demand = demand.Count > 0 ? demand[0] : null,
            DemandStreams = demand,
            LeadTimeDays = role == NodeRole.Buyer ? Distribution.Constant(0) : reader.Distribution("lead_time_days") ?? Distribution.Constant(0),
        };

        if (!supplier)
        {
            definition = definition with
            {
                Markets = ReadMarkets(reader),
                RemediationCostShare = role == NodeRole.Buyer ? reader.Number("remediation_cost_share") : 0,
            };
        }

        if (supplier)
        {
            definition = definition with
            {
                Tier = reader.Integer("tier"),
                Size = reader.Choice("size") switch
                {
                    "micro" => SizeClass.Micro,
                    "small" => SizeClass.Small,
                    "large" => SizeClass.Large,
                    _ => SizeClass.Medium,
                },
                CapacityPerDay = reader.Number("capacity_per_day"),
                BatchSize = reader.Number("batch_size"),
                UnitCost = reader.Number("unit_cost"),
                Price = reader.Number("price"),
                FixedCostPerDay = reader.Number("fixed_cost_per_day"),
                Workers = reader.Integer("workers"),
                WageToLivingWage = reader.Number("wage_to_living_wage"),
                Capability = reader.Number("capability"),
                StartingCashDays = reader.Number("starting_cash_days"),
                PaymentTermsPassThrough = reader.Number("payment_terms_pass_through"),
                AlternativeMargin = reader.Number("alternative_margin"),
                Co2eKgPerUnit = reader.Number("co2e_kg_per_unit"),
                WaterLPerUnit = reader.Number("water_l_per_unit"),
                Certifications = reader.Texts("certifications"),
            };
        }

        return new NodeSpec
        {
            Definition = definition,
            Node = reader.Map,
            IdNode = reader.At("id"),
            Path = reader.Path,
            RegionNode = reader.At("region"),
            ProductNode = reader.At("product"),
            Stock = stock,
            Inputs = inputs,
            InputsNode = reader.At("inputs"),
            InputsPath = reader.FieldPathOf("inputs"),
        };
    }

    /// <summary>Reads a node's own disruption (suppliers only), if it has one.</summary>
    public static DisruptionSpec? ReadOwnDisruption(MapReader reader, NodeSpec node)
    {
        MapReader? disruption = reader.Object("disruption");
        if (disruption is null)
        {
            return null;
        }

        return new DisruptionSpec
        {
            Definition = new DisruptionDefinition
            {
                Id = node.Definition.Id + "/disruption",
                Scope = DisruptionScope.Supplier,
                TargetId = node.Definition.Id,
                TimeBetweenDays = disruption.Distribution("time_between_days") ?? Distribution.Constant(1),
                DurationDays = disruption.Distribution("duration_days") ?? Distribution.Constant(0),
                CapacityLost = disruption.Number("capacity_lost"),
            },
            Node = disruption.Map,
            IdNode = disruption.Map,
            TargetNode = node.IdNode,
            Path = disruption.Path,
        };
    }

    /// <summary>Reads a stock: <paramref name="stock"/> holds initial, policy and capacity; <paramref name="owner"/> holds the sources.</summary>
    private static StockSpec ReadStock(MapReader? stock, string product, SNode productNode, MapReader owner, bool includeSources)
    {
        double initial = stock?.Number("initial") ?? 0;
        bool steadyState = stock?.Word("initial") == ScenarioFormat.SteadyState;
        double capacity = stock?.Number("capacity") ?? double.PositiveInfinity;
        if (stock is not null && initial > capacity)
        {
            stock.Errors.Inconsistent(stock.At("initial"), stock.FieldPathOf("initial"), InvariantText.Format($"initial ({initial}) is more than the capacity ({capacity})"));
        }

        InventoryPolicy policy = ReadPolicy(stock?.Object("policy"));
        if (steadyState && policy.Kind == InventoryPolicyKind.None)
        {
            stock!.Errors.Inconsistent(stock.At("initial"), stock.FieldPathOf("initial"), "steady_state needs a replenishment policy (the policy defines the steady state); give a number or a policy");
        }

        bool complete = true;
        List<SourceSpec> sources = includeSources ? ReadSources(owner, out complete) : [];
        return new StockSpec
        {
            Definition = new StockDefinition
            {
                ProductId = product,
                InitialStock = initial,
                InitialSteadyState = steadyState,
                Policy = policy,
                Capacity = capacity,
                Sourcing = includeSources && owner.Choice("sourcing") == "one_per_order" ? SourcingMode.OnePerOrder : SourcingMode.Split,
                Resourcing = includeSources ? ReadResourcing(owner.Object("resourcing")) : null,
            },
            Node = stock?.Map ?? owner.Map,
            ProductNode = productNode,
            Path = stock?.Path ?? owner.Path,
            Sources = sources,
            SourcesNode = owner.At("sources"),
            SourcesPath = owner.FieldPathOf("sources"),
            SharesComplete = complete,
        };
    }

    private static List<SourceSpec> ReadSources(MapReader owner, out bool complete)
    {
        if (owner.Value("sources") is SSeq { Anchor: not null } shared && owner.Context.Sampler is null)
        {
            if (!owner.Context.SharedSources.TryGetValue(shared, out var read))
            {
                read.Sources = ReadSourceList(owner, out read.Complete);
                owner.Context.SharedSources.Add(shared, read);
            }

            complete = read.Complete;
            return read.Sources;
        }

        return ReadSourceList(owner, out complete);
    }

    private static List<SourceSpec> ReadSourceList(MapReader owner, out bool complete)
    {
        IReadOnlyList<MapReader> items = owner.Items("sources");
        complete = owner.Value("sources") is not SSeq list || list.Items.Count == items.Count;
        var sources = new List<SourceSpec>(items.Count);
        foreach (MapReader source in items)
        {
            string? supplier = source.Text("supplier");
            string? group = source.Text("group");
            if ((supplier is null) == (group is null))
            {
                source.Errors.OneOf(source.Map, source.FieldPathOf("supplier"), "supplier", "group", both: supplier is not null);
                complete = false;
                continue;
            }

            bool backup = source.Boolean("backup");
            bool hasPick = source.Has("pick");
            if (hasPick && supplier is not null)
            {
                source.Errors.NotApplicable(source.At("pick"), source.FieldPathOf("pick"), "pick", "a single supplier (only to {group: ..., pick: k})");
            }

            bool unpickedAsBackup = source.Boolean("unpicked_as_backup");
            if (source.Has("unpicked_as_backup") && (!hasPick || backup))
            {
                source.Errors.NotApplicable(source.At("unpicked_as_backup"), source.FieldPathOf("unpicked_as_backup"), "unpicked_as_backup", backup ? "a backup source" : "a source without pick");
            }

            if (backup && source.Has("share"))
            {
                source.Errors.NotApplicable(source.At("share"), source.FieldPathOf("share"), "share", "a backup source (it has none until it is onboarded)");
            }
            else if (!backup && !source.Has("share"))
            {
                source.Errors.MissingKey(source.Map, source.FieldPathOf("share"), "share", source.Path);
                complete = false;
            }

            sources.Add(new SourceSpec
            {
                SupplierId = supplier,
                GroupId = group,
                ReferenceNode = source.At(supplier is null ? "group" : "supplier"),
                Path = source.Path,
                Pick = hasPick && supplier is null ? source.Integer("pick") : null,
                PickNode = source.At("pick"),
                UnpickedAsBackup = unpickedAsBackup && !backup,
                Template = new SourceLink
                {
                    SupplierId = "",
                    Share = backup ? 0 : source.Number("share"),
                    Backup = backup,
                    LeadTimeDays = source.Distribution("lead_time_days"),
                    TransportCostPerUnit = source.Number("transport_cost_per_unit"),
                    TransportCostPerOrder = source.Number("transport_cost_per_order"),
                    TransportCo2eKgPerUnit = source.Number("transport_co2e_kg_per_unit"),
                },
            });
        }

        return sources;
    }

    /// <summary>A <c>resourcing</c> mapping (top level or a stock's); null when absent.</summary>
    public static ResourcingDefinition? ReadResourcing(MapReader? resourcing)
    {
        if (resourcing is null)
        {
            return null;
        }

        return new ResourcingDefinition
        {
            Rule = resourcing.Choice("rule") switch
            {
                "cheapest" => ReallocationRule.Cheapest,
                "lowest_risk" => ReallocationRule.LowestRisk,
                _ => ReallocationRule.Proportional,
            },
            OutageToleranceDays = resourcing.Number("outage_tolerance_days"),
            OnboardingLeadTimeDays = resourcing.Number("onboarding_lead_time_days"),
            OnboardingCost = resourcing.Number("onboarding_cost"),
            Reinstatement = resourcing.Choice("reinstatement") == "backup" ? ReinstatementRule.Backup : ReinstatementRule.Restore,
        };
    }

    private static InventoryPolicy ReadPolicy(MapReader? policy)
    {
        if (policy is null)
        {
            return InventoryPolicy.None;
        }

        string type = policy.Choice("type");
        (InventoryPolicyKind kind, string[] required, string[] optional) = type switch
        {
            "base_stock" => (InventoryPolicyKind.BaseStock, new[] { "review_period_days", "order_up_to" }, Array.Empty<string>()),
            "min_max" => (InventoryPolicyKind.MinMax, ["reorder_point", "order_up_to"], ["review_period_days"]),
            "rq" => (InventoryPolicyKind.ReorderPointQuantity, ["reorder_point", "order_quantity"], []),
            "fixed_quantity" => (InventoryPolicyKind.FixedQuantity, ["order_quantity", "review_period_days"], []),
            _ => (InventoryPolicyKind.None, [], []),
        };

        foreach (SEntry entry in policy.Map.Entries)
        {
            string key = entry.Key.Value;
            if (key != "type" && policy.Schema.Find(key) is not null && !required.Contains(key) && !optional.Contains(key))
            {
                policy.Errors.NotApplicable(entry.Key, policy.FieldPathOf(key), key, "policy type " + type);
            }
        }

        foreach (string key in required)
        {
            if (!policy.Has(key))
            {
                policy.Errors.MissingKey(policy.Map, policy.FieldPathOf(key), key, policy.Path + " (" + type + ")");
            }
        }

        var result = new InventoryPolicy
        {
            Kind = kind,
            ReviewPeriodDays = policy.Number("review_period_days"),
            ReorderPoint = policy.Number("reorder_point"),
            OrderUpTo = policy.Number("order_up_to"),
            OrderQuantity = policy.Number("order_quantity"),
        };

        if (kind == InventoryPolicyKind.MinMax && policy.Has("order_up_to") && policy.Has("reorder_point") && result.OrderUpTo < result.ReorderPoint)
        {
            policy.Errors.Inconsistent(
                policy.At("order_up_to"),
                policy.FieldPathOf("order_up_to"),
                InvariantText.Format($"order_up_to ({result.OrderUpTo}) must be >= reorder_point ({result.ReorderPoint})"));
        }

        if (kind == InventoryPolicyKind.FixedQuantity && policy.Has("review_period_days") && result.ReviewPeriodDays <= 0)
        {
            policy.Errors.Inconsistent(
                policy.At("review_period_days"),
                policy.FieldPathOf("review_period_days"),
                "fixed_quantity orders every review period, so review_period_days must be > 0");
        }

        return result;
    }

    /// <summary>Reads a buyer's demand: one stream, or a list of streams with distinct ids.</summary>
    private static List<DemandDefinition> ReadDemand(MapReader buyer)
    {
        IReadOnlyList<MapReader> items = buyer.OneOrMany("demand");
        var streams = new List<DemandDefinition>(items.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (MapReader stream in items)
        {
            string? id = stream.Text("id");
            if (id is not null && !ids.Add(id))
            {
                stream.Errors.Inconsistent(stream.At("id"), stream.FieldPathOf("id"), $"demand stream id '{id}' is used twice in this buyer");
            }

            streams.Add(ReadStream(stream, id));
        }

        return streams;
    }

    private static DemandDefinition ReadStream(MapReader demand, string? id)
    {
        MapReader? seasonality = demand.Object("seasonality");
        MapReader? delivery = demand.Object("delivery");
        return new DemandDefinition
        {
            Id = id,
            Quantity = demand.Distribution("quantity") ?? Distribution.Constant(0),
            InterarrivalDays = demand.Distribution("interarrival_days") ?? Distribution.Constant(1),
            FirstOrderDay = demand.Number("first_order_day"),
            SeasonalAmplitude = seasonality?.Number("amplitude") ?? 0,
            SeasonalPeriodDays = seasonality?.Number("period_days") ?? 365,
            SeasonalPeakDay = seasonality?.Number("peak_day") ?? 0,
            SellingPrice = demand.Number("selling_price"),
            Delivery = delivery is null ? null : new CustomerDeliveryDefinition
            {
                LeadTimeDays = delivery.Distribution("lead_time_days") ?? Distribution.Constant(0),
                CostPerOrder = delivery.Number("cost_per_order"),
                CostPerUnit = delivery.Number("cost_per_unit"),
                Co2eKgPerUnit = delivery.Number("co2e_kg_per_unit"),
            },
        };
    }

    /// <summary><c>market</c> (one) or <c>markets</c> (several) of a buyer or distribution centre; both is an error.</summary>
    private static IReadOnlyList<string> ReadMarkets(MapReader reader)
    {
        IReadOnlyList<string> markets = reader.Texts("markets");
        if (reader.Text("market") is not { } market)
        {
            return markets;
        }

        if (reader.Has("markets"))
        {
            reader.Errors.OneOf(reader.Map, reader.FieldPathOf("market"), "market", "markets", both: true);
        }

        return [market];
    }
}
