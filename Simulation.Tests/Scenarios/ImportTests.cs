using Parquet;
using Parquet.Schema;
using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary>Supplier lists imported from CSV and Parquet, with a column mapping, defaults and located row errors.</summary>
public sealed class ImportTests : IDisposable
{
    private const string Csv = """"
        code,site,cap,capability,notes
        m-1,r1,10,0.5,first
        m-2,r1,20,0.4,"has a comma, and ""quotes"""
        m-3,r1,30,,third

        """";

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The minimal scenario whose s1 buys its input from the imported group "mills".</summary>
    private static string Scenario(string file, string columns, string defaults = "{tier: 2, product: raw, size: small, capability: 0.9}") =>
        ScenarioFolder.MinimalWithLine(23, "        sources: [{group: mills, share: 1}]") + $$"""
            import:
              - file: {{file}}
                group: mills
                columns: {{columns}}
                defaults: {{defaults}}

            """;

    private static NodeDefinition Node(ScenarioLoadResult result, string id) => result.Definition!.Nodes.Single(n => n.Id == id);

    [Fact]
    public void Csv_GivesOneSupplierPerRow_WithMappedColumnsAndDefaults()
    {
        _folder.Write("mills.csv", Csv);

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap}"));

        Assert.Empty(result.Errors);
        NodeDefinition[] mills = [.. result.Definition!.Nodes.Where(n => n.Group == "mills")];
        Assert.Equal(["m-1", "m-2", "m-3"], mills.Select(m => m.Id));
        Assert.Equal([10.0, 20, 30], mills.Select(m => m.CapacityPerDay));
        Assert.All(mills, m => Assert.Equal((2, "raw", SizeClass.Small, "r1"), (m.Tier, m.ProductId, m.Size, m.RegionId)));

        // "capability" is named like a supplier key, so it is read without a mapping; an empty cell keeps the default.
        Assert.Equal([0.5, 0.4, 0.9], mills.Select(m => m.Capability));
    }

    [Fact]
    public void ImportGroup_CanBeASource()
    {
        _folder.Write("mills.csv", Csv);

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap}"));

        IReadOnlyList<SourceLink> sources = Node(result, "s1").Inputs[0].Sources;
        Assert.Equal(["m-1", "m-2", "m-3"], sources.Select(s => s.SupplierId));
        Assert.All(sources, s => Assert.Equal(1.0 / 3, s.Share, 12));
    }

    [Fact]
    public void BadCell_IsReportedInTheCsvFile_AtItsRowAndColumn()
    {
        string csv = _folder.Write("mills.csv", Csv.Replace("m-3,r1,30", "m-3,r1,lots", StringComparison.Ordinal));

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((csv, 4, 3), (error.File, error.Line, error.Column));
        Assert.Equal("import[mills.csv].rows[3].capacity_per_day", error.Field);
        Assert.Equal("expected a number, got 'lots'", error.Message);
        Assert.Equal($"{csv}:4:3: error: import[mills.csv].rows[3].capacity_per_day: expected a number, got 'lots'", error.ToString());
    }

    [Fact]
    public void MissingValueInARow_IsAMissingKeyOfThatRow()
    {
        string csv = _folder.Write("mills.csv", Csv.Replace("m-2,r1,20", "m-2,,20", StringComparison.Ordinal));

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((csv, 3, 1), (error.File, error.Line, error.Column));
        Assert.Equal("missing required key 'region' in import[mills.csv].rows[2]", error.Message);
    }

    [Fact]
    public void MappedColumnThatDoesNotExist_SuggestsTheNearestColumn()
    {
        _folder.Write("mills.csv", Csv);

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: caps}"));

        ScenarioError error = Assert.Single(result.Errors, e => e.Field == "import[mills.csv].columns.capacity_per_day");
        Assert.Equal((32, 57), (error.Line, error.Column));
        Assert.Equal("column 'caps' not found in mills.csv; did you mean 'cap'?", error.Message);
    }

    /// <summary>The minimal scenario whose s1 buys its input from <paramref name="supplier"/>, imported outside any group.</summary>
    private static string UngroupedScenario(string supplier, string columns) =>
        ScenarioFolder.MinimalWithLine(23, $"        sources: [{{supplier: {supplier}, share: 1}}]") + $$"""
            import:
              - file: mills.csv
                columns: {{columns}}
                defaults: {tier: 2, product: raw, size: small, capability: 0.9}

            """;

    [Fact]
    public void ImportThatCannotBeRead_IsTheOnlyError_NotEveryReferenceToItsSuppliers()
    {
        _folder.Write("mills.csv", Csv);

        ScenarioLoadResult result = _folder.Load(UngroupedScenario("m-2", "{id: code, region: site, capacity_per_day: caps}"));

        // Without the import's rows, s1's source m-2 is undefined; saying so would bury the cause.
        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("import[mills.csv].columns.capacity_per_day", error.Field);
        Assert.Equal("column 'caps' not found in mills.csv; did you mean 'cap'?", error.Message);
    }

    [Fact]
    public void GroupImportThatCannotBeRead_IsTheOnlyError_WhenASourceNamesOneOfItsRows()
    {
        _folder.Write("mills.csv", Csv);
        string yaml = Scenario("mills.csv", "{id: kode, region: site, capacity_per_day: cap}")
            .Replace("sources: [{group: mills, share: 1}]", "sources: [{supplier: m-1, share: 1}]", StringComparison.Ordinal);

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("column 'kode' not found in mills.csv; did you mean 'code'?", error.Message);
    }

    [Fact]
    public void UnknownSupplier_IsStillReported_WhenTheImportWasRead()
    {
        _folder.Write("mills.csv", Csv);

        ScenarioLoadResult result = _folder.Load(UngroupedScenario("m-4", "{id: code, region: site, capacity_per_day: cap}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.StartsWith("unknown supplier 'm-4'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MappedKeyThatIsNotASupplierKey_SuggestsTheNearestKey()
    {
        _folder.Write("mills.csv", Csv);

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap, capabilty: notes}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((32, 62), (error.Line, error.Column));
        Assert.Equal("unknown key 'capabilty' in supplier; did you mean 'capability'?", error.Message);
    }

    [Fact]
    public void ImportedIdThatIsAlsoASuppliersId_IsADuplicate_ReportedInTheTable()
    {
        string csv = _folder.Write("mills.csv", Csv.Replace("m-2,r1,20", "s2,r1,20", StringComparison.Ordinal));

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((csv, 3, 1), (error.File, error.Line, error.Column));
        Assert.Equal("import[mills.csv].rows[2].id", error.Field);
        Assert.Equal("duplicate id 's2' (first defined at " + Path.Combine(_folder.Root, "scenario.yaml") + ":24)", error.Message);
    }

    [Fact]
    public void ImportGroupNamedLikeASupplierGroup_IsADuplicate()
    {
        _folder.Write("mills.csv", Csv);
        string yaml = Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap}") + """
            supplier_groups:
              - {id: mills, count: 2, tier: 2, region: r1, product: raw, capacity_per_day: 5}

            """;

        ScenarioLoadResult result = _folder.Load(yaml);

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((31, 12), (error.Line, error.Column));
        Assert.Equal("duplicate id 'mills' (first defined at " + error.File + ":35)", error.Message);
    }

    [Fact]
    public void RowWithTooFewFields_IsATableError()
    {
        string csv = _folder.Write("mills.csv", "code,site,cap\nm-1,r1\n");

        ScenarioLoadResult result = _folder.Load(Scenario("mills.csv", "{id: code, region: site, capacity_per_day: cap}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((csv, 2, 1), (error.File, error.Line, error.Column));
        Assert.Equal("this row has 2 fields; the header has 3", error.Message);
    }

    [Fact]
    public void UnsupportedFileType_IsAnError()
    {
        ScenarioLoadResult result = _folder.Load(Scenario("mills.xlsx", "{id: code}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((30, 11), (error.Line, error.Column));
        Assert.Equal("cannot import 'mills.xlsx': expected a .csv or .parquet file", error.Message);
    }

    [Fact]
    public void MissingFile_IsAnErrorAtTheFileKey()
    {
        ScenarioLoadResult result = _folder.Load(Scenario("absent.csv", "{id: code}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((30, 11), (error.Line, error.Column));
        Assert.Equal("cannot read '" + Path.Combine(_folder.Root, "absent.csv") + "': no such file", error.Message);
    }

    [Fact]
    public async Task Parquet_IsReadRowGroupByRowGroup_WithTheColumnMapping()
    {
        await WriteParquetAsync(Path.Combine(_folder.Root, "mills.parquet"), ["p-1", "p-2"], [10, 20], [25, null], ["p-3"], [30], [40]);

        ScenarioLoadResult result = _folder.Load(Scenario(
            "mills.parquet",
            "{id: code, capacity_per_day: cap, workers: staff}",
            "{tier: 2, region: r1, product: raw}"));

        Assert.Empty(result.Errors);
        NodeDefinition[] mills = [.. result.Definition!.Nodes.Where(n => n.Group == "mills")];
        Assert.Equal(["p-1", "p-2", "p-3"], mills.Select(m => m.Id));
        Assert.Equal([10.0, 20, 30], mills.Select(m => m.CapacityPerDay));
        Assert.Equal([25, 0, 40], mills.Select(m => m.Workers));
    }

    [Fact]
    public async Task ParquetError_NamesTheFileAndRow()
    {
        string file = Path.Combine(_folder.Root, "mills.parquet");
        await WriteParquetAsync(file, ["p-1", "p-2"], [10, 20], [25, 30], ["p-3"], [-4], [40]);

        ScenarioLoadResult result = _folder.Load(Scenario(
            "mills.parquet",
            "{id: code, capacity_per_day: cap, workers: staff}",
            "{tier: 2, region: r1, product: raw}"));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((file, 3, 2), (error.File, error.Line, error.Column));
        Assert.Equal("import[mills.parquet].rows[3].capacity_per_day", error.Field);
        Assert.Equal("capacity_per_day must be >= 0, got -4", error.Message);
    }

    /// <summary>Writes a Parquet file of (code, cap, staff) in two row groups.</summary>
    private static async Task WriteParquetAsync(
        string path, string[] codes1, double[] caps1, int?[] staff1, string[] codes2, double[] caps2, int?[] staff2)
    {
        var schema = new ParquetSchema(new DataField<string>("code"), new DataField<double>("cap"), new DataField<int?>("staff"));
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream);
        foreach ((string[] codes, double[] caps, int?[] staff) in new[] { (codes1, caps1, staff1), (codes2, caps2, staff2) })
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(schema.DataFields[0], codes);
            await group.WriteAsync<double>(schema.DataFields[1], caps);
            await group.WriteAsync<int>(schema.DataFields[2], new ReadOnlyMemory<int?>(staff));
        }
    }
}
