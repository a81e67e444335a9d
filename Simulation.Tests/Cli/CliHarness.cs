using Simulation.Cli;
using Spectre.Console;

namespace Simulation.Tests.Cli;

/// <summary>Runs the sim command in-process with captured output, as a user at a terminal would see it.</summary>
internal static class CliHarness
{
    public static Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => RunAtWidthAsync(160, args);

    /// <summary>Runs the sim command on a console <paramref name="width"/> columns wide (80 is what a pipe gets).</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAtWidthAsync(int width, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = PlainConsole(output);
        console.Profile.Width = width;
        int code = await SimApp.RunAsync(args, new CliContext(console, output, error));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A 160-column console without colours or interaction that writes to <paramref name="output"/>.</summary>
    public static IAnsiConsole PlainConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;
        return console;
    }

    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "sim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
