using System.CommandLine;

namespace Simulation.Cli.Commands;

/// <summary>Options several commands share, defined once so their names and help read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Argument<FileInfo> ScenarioFile() => new("scenario")
    {
        Description = "The scenario file (YAML).",
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a scenario value: --set path=value, e.g. --set suppliers[cmt-01].capacity_per_day=900. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };
}
