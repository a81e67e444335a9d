using System.CommandLine;
using Simulation.Scenarios.Reporting;
using Spectre.Console;

namespace Simulation.Cli.Commands;

/// <summary><c>sim report DIR</c>: re-renders report.html (and a run's charts/) of a run, compare or sweep folder.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A folder written by 'sim run', 'sim compare' or 'sim sweep'." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress; print only the report's path." };
        var command = new Command(
            "report",
            "Re-render report.html (and a run's charts/, SVG) of a run, compare or sweep folder from its Parquet files alone.\n\n" +
            "Examples:\n" +
            "  sim report runs/quickstart\n" +
            "  sim report runs/compare-terms --quiet\n" +
            "  sim report runs/apparel-grid")
        {
            folder, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(folder)!.FullName;
            ReportOutcome? outcome = null;
            if (parse.GetValue(quiet))
            {
                outcome = await RunReport.RenderAnyAsync(path, null, cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync(outcome.ReportPath).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Console.Status().StartAsync("Reading run data", async status =>
            {
                var stage = new StatusReporter(status);
                outcome = await Task.Run(() => RunReport.RenderAnyAsync(path, stage, cancellationToken), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            context.Console.MarkupLine($"Report: {Markup.Escape(outcome!.ReportPath)} ({outcome.Charts} charts in charts/)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed class StatusReporter(StatusContext status) : IProgress<string>
    {
        public void Report(string value) => status.Status(Markup.Escape(value));
    }
}
