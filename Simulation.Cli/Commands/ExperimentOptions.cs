using System.CommandLine;

namespace Simulation.Cli.Commands;

/// <summary>Options the experiment commands (compare, sweep, merge) share, worded as <c>sim run</c> words them.</summary>
internal static class ExperimentOptions
{
    public static Option<int> Threads() => new("--threads", "-t")
    {
        Description = "Worker threads (default: all cores). Results do not depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public static Option<bool> Force() => new("--force") { Description = "Replace the output folder if it exists." };

    public static Option<bool> Json() => new("--json") { Description = "Print the results as JSON on stdout (no table, no progress)." };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "No progress bar and no table; print only the output folder." };
}
