using System.Globalization;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios.Imports;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Reading;

/// <summary>
/// Reads the resolved scenario document into a <see cref="ScenarioSpec"/>: every key checked against
/// the format, supplier groups expanded into their members (sampling their distributions), imported
/// tables turned into suppliers. References between entities are left to the builder.
/// </summary>
internal static class ScenarioReader
{
    public static ScenarioSpec Read(SMap root, Diagnostics errors, SourceFiles files, string scenarioDirectory)
    {
        var context = new ReadContext(errors);
        var reader = new MapReader(context, root, ScenarioFormat.Root, "");

        int errorsBefore = errors.Count;
        double horizon = reader.Number("horizon_days");
        double warmup = reader.Number("warmup_days");
        if (reader.Has("horizon_days") && errors.Count == errorsBefore && warmup >= horizon)
        {
            SNode warmupAt = reader.At("warmup_days");
            errors.Inconsistent(
                warmupAt,
                "warmup_days",
                InvariantText.Format($"warmup_days ({warmup}) must be less than horizon_days ({horizon}{WrittenElsewhere(reader.At("horizon_days"), warmupAt)})"));
        }

        MapReader? economics = reader.Object("economics");
        var spec = new ScenarioSpec
        {
            Root = root,
            Name = reader.Text("name") ?? "",
            Description = reader.Text("description") ?? "",
            HorizonDays = horizon,
            WarmupDays = warmup,
            StartDate = reader.Date("start_date"),
            Replications = reader.Integer("replications"),
            Seed = reader.Seed("seed"),
            Economics = economics is null
                ? new EconomicsDefinition()
                : new EconomicsDefinition
                {
                    InsolvencyExitDays = economics.Number("insolvency_exit_days"),
                    MarginReviewDays = economics.Number("margin_review_days"),
                    ProfitWithdrawalCashDays = economics.Number("profit_withdrawal_cash_days"),
                    ProfitWithdrawalShare = economics.Number("profit_withdrawal_share"),
                },
            Resourcing = NodeReader.ReadResourcing(reader.Object("resourcing")),
        };

        ReadRegions(reader, spec);
        ReadProducts(reader, spec);

        IReadOnlyList<MapReader> buyers = reader.Items("buyers");
        IReadOnlyList<MapReader> centres = reader.Items("distribution_centres");
        IReadOnlyList<MapReader> suppliers = reader.Items("suppliers");
        IReadOnlyList<MapReader> groups = reader.Items("supplier_groups");
        List<ImportedSuppliers> imports = [];
        foreach (MapReader import in reader.Items("import"))
        {
            imports.Add(SupplierImporter.Read(import, files, scenarioDirectory));
        }

        // Counts first, so that a group of ten million is refused before anything is generated.
        var counts = new List<(MapReader Group, string? Id, int Count, GroupSampler Sampler)>(groups.Count);
        long total = buyers.Count + centres.Count + suppliers.Count + imports.Sum(i => (long)i.Rows.Count);
        foreach (MapReader group in groups)
        {
            string? id = group.Text("id");
            var sampler = new GroupSampler(spec.Seed, id ?? "");
            var countReader = new MapReader(new ReadContext(errors, sampler), group.Map, group.Schema, group.Path);
            sampler.MemberId = group.Path;
            int count = group.Has("count") ? countReader.Integer("count") : 0;
            counts.Add((group, id, count, sampler));
            total += count;
        }

        if (total > ScenarioFormat.MaxNodes)
        {
            errors.TooManyNodes(root, total, ScenarioFormat.MaxNodes);
            spec.Expanded = false;
        }

        foreach (MapReader buyer in buyers)
        {
            Add(spec, NodeReader.Read(buyer, NodeRole.Buyer));
        }

        foreach (MapReader centre in centres)
        {
            Add(spec, NodeReader.Read(centre, NodeRole.DistributionCentre));
        }

        foreach (MapReader supplier in suppliers)
        {
            NodeSpec? node = NodeReader.Read(supplier, NodeRole.Supplier);
            Add(spec, node);
            AddOwnDisruption(spec, supplier, node);
        }

        foreach ((MapReader group, string? id, int count, GroupSampler sampler) in counts)
        {
            if (id is null)
            {
                continue;
            }

            var groupSpec = new GroupSpec { Id = id, Node = group.At("id"), Path = group.Path };
            spec.Groups.Add(groupSpec);
            if (!spec.Expanded)
            {
                continue;
            }

            var memberContext = new ReadContext(errors, sampler);
            int width = count.ToString(CultureInfo.InvariantCulture).Length;
            for (int n = 1; n <= count; n++)
            {
                string memberId = id + "-" + n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
                sampler.MemberId = memberId;
                var member = new MapReader(memberContext, group.Map, group.Schema, group.Path);
                NodeSpec? node = NodeReader.Read(member, NodeRole.Supplier, memberId, id);
                Add(spec, node);
                groupSpec.Members.Add(node!);
                AddOwnDisruption(spec, member, node);
            }
        }

        foreach (ImportedSuppliers import in imports)
        {
            GroupSpec? groupSpec = import.Group is null
                ? null
                : new GroupSpec { Id = import.Group, Node = import.GroupNode, Path = import.Path, Complete = import.Complete };
            if (groupSpec is not null)
            {
                spec.Groups.Add(groupSpec);
            }

            spec.SomeSuppliersUnread |= !import.Complete;

            if (!spec.Expanded)
            {
                continue;
            }

            foreach ((SMap row, string path) in import.Rows)
            {
                var rowReader = new MapReader(context, row, ScenarioFormat.Supplier, path);
                NodeSpec? node = NodeReader.Read(rowReader, NodeRole.Supplier, group: import.Group);
                Add(spec, node);
                if (node is not null)
                {
                    groupSpec?.Members.Add(node);
                }

                AddOwnDisruption(spec, rowReader, node);
            }
        }

        ReadDisruptions(reader, spec);
        spec.Social = SocialReader.Read(reader);
        spec.Alerts.AddRange(AlertReader.Read(reader, spec.AlertReferences));
        spec.Report = ReportReader.Read(reader);
        return spec;
    }

    private static void Add(ScenarioSpec spec, NodeSpec? node)
    {
        if (node is not null)
        {
            spec.Nodes.Add(node);
        }
    }

    private static void AddOwnDisruption(ScenarioSpec spec, MapReader reader, NodeSpec? node)
    {
        if (node is not null && NodeReader.ReadOwnDisruption(reader, node) is { } disruption)
        {
            spec.Disruptions.Add(disruption);
        }
    }

    private static void ReadRegions(MapReader reader, ScenarioSpec spec)
    {
        foreach (MapReader region in reader.Items("regions"))
        {
            string? id = region.Text("id");
            MapReader? credit = region.Object("credit");
            var (inspections, inspectionChanges) = region.Schedule("labour_inspections_per_supplier_year");
            var (detection, detectionChanges) = region.Schedule("inspection_detection_probability");
            var definition = new RegionDefinition
            {
                Id = id ?? "",
                LeadTimeMultiplier = region.Number("lead_time_multiplier"),
                GridCarbonKgPerKwh = region.Number("grid_carbon_kg_per_kwh"),
                Credit = credit is null ? null : new CreditTerms(credit.Number("annual_rate"), credit.Number("limit_days_of_cost")),
                CreditSizes = credit is null ? [] : [.. SocialReader.Choices(credit, "sizes", ScenarioFormat.Sizes).Select(i => (SizeClass)i)],
                LabourInspectionsPerSupplierYear = inspections,
                InspectionDetectionProbability = detection,
                LabourInspectionsChanges = inspectionChanges,
                InspectionDetectionChanges = detectionChanges,
            };
            if (id is not null)
            {
                spec.Regions.Add(new Located<RegionDefinition>(definition, region.At("id"), region.Path));
            }
        }
    }

    private static void ReadProducts(MapReader reader, ScenarioSpec spec)
    {
        foreach (MapReader product in reader.Items("products"))
        {
            string? id = product.Text("id");
            var lines = new List<BomLine>();
            var inputs = new List<Located<string>>();
            foreach (MapReader line in product.Items("inputs"))
            {
                string? input = line.Text("product");
                double quantity = line.Number("quantity_per_unit");
                if (input is not null)
                {
                    lines.Add(new BomLine(input, quantity));
                    inputs.Add(new Located<string>(input, line.At("product"), line.FieldPathOf("product")));
                }
            }

            if (id is not null)
            {
                spec.Products.Add(new ProductSpec
                {
                    Definition = new ProductDefinition { Id = id, Inputs = lines },
                    Node = product.Map,
                    IdNode = product.At("id"),
                    Path = product.Path,
                    Inputs = inputs,
                });
            }
        }
    }

    private static void ReadDisruptions(MapReader reader, ScenarioSpec spec)
    {
        foreach (MapReader disruption in reader.Items("disruptions"))
        {
            string? id = disruption.Text("id");
            string? region = disruption.Text("region");
            string? supplier = disruption.Text("supplier");
            if ((region is null) == (supplier is null))
            {
                disruption.Errors.OneOf(disruption.Map, disruption.FieldPathOf("region"), "region", "supplier", both: region is not null);
            }

            var definition = new DisruptionDefinition
            {
                Id = id ?? "",
                Scope = region is not null ? DisruptionScope.Region : DisruptionScope.Supplier,
                TargetId = region ?? supplier ?? "",
                TimeBetweenDays = disruption.Distribution("time_between_days") ?? Distribution.Constant(1),
                DurationDays = disruption.Distribution("duration_days") ?? Distribution.Constant(0),
                CapacityLost = disruption.Number("capacity_lost"),
            };

            if (id is not null && (region is null) != (supplier is null))
            {
                spec.Disruptions.Add(new DisruptionSpec
                {
                    Definition = definition,
                    Node = disruption.Map,
                    IdNode = disruption.At("id"),
                    TargetNode = disruption.At(region is not null ? "region" : "supplier"),
                    Path = disruption.Path,
                });
            }
        }
    }

    /// <summary>
    /// Where the horizon was written, when that is not where the error points (the warm-up's line), so
    /// that a horizon given by an override (<c>--set</c>, a sweep design's <c>set</c>) or by a base
    /// scenario is not mistaken for the file's own.
    /// </summary>
    private static string WrittenElsewhere(SNode horizonAt, SNode warmupAt) =>
        horizonAt.File == warmupAt.File ? ""
        : horizonAt.File.Path == SourceFiles.CommandLineName ? ", as overridden"
        : InvariantText.Format($", from {horizonAt.File.Path}:{horizonAt.Line}");
}
