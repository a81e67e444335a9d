using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using Simulation.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Simulation.Tests.Scenarios;

/// <summary>
/// The JSON Schema that `sim schema` prints is what editors use for completion and squiggles, so every
/// reference scenario must pass it, and it must catch the mistakes the loader reports.
/// </summary>
public sealed class ReferenceScenarioSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(ScenarioSchema.JsonSchema()).GetAwaiter().GetResult());

    public static TheoryData<string> ReferenceFiles()
    {
        var files = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(RepositoryFiles.Path("scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(path));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void ReferenceScenario_PassesTheJsonSchema(string file)
    {
        // A variant that `extends:` a base holds only its differences; the schema describes whole
        // scenarios, so such a file is checked as the loader resolves it.
        string path = RepositoryFiles.Path("scenarios", file);
        string text = File.ReadAllText(path);
        if (text.Split('\n').Any(line => line.StartsWith("extends:", StringComparison.Ordinal)))
        {
            var loaded = ScenarioLoader.Load(path);
            Assert.True(loaded.Errors.Count == 0, string.Join('\n', loaded.Errors));
            text = loaded.ResolvedYaml;
        }

        var errors = Validate(text);

        Assert.True(errors.Count == 0, file + ": " + string.Join("; ", errors.Select(e => e.ToString())));
    }

    [Fact]
    public void LayeredBenchmarkNetwork_PassesTheJsonSchema()
    {
        Assert.Empty(Validate(File.ReadAllText(RepositoryFiles.Path("benchmarks", "networks", "layered-50.yaml"))));
    }

    [Fact]
    public void Schema_RejectsUnknownKeys_WrongTypes_AndOutOfRangeValues()
    {
        const string Yaml = """
            name: 3
            horizon_days: -4
            colour: blue
            regions: []
            products: []
            buyers: []
            suppliers:
              - {id: s1, tier: 1, region: r, product: p, capacity_per_day: 10, capability: 1.5}
            """;

        var kinds = Validate(Yaml).Select(e => (e.Kind, e.Path)).ToList();

        Assert.Contains((ValidationErrorKind.StringExpected, "#/name"), kinds);
        Assert.Contains((ValidationErrorKind.NumberTooSmall, "#/horizon_days"), kinds);
        Assert.Contains((ValidationErrorKind.NoAdditionalPropertiesAllowed, "#/colour"), kinds);
        Assert.Contains((ValidationErrorKind.ArrayItemNotValid, "#/suppliers[0]"), kinds);
    }

    private static ICollection<ValidationError> Validate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        string json = ToJson(stream.Documents[0].RootNode)!.ToJsonString();
        return Schema.Value.Validate(json);
    }

    /// <summary>YAML to JSON with the YAML 1.2 core schema's typing of plain scalars, as editors read them.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => PlainScalar(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException("Unexpected YAML node " + node.NodeType),
    };

    private static JsonValue? PlainScalar(string text)
    {
        switch (text)
        {
            case "" or "~" or "null":
                return null;
            case "true" or "false":
                return JsonValue.Create(text == "true");
            case ".inf" or "+.inf":
                // JSON has no infinity; editors' YAML parsers read .inf as a number, so stand in the largest one.
                return JsonValue.Create(double.MaxValue);
            case "-.inf":
                return JsonValue.Create(double.MinValue);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }
}
