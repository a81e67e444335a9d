using System.CommandLine;
using System.CommandLine.Parsing;
using Simulation.Cli.Rendering;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments.Compare;
using Spectre.Console;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim compare FILE --variant NAME=VARIANT.yaml ... [--variant NAME --set path=value ...]</c>: variants
/// on common random numbers, paired differences with 95% CIs, Parquet and a chart.
/// </summary>
/// <remarks>
/// A <c>--set</c> before the first <c>--variant</c> applies to the base and every variant (e.g. a shorter
/// horizon); a <c>--set</c> after a <c>--variant</c> belongs to that variant only.
/// </remarks>
internal static class CompareCommand
{
    private const string VariantOption = "--variant";
    private const string SetOption = "--set";

    public static Command Create(CliContext context)
    {
        var file = CommonOptions.ScenarioFile();
        file.Description = "The base scenario file (YAML); every difference is measured against it.";
        var set = CommonOptions.Set();
        set.Description = "Override a value: before any --variant it applies to all, after a --variant to that variant only. Repeatable.";
        var variant = new Option<string[]>(VariantOption)
        {
            Description = "A variant: NAME=FILE.yaml (a scenario that extends the base), or NAME followed by its own --set overrides. Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var replications = new Option<int?>("--replications", "-r") { Description = "Replications per variant (default: the base scenario's)." };
        var seed = new Option<ulong?>("--seed") { Description = "Master seed of every variant (default: the base scenario's)." };
        var threads = CommonOptions.Threads();
        var output = new Option<string?>("--out", "-o") { Description = "Run folder to create (default: runs/<scenario>-compare-<time>)." };
        var force = CommonOptions.Force("output folder");
        var json = CommonOptions.Json("the results");
        var quiet = CommonOptions.Quiet("output folder");

        var command = new Command(
            "compare",
            "Compare variants of a scenario on common random numbers: per KPI each variant's mean, the paired difference from the base with its 95% CI, and how much pairing narrowed it.\n\n" +
            "Examples:\n" +
            "  sim compare scenarios/quickstart.yaml --variant more-capacity --set suppliers[cmt-01].capacity_per_day=900\n" +
            "  sim compare scenarios/quickstart.yaml --set horizon_days=365 --variant terms30 --set buyers[brand-a].payment_terms_days=30\n" +
            "  sim compare scenarios/smart-mix.yaml --variant mandatory=scenarios/smart-mix-mandatory.yaml --variant voluntary=scenarios/smart-mix-voluntary.yaml   (variant files that extend the base)")
        {
            file, set, variant, replications, seed, threads, output, force, json, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string basePath = parse.GetValue(file)!.FullName;
            var (shared, variants) = Variants(parse, basePath);
            var settings = new ComparisonSettings
            {
                BaseScenarioPath = basePath,
                SharedOverrides = shared,
                Variants = variants,
                Replications = parse.GetValue(replications),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                OutputDirectory = parse.GetValue(output) ?? "",
                Force = parse.GetValue(force),
                CommandLine = "sim " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };

            var scenarios = ScenarioComparison.Load(settings);
            var failed = scenarios.Where(s => !s.Scenario.Succeeded).ToList();
            if (failed.Count > 0)
            {
                foreach (var (name, scenario) in failed)
                {
                    await context.Error.WriteLineAsync($"{name}: {scenario.Errors.Count} error(s):").ConfigureAwait(false);
                    context.ReportErrors(scenario.Errors);
                }

                await context.Error.WriteLineAsync("Nothing was run.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (settings.OutputDirectory.Length == 0)
            {
                settings = settings with { OutputDirectory = OutputPaths.TimestampedDefault(scenarios[0].Scenario.Definition!.Name, "-compare") };
            }

            bool machineOutput = parse.GetValue(json) || parse.GetValue(quiet);
            var outcome = machineOutput
                ? await ScenarioComparison.ExecuteAsync(scenarios, settings, cancellationToken).ConfigureAwait(false)
                : await RunWithProgressAsync(context.Console, scenarios, settings, cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(ComparisonJson.Render(outcome)).ConfigureAwait(false);
            }
            else if (parse.GetValue(quiet))
            {
                await context.Out.WriteLineAsync(outcome.OutputDirectory).ConfigureAwait(false);
            }
            else
            {
                ComparisonTable.Render(context.Console, outcome);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Splits the command line's <c>--set</c>s between the shared list and the variants, by their
    /// position: the parser keeps tokens in order, which an option's values alone would lose.
    /// </summary>
    private static (List<string> Shared, List<ComparisonVariant> Variants) Variants(ParseResult parse, string basePath)
    {
        var shared = new List<string>();
        var variants = new List<(string Name, string Path, List<string> Overrides)>();
        var tokens = parse.Tokens;
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Type != TokenType.Option)
            {
                continue;
            }

            string value = tokens[i + 1].Value;
            if (tokens[i].Value == VariantOption)
            {
                int equals = value.IndexOf('=', StringComparison.Ordinal);
                variants.Add(equals < 0
                    ? (value, basePath, [])
                    : (value[..equals], Path.GetFullPath(value[(equals + 1)..]), []));
            }
            else if (tokens[i].Value == SetOption)
            {
                (variants.Count == 0 ? shared : variants[^1].Overrides).Add(value);
            }
        }

        return (shared, [.. variants.Select(v => new ComparisonVariant(v.Name, v.Path, v.Overrides))]);
    }

    private static async Task<ComparisonOutcome> RunWithProgressAsync(
        IAnsiConsole console,
        IReadOnlyList<(string Name, ScenarioLoadResult Scenario)> scenarios,
        ComparisonSettings settings,
        CancellationToken cancellationToken)
    {
        int total = scenarios.Count * (settings.Replications ?? scenarios[0].Scenario.Definition!.Replications);
        ComparisonOutcome? outcome = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"{scenarios[0].Scenario.Definition!.Name}: {scenarios.Count} variants", maxValue: total);
                var withProgress = settings with { Progress = new ProgressBar(task) };
                outcome = await Task.Run(() => ScenarioComparison.ExecuteAsync(scenarios, withProgress, cancellationToken), cancellationToken).ConfigureAwait(false);
                task.Value = total;
            }).ConfigureAwait(false);
        return outcome!;
    }
}
