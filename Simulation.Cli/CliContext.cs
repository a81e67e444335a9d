using Spectre.Console;

namespace Simulation.Cli;

/// <summary>
/// Where a command writes: the rich console for people (tables, progress), plain writers for machines
/// (JSON, schema) and errors. Injected so the whole CLI runs in-process in tests.
/// </summary>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error)
{
    public static CliContext ForProcess() => new(AnsiConsole.Console, System.Console.Out, System.Console.Error);

    /// <summary>Reports located scenario errors, one per line, as compilers do.</summary>
    public void ReportErrors(IEnumerable<object> errors)
    {
        foreach (var error in errors)
        {
            Error.WriteLine(error.ToString());
        }
    }
}
