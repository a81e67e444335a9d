using System.CommandLine;
using Simulation.Cli.Rendering;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments.Sweeps;
using Spectre.Console;

namespace Simulation.Cli.Commands;

/// <summary><c>sim sweep DESIGN.yaml</c>: a grid, Latin hypercube or Sobol design over scenario parameters; resumable and shardable.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("design") { Description = "The sweep design file (YAML; see docs/experiments.md)." };
        var output = new Option<string?>("--out", "-o") { Description = "Sweep folder (default: runs/sweep-<design name>). Rerunning into it resumes." };
        var threads = CommonOptions.Threads();
        var shard = new Option<string?>("--shard")
        {
            Description = "Run shard i of n (0-based, e.g. 0/4) and leave the dataset to 'sim merge'. Default: from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX/SIM_SHARD_COUNT, else the whole sweep.",
        };
        var force = CommonOptions.Force("output folder");
        force.Description = "Delete the sweep folder's finished points (or another sweep's folder) and start over.";
        var json = CommonOptions.Json("the results");
        var quiet = CommonOptions.Quiet("output folder");
        var command = new Command(
            "sweep",
            "Sweep scenario parameters over a design (grid, latin_hypercube, sobol): a dataset with a row per point and replication, per-point summaries, charts and Sobol indices. " +
            "Finished points are kept: rerun the same command to resume after a crash or Ctrl-C.\n\n" +
            "Examples:\n" +
            "  sim sweep scenarios/sweeps/apparel-grid.yaml\n" +
            "  sim sweep scenarios/sweeps/quickstart-sobol.yaml --shard 0/4 --out results/qs   (then: sim merge results/qs)")
        {
            file, output, threads, shard, force, json, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (design, errors) = SweepDesignReader.Read(parse.GetValue(file)!.FullName);
            if (design is null)
            {
                context.ReportErrors(errors);
                await context.Error.WriteLineAsync($"{errors.Count} error(s) in the design; nothing was run.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var problems = ScenarioSweep.Check(design);
            if (problems.Count > 0)
            {
                context.ReportErrors(problems);
                await context.Error.WriteLineAsync($"{problems.Count} error(s) in the scenario at the design's values; nothing was run.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var settings = new SweepSettings
            {
                OutputDirectory = parse.GetValue(output) ?? OutputPaths.DefaultPath("sweep-" + design.Name, ""),
                Threads = parse.GetValue(threads),
                Shard = ShardOption.Resolve(parse.GetValue(shard), Environment.GetEnvironmentVariable),
                Force = parse.GetValue(force),
                CommandLine = "sim " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };

            bool machineOutput = parse.GetValue(json) || parse.GetValue(quiet);
            SweepOutcome outcome;
            try
            {
                outcome = machineOutput
                    ? await ScenarioSweep.ExecuteAsync(design, settings, cancellationToken).ConfigureAwait(false)
                    : await RunWithProgressAsync(context.Console, design, settings, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync($"Interrupted. Finished points are kept in {Path.GetFullPath(settings.OutputDirectory)}; run the same command again to resume.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }

            await SweepReport.WriteAsync(context, outcome, settings.Shard, parse.GetValue(json), parse.GetValue(quiet)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<SweepOutcome> RunWithProgressAsync(IAnsiConsole console, SweepDesign design, SweepSettings settings, CancellationToken cancellationToken)
    {
        SweepOutcome? outcome = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"{design.Name}: points", maxValue: 1);
                var withProgress = settings with { Progress = new PointProgress(task) };
                outcome = await Task.Run(() => ScenarioSweep.ExecuteAsync(design, withProgress, cancellationToken), cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return outcome!;
    }

    /// <summary>Sets the bar directly (see <see cref="ProgressBar"/>); the total is the points left to run.</summary>
    private sealed class PointProgress(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(value.Total, 1);
            task.Value = value.Done;
        }
    }
}
