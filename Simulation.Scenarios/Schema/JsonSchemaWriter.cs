using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Simulation.Scenarios.Schema;

/// <summary>Writes <see cref="ScenarioFormat"/> as a JSON Schema (draft 2020-12), for editors' completion and checks.</summary>
internal static class JsonSchemaWriter
{
    private const string DistributionRef = "#/$defs/distribution";

    public static string Write()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,

            // The schema is read by people and editors, not embedded in HTML: keep quotes and
            // apostrophes in descriptions readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            json.WriteString("$id", "https://sourcing-twin.invalid/schemas/scenario.json");
            json.WriteString("title", "Sourcing network scenario");
            WriteObjectBody(json, ScenarioFormat.Root, ScenarioFormat.Root.Description, sampled: false);
            json.WriteStartObject("$defs");
            WriteDistribution(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static void WriteObjectBody(Utf8JsonWriter json, ObjectSchema schema, string description, bool sampled, bool nullable = false)
    {
        sampled |= schema.Sampled;
        json.WriteString("description", description);
        if (nullable)
        {
            // An empty value (`key:` or `key: ~`) counts as absent, which is how a variant removes a base's section.
            json.WriteStartArray("type");
            json.WriteStringValue("object");
            json.WriteStringValue("null");
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("type", "object");
        }

        json.WriteStartObject("properties");
        foreach (FieldSchema field in schema.Fields)
        {
            json.WriteStartObject(field.Key);
            WriteField(json, field, sampled);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        string[] required = [.. schema.Fields.Where(f => f.Required).Select(f => f.Key)];
        if (required.Length > 0)
        {
            json.WriteStartArray("required");
            foreach (string key in required)
            {
                json.WriteStringValue(key);
            }

            json.WriteEndArray();
        }

        json.WriteBoolean("additionalProperties", false);
    }

    private static void WriteField(Utf8JsonWriter json, FieldSchema field, bool sampled)
    {
        string description = field.Required || field.DefaultText is null
            ? field.Description
            : field.Description + " Default: " + field.DefaultText + ".";
        switch (field.Kind)
        {
            case FieldKind.Text:
                json.WriteString("description", description);
                json.WriteString("type", "string");
                break;

            case FieldKind.Number or FieldKind.Integer:
                if (field.Scheduled)
                {
                    json.WriteString("description", description + " May be a schedule: a list of steps {from_day, value} (optionally end_day).");
                    json.WriteStartArray("anyOf");
                    json.WriteStartObject();
                    WriteNumber(json, field);
                    json.WriteEndObject();
                    json.WriteStartObject();
                    WriteSchedule(json, field);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                else if (sampled)
                {
                    json.WriteString("description", description + " May be a distribution, sampled per generated supplier.");
                    json.WriteStartArray("anyOf");
                    json.WriteStartObject();
                    WriteNumber(json, field);
                    json.WriteEndObject();
                    json.WriteStartObject();
                    json.WriteString("$ref", DistributionRef);
                    json.WriteEndObject();
                    if (field.Words.Count > 0)
                    {
                        json.WriteStartObject();
                        WriteWords(json, field.Words);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }
                else if (field.Words.Count > 0)
                {
                    json.WriteString("description", description);
                    json.WriteStartArray("anyOf");
                    json.WriteStartObject();
                    WriteNumber(json, field);
                    json.WriteEndObject();
                    json.WriteStartObject();
                    WriteWords(json, field.Words);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteString("description", description);
                    WriteNumber(json, field);
                }

                break;

            case FieldKind.Seed:
                json.WriteString("description", description);
                json.WriteString("type", "integer");
                json.WriteNumber("minimum", 0);
                json.WriteNumber("maximum", ulong.MaxValue);
                break;

            case FieldKind.Boolean:
                json.WriteString("description", description);
                json.WriteString("type", "boolean");
                break;

            case FieldKind.Date:
                json.WriteString("description", description);
                json.WriteString("type", "string");
                json.WriteString("format", "date");
                break;

            case FieldKind.Choice:
                json.WriteString("description", description);
                WriteWords(json, field.Choices);
                break;

            case FieldKind.Distribution:
                json.WriteString("description", description);
                json.WriteString("$ref", DistributionRef);
                break;

            case FieldKind.Object:
                WriteObjectBody(json, field.Object!, description, sampled, nullable: !field.Required);
                break;

            case FieldKind.ObjectList:
                json.WriteString("description", description);
                json.WriteString("type", "array");
                json.WriteStartObject("items");
                WriteObjectBody(json, field.Object!, field.Object!.Description, sampled);
                json.WriteEndObject();
                break;

            case FieldKind.ObjectOrList:
                json.WriteString("description", description);
                json.WriteStartArray("anyOf");
                json.WriteStartObject();
                WriteObjectBody(json, field.Object!, field.Object!.Description, sampled);
                json.WriteEndObject();
                json.WriteStartObject();
                json.WriteString("type", "array");
                json.WriteNumber("minItems", 1);
                json.WriteStartObject("items");
                WriteObjectBody(json, field.Object!, field.Object!.Description, sampled);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                break;

            case FieldKind.TextList:
                json.WriteString("description", description);
                json.WriteString("type", "array");
                json.WriteStartObject("items");
                json.WriteString("type", "string");
                json.WriteEndObject();
                break;

            case FieldKind.TextMap:
                json.WriteString("description", description);
                json.WriteString("type", "object");
                json.WriteStartObject("additionalProperties");
                json.WriteString("type", "string");
                json.WriteEndObject();
                break;
        }
    }

    private static void WriteWords(Utf8JsonWriter json, IReadOnlyList<string> words)
    {
        json.WriteStartArray("enum");
        foreach (string word in words)
        {
            json.WriteStringValue(word);
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// A number with its bounds. YAML's <c>.inf</c> has no JSON spelling, so infinite values (allowed for
    /// capacities) are left to the loader.
    /// </summary>
    private static void WriteNumber(Utf8JsonWriter json, FieldSchema field)
    {
        json.WriteString("type", field.Kind == FieldKind.Integer ? "integer" : "number");
        if (field.Min is double min)
        {
            json.WriteNumber(field.MinExclusive ? "exclusiveMinimum" : "minimum", min);
        }

        if (field.Max is double max)
        {
            json.WriteNumber(field.MaxExclusive ? "exclusiveMaximum" : "maximum", max);
        }
    }

    /// <summary>A schedule: steps with a day from which the value (within the field's bounds) applies.</summary>
    private static void WriteSchedule(Utf8JsonWriter json, FieldSchema field)
    {
        json.WriteString("type", "array");
        json.WriteNumber("minItems", 1);
        json.WriteStartObject("items");
        json.WriteString("type", "object");
        json.WriteBoolean("additionalProperties", false);
        json.WriteStartArray("required");
        json.WriteStringValue("from_day");
        json.WriteStringValue("value");
        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteStartObject("from_day");
        json.WriteString("type", "number");
        json.WriteNumber("minimum", 0);
        json.WriteEndObject();
        json.WriteStartObject("end_day");
        json.WriteString("type", "number");
        json.WriteNumber("minimum", 0);
        json.WriteEndObject();
        json.WriteStartObject("value");
        WriteNumber(json, field);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteDistribution(Utf8JsonWriter json)
    {
        json.WriteStartObject("distribution");
        json.WriteString("description", "A bare number (a constant) or {dist: name, parameters...}.");
        json.WriteStartArray("anyOf");
        json.WriteStartObject();
        json.WriteString("type", "number");
        json.WriteEndObject();
        foreach ((string name, IReadOnlyList<string> parameters) in ScenarioFormat.Distributions)
        {
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("dist");
            json.WriteString("const", name);
            json.WriteEndObject();
            foreach (string parameter in parameters)
            {
                json.WriteStartObject(parameter);
                json.WriteString("type", "number");
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("required");
            json.WriteStringValue("dist");
            json.WriteEndArray();
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
