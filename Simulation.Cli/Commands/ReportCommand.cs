using System.CommandLine;
using Simulation.Scenarios.Reporting;
using Spectre.Console;

namespace Simulation.Cli.Commands;

/// <summary><c>sim report RUN_DIR</c>: re-renders charts/ and report.html from a run folder's Parquet files.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<DirectoryInfo>("run-folder") { Description = "A run folder written by 'sim run'." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress; print only the report's path." };
        var command = new Command("report", "Re-render charts/ (PNG and SVG) and report.html of a run folder from its Parquet files alone.")
        {
            folder, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(folder)!.FullName;
            ReportOutcome? outcome = null;
            if (parse.GetValue(quiet))
            {
                outcome = await RunReport.RerenderAsync(path, null, cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync(outcome.ReportPath).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Console.Status().StartAsync("Reading run data", async status =>
            {
                var stage = new StatusReporter(status);
                outcome = await Task.Run(() => RunReport.RerenderAsync(path, stage, cancellationToken), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            context.Console.MarkupLine($"Report: {Markup.Escape(outcome!.ReportPath)} ({outcome.Charts} charts in charts/, PNG and SVG)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed class StatusReporter(StatusContext status) : IProgress<string>
    {
        public void Report(string value) => status.Status(Markup.Escape(value));
    }
}
