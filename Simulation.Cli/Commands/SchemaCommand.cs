using System.CommandLine;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary><c>sim schema</c>: prints the JSON Schema of the scenario format, for editors' YAML completion.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "schema",
            "Print the JSON Schema of the scenario format (point your editor's YAML extension at it).\n\n" +
            "Examples:\n" +
            "  sim schema > scenario.schema.json");
        command.SetAction(_ =>
        {
            context.Out.WriteLine(ScenarioSchema.JsonSchema());
            return ExitCodes.Ok;
        });
        return command;
    }
}
