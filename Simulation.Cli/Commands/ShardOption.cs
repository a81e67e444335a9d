using System.Globalization;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments.Sweeps;

namespace Simulation.Cli.Commands;

/// <summary>
/// Which shard this process runs: <c>--shard i/n</c> (0-based), or else a cluster's array job variables:
/// Slurm's <c>SLURM_ARRAY_TASK_ID</c> (minus <c>SLURM_ARRAY_TASK_MIN</c>, divided by <c>SLURM_ARRAY_TASK_STEP</c>) of <c>SLURM_ARRAY_TASK_COUNT</c>, or a
/// Kubernetes indexed Job's <c>JOB_COMPLETION_INDEX</c> of <c>SIM_SHARD_COUNT</c> (set it to the Job's completions).
/// </summary>
internal static class ShardOption
{
    public static Shard Resolve(string? option, Func<string, string?> environment)
    {
        if (option is not null)
        {
            return Parse(option, "--shard");
        }

        if (environment("SLURM_ARRAY_TASK_ID") is { } id && environment("SLURM_ARRAY_TASK_COUNT") is { } count)
        {
            int min = environment("SLURM_ARRAY_TASK_MIN") is { } text ? Number(text, "SLURM_ARRAY_TASK_MIN") : 0;
            int step = environment("SLURM_ARRAY_TASK_STEP") is { } stepText ? Number(stepText, "SLURM_ARRAY_TASK_STEP") : 1;
            int task = Number(id, "SLURM_ARRAY_TASK_ID");
            int tasks = Number(count, "SLURM_ARRAY_TASK_COUNT");
            int offset = task - min;
            if (step < 1 || offset < 0 || offset % step != 0 || offset / step >= tasks)
            {
                // A rerun of some tasks (--array=3,7) or an uneven list: the variables cannot say which shard this is.
                throw new ScenarioInputException(string.Create(CultureInfo.InvariantCulture,
                    $"SLURM_ARRAY_TASK_ID={task} is not task {offset / Math.Max(step, 1)} of an evenly stepped array of {tasks} (min {min}, step {step}), as a rerun of some tasks (--array=3,7) makes it; pass the shard explicitly: --shard \"$SLURM_ARRAY_TASK_ID/N\" (docs/cluster.md)."));
            }

            return Check(offset / step, tasks, "SLURM_ARRAY_TASK_ID");
        }

        if (environment("JOB_COMPLETION_INDEX") is { } index)
        {
            string total = environment("SIM_SHARD_COUNT")
                ?? throw new ScenarioInputException("JOB_COMPLETION_INDEX is set but SIM_SHARD_COUNT is not: set SIM_SHARD_COUNT to the Job's completions (or pass --shard i/n).");
            return Check(Number(index, "JOB_COMPLETION_INDEX"), Number(total, "SIM_SHARD_COUNT"), "JOB_COMPLETION_INDEX");
        }

        return Shard.All;
    }

    private static Shard Parse(string text, string source)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 ||
            !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index) ||
            !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new ScenarioInputException($"{source} must look like i/n (shard i of n, counting from 0), e.g. 0/4; got '{text}'.");
        }

        return Check(index, count, source);
    }

    private static Shard Check(int index, int count, string source) =>
        count >= 1 && index >= 0 && index < count
            ? new Shard(index, count)
            : throw new ScenarioInputException($"{source}: shard {index} of {count} does not exist; shards count from 0 to n - 1.");

    private static int Number(string text, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ScenarioInputException($"{name} must be a whole number, got '{text}'.");
}
