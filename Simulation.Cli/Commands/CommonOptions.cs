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
        Arity = ArgumentArity.OneOrMore, // given, it needs its path=value: a bare --set is a mistake, not "no overrides"
    };

    public static Option<int> Threads() => new("--threads", "-t")
    {
        Description = "Worker threads (default: all cores). Results do not depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary><c>--force</c>, naming what it replaces.</summary>
    /// <param name="folder">What the command writes, e.g. "run folder".</param>
    public static Option<bool> Force(string folder) => new("--force") { Description = $"Replace the {folder} if it exists." };

    /// <summary><c>--json</c>, naming what it prints.</summary>
    /// <param name="what">What is printed, e.g. "the KPI summary".</param>
    public static Option<bool> Json(string what) => new("--json") { Description = $"Print {what} as JSON on stdout (no table, no progress)." };

    /// <summary><c>-q</c>, <c>--quiet</c>, naming the one thing it still prints.</summary>
    /// <param name="folder">What the command writes, e.g. "run folder".</param>
    public static Option<bool> Quiet(string folder) => new("--quiet", "-q") { Description = $"No progress bar and no table; print only the {folder}." };
}
