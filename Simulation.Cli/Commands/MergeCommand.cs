using System.CommandLine;
using Simulation.Cli.Rendering;
using Simulation.Scenarios.Experiments.Sweeps;

namespace Simulation.Cli.Commands;

/// <summary><c>sim merge OUT [SHARD_FOLDER ...]</c>: combines the shards of a sweep into the dataset one machine would have written.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Argument<string>("out") { Description = "The sweep folder to finish (shards that shared it need nothing else)." };
        var inputs = new Argument<string[]>("shards") { Description = "Shard folders to copy finished points from (when shards wrote to separate folders).", Arity = ArgumentArity.ZeroOrMore };
        var json = CommonOptions.Json("the results");
        var quiet = CommonOptions.Quiet("output folder");
        var command = new Command(
            "merge",
            "Combine the shards of a sweep (sim sweep --shard i/n) into one dataset, byte-identical to a one-process run.\n\n" +
            "Examples:\n" +
            "  sim merge results/qs                                  (shards wrote into one shared folder)\n" +
            "  sim merge results/qs shard-0/ shard-1/ shard-2/ shard-3/   (shards wrote to their own folders)")
        {
            output, inputs, json, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outcome = await ScenarioSweep.MergeAsync(
                parse.GetValue(output)!,
                parse.GetValue(inputs) ?? [],
                "sim " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                cancellationToken).ConfigureAwait(false);
            await SweepReport.WriteAsync(context, outcome, Shard.All, parse.GetValue(json), parse.GetValue(quiet)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
