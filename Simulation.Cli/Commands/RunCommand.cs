using System.CommandLine;
using Simulation.Cli.Rendering;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Spectre.Console;

namespace Simulation.Cli.Commands;

/// <summary><c>sim run FILE</c>: replications in parallel, a KPI table with 95% CIs, Parquet outputs.</summary>
internal static class RunCommand
{

    public static Command Create(CliContext context)
    {
        var file = CommonOptions.ScenarioFile();
        var set = CommonOptions.Set();
        var replications = new Option<int?>("--replications", "-r") { Description = "Replications to run (default: the scenario's)." };
        var seed = new Option<ulong?>("--seed") { Description = "Master seed (default: the scenario's). Same seed, same bytes." };
        var threads = CommonOptions.Threads();
        var output = new Option<string?>("--out", "-o") { Description = "Run folder to create (default: runs/<scenario>-<time>)." };
        var force = CommonOptions.Force("run folder");
        var json = CommonOptions.Json("the KPI summary");
        var quiet = CommonOptions.Quiet("run folder");
        var timeSeriesEvery = new Option<int>("--timeseries-every")
        {
            Description = "Days between two rows of timeseries.parquet (default 1: every day). Thins large runs.",
            DefaultValueFactory = _ => 1,
        };
        var events = new Option<bool>("--events") { Description = "Also write events.parquet: disruptions and supplier exits as they happened." };
        var orderEvents = new Option<bool>("--order-events")
        {
            Description = "Also write order_events.parquet: every order placed, shipped and received, and every end-customer order and delivery, with node ids, quantities and times (flow times, Little's law).",
        };
        var noReport = new Option<bool>("--no-report") { Description = "Skip charts/ and report.html (render them later with 'sim report')." };
        var all = new Option<bool>("--all") { Description = "List every KPI in the table, also those of parts the scenario does not model." };

        var command = new Command("run", "Run a scenario: N replications in parallel, KPIs with 95% confidence intervals, Parquet outputs, charts and report.html in a run folder.\n\n" +
            "Examples:\n" +
            "  sim run scenarios/quickstart.yaml\n" +
            "  sim run scenarios/smart-mix.yaml --all --out runs/smart-mix\n" +
            "  sim run scenarios/quickstart.yaml --no-report --json")
        {
            file, set, replications, seed, threads, output, force, json, quiet, timeSeriesEvery, events, orderEvents, noReport, all,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var scenarioFile = parse.GetValue(file)!;
            var scenario = ScenarioLoader.Load(scenarioFile.FullName, parse.GetValue(set) ?? []);
            if (!scenario.Succeeded)
            {
                context.ReportErrors(scenario.Errors);
                await context.Error.WriteLineAsync($"{scenario.Errors.Count} error(s); nothing was run.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            string name = scenario.Definition!.Name;
            bool machineOutput = parse.GetValue(json) || parse.GetValue(quiet);
            var settings = new RunSettings
            {
                Replications = parse.GetValue(replications),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                OutputDirectory = parse.GetValue(output) ?? OutputPaths.TimestampedDefault(name),
                Force = parse.GetValue(force),
                CommandLine = "sim " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                TimeSeriesEveryDays = parse.GetValue(timeSeriesEvery),
                RecordEvents = parse.GetValue(events),
                RecordOrders = parse.GetValue(orderEvents),
                Report = !parse.GetValue(noReport),
            };

            var outcome = machineOutput
                ? await ScenarioRun.ExecuteAsync(scenario, settings, cancellationToken).ConfigureAwait(false)
                : await RunWithProgressAsync(context.Console, scenario, settings, cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(SummaryJson.Render(outcome)).ConfigureAwait(false);
            }
            else if (parse.GetValue(quiet))
            {
                await context.Out.WriteLineAsync(outcome.OutputDirectory).ConfigureAwait(false);
            }
            else
            {
                KpiTable.Render(context.Console, outcome, parse.GetValue(all));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<RunOutcome> RunWithProgressAsync(IAnsiConsole console, ScenarioLoadResult scenario, RunSettings settings, CancellationToken cancellationToken)
    {
        int total = settings.Replications ?? scenario.Definition!.Replications;
        RunOutcome? outcome = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"{scenario.Definition!.Name}: {total} replications", maxValue: total);
                var withProgress = settings with { Progress = new ProgressBar(task), Stage = new StageReporter(task) };
                outcome = await Task.Run(() => ScenarioRun.ExecuteAsync(scenario, withProgress, cancellationToken), cancellationToken).ConfigureAwait(false);
                task.Value = total;
            }).ConfigureAwait(false);
        return outcome!;
    }

    /// <summary>After the replications, the bar's label says what is being written.</summary>
    private sealed class StageReporter(ProgressTask task) : IProgress<string>
    {
        public void Report(string value) => task.Description = Markup.Escape(value);
    }
}
