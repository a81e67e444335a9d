using System.CommandLine;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary><c>sim validate FILE</c>: checks a scenario and lists every error; exit 0 or 2.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.ScenarioFile();
        var set = CommonOptions.Set();
        var command = new Command(
            "validate",
            "Check a scenario file and report every error with file:line:col (exit 0 if valid, 2 if not).\n\n" +
            "Examples:\n" +
            "  sim validate scenarios/quickstart.yaml\n" +
            "  sim validate scenarios/apparel-bangladesh.yaml --set horizon_days=730   (checks the overrides too)")
        {
            file,
            set,
        };
        command.SetAction(parse =>
        {
            var result = ScenarioLoader.Load(parse.GetValue(file)!.FullName, parse.GetValue(set) ?? []);
            if (!result.Succeeded)
            {
                context.ReportErrors(result.Errors);
                context.Error.WriteLine($"{result.Errors.Count} error(s).");
                return ExitCodes.BadInput;
            }

            var definition = result.Definition!;
            context.Out.WriteLine($"{parse.GetValue(file)!.Name}: valid ({definition.Nodes.Count} nodes, {definition.Nodes.Sum(n => n.Stock.Sources.Count + n.Inputs.Sum(i => i.Sources.Count))} links).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
