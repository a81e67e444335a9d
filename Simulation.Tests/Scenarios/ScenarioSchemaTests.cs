using System.Text.Json;
using Simulation.Scenarios;
using Simulation.Scenarios.Schema;

namespace Simulation.Tests.Scenarios;

/// <summary>The JSON Schema for editors, and the documentation of the format, cover every key.</summary>
public sealed class ScenarioSchemaTests
{
    private static readonly string[] TopLevelKeys =
    [
        "extends", "name", "description", "horizon_days", "warmup_days", "start_date", "replications", "seed", "economics",
        "regions", "products", "buyers", "distribution_centres", "suppliers", "supplier_groups", "import", "disruptions", "resourcing", "social", "alerts", "report",
    ];

    [Fact]
    public void JsonSchema_IsDraft2020_12_AndListsEveryTopLevelKey()
    {
        using JsonDocument schema = JsonDocument.Parse(ScenarioSchema.JsonSchema());
        JsonElement root = schema.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal("object", root.GetProperty("type").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(TopLevelKeys, root.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name", "horizon_days", "regions", "products", "buyers"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void JsonSchema_DescribesNestedKeys_RangesAndDistributions()
    {
        using JsonDocument schema = JsonDocument.Parse(ScenarioSchema.JsonSchema());
        JsonElement supplier = schema.RootElement.GetProperty("properties").GetProperty("suppliers").GetProperty("items");
        JsonElement capability = supplier.GetProperty("properties").GetProperty("capability");
        JsonElement groupCapability = schema.RootElement.GetProperty("properties").GetProperty("supplier_groups")
            .GetProperty("items").GetProperty("properties").GetProperty("capability");

        Assert.Equal((0, 1), (capability.GetProperty("minimum").GetDouble(), capability.GetProperty("maximum").GetDouble()));
        Assert.Equal(["micro", "small", "medium", "large"], supplier.GetProperty("properties").GetProperty("size").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("#/$defs/distribution", supplier.GetProperty("properties").GetProperty("lead_time_days").GetProperty("$ref").GetString());
        Assert.Equal(2, groupCapability.GetProperty("anyOf").GetArrayLength());
        Assert.Equal(9, schema.RootElement.GetProperty("$defs").GetProperty("distribution").GetProperty("anyOf").GetArrayLength());
    }

    [Fact]
    public void Documentation_NamesEveryKeyOfTheFormat()
    {
        string doc = File.ReadAllText(RepositoryFiles.Path("docs", "scenario-format.md"));
        var missing = new List<string>();
        var visited = new HashSet<ObjectSchema>();

        void Walk(ObjectSchema schema, string path)
        {
            if (!visited.Add(schema))
            {
                return;
            }

            foreach (FieldSchema field in schema.Fields)
            {
                if (!doc.Contains("`" + field.Key + "`", StringComparison.Ordinal))
                {
                    missing.Add(path + field.Key);
                }

                if (field.Object is { } nested)
                {
                    Walk(nested, path + field.Key + ".");
                }
            }
        }

        Walk(ScenarioFormat.Root, "");
        foreach ((string name, IReadOnlyList<string> parameters) in ScenarioFormat.Distributions)
        {
            missing.AddRange(parameters.Where(p => !doc.Contains("`" + p + "`", StringComparison.Ordinal)).Select(p => name + "." + p));
        }

        Assert.Empty(missing);
    }
}
