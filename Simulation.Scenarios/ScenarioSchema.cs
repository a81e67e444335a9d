using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios;

/// <summary>The scenario format as a JSON Schema, for editors (e.g. the YAML language server's <c>yaml.schemas</c>).</summary>
public static class ScenarioSchema
{
    private static readonly Lazy<string> Schema = new(JsonSchemaWriter.Write);

    /// <summary>
    /// Returns a JSON Schema (draft 2020-12) of the scenario format: every key with its type, range,
    /// default and meaning. It checks structure only; references, share sums, cycles and the other
    /// checks of <see cref="ScenarioLoader.Load"/> need the loader.
    /// </summary>
    /// <returns>The schema as indented JSON.</returns>
    public static string JsonSchema() => Schema.Value;
}
