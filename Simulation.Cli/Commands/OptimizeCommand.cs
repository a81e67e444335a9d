using System.CommandLine;
using System.Globalization;
using Simulation.Cli.Rendering;
using Simulation.Core.Optimization;
using Simulation.Scenarios;
using Simulation.Scenarios.Optimization;
using Spectre.Console;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sim optimize FILE</c>: OR-Tools chooses the sourcing mix (or traces a Pareto frontier) and the
/// simulation checks every mix; prints predicted beside simulated and writes mix.yaml, pareto.parquet
/// and charts (docs/optimizer.md).
/// </summary>
internal static class OptimizeCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.ScenarioFile();
        var set = CommonOptions.Set();
        var objective = new Option<string>("--objective") { Description = "KPI to minimise: cost, co2e, water, social, shortfall or cvar.", DefaultValueFactory = _ => "cost" };
        var caps = new Option<string[]>("--cap") { Description = "Cap a KPI per unit of demand: --cap co2e=1.6. Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var maxShare = new Option<double>("--max-share") { Description = "Largest share of a buyer's demand one supplier may get.", DefaultValueFactory = _ => 1 };
        var maxRegionShare = new Option<double>("--max-region-share") { Description = "Largest share of a buyer's demand one region may get.", DefaultValueFactory = _ => 1 };
        var minShare = new Option<double>("--min-share") { Description = "Smallest share a supplier gets if it is used at all.", DefaultValueFactory = _ => 0.01 };
        var cvarAlpha = new Option<double>("--cvar-alpha") { Description = "Level of the CVaR of shortfall: 0.95 averages the worst 5% of disruption scenarios.", DefaultValueFactory = _ => 0.95 };
        var maxCvar = new Option<double?>("--max-cvar") { Description = "Continuity constraint: cap on the CVaR of the shortfall share (same as --cap cvar=...)." };
        var scenarios = new Option<int>("--scenarios") { Description = "Disruption scenarios sampled from the scenario's disruption model.", DefaultValueFactory = _ => 200 };
        var pareto = new Option<string?>("--pareto") { Description = "Trace a Pareto frontier: --pareto co2e:8 = 8 points over CO2e." };
        var gap = new Option<double>("--gap") { Description = "Relative optimality gap each solve stops at (the default leaves no dominated frontier points on the shipped scenarios).", DefaultValueFactory = _ => SourcingSettings.DefaultGap };
        var maxChange = new Option<double?>("--max-change") { Description = "Largest move of any supplier's share from today's mix (responsible exit, phase-out), e.g. 0.2." };
        var maxUtilisation = new Option<double>("--max-utilisation") { Description = "Largest use of any supplier's capacity at peak demand, so disrupted volume can be caught up (e.g. 0.85).", DefaultValueFactory = _ => 1 };
        var periodDays = new Option<double>("--period-days") { Description = "Periods the optimizer and the simulated CVaR split each replication into (seasonality, bad quarters).", DefaultValueFactory = _ => 91 };
        var capacityAtPeak = new Option<bool>("--capacity-at-peak") { Description = "Make capacities carry the busiest period's demand, not the mean (for buyers whose stock cannot carry the season)." };
        var upstreamDisruptions = new Option<bool>("--upstream-disruptions") { Description = "Let upper-tier disruptions lower a tier-1 supplier's availability through the bill of materials (ignores input stocks, so pessimistic)." };
        var noCalibration = new Option<bool>("--no-calibration") { Description = "Judge a shortfall or CVaR objective or cap on the uncalibrated prediction (by default the days of disrupted supply the buyers' stocks absorb are fitted to today's simulated tail first)." };
        var suggestCapacity = new Option<bool>("--suggest-capacity") { Description = "When a request is infeasible, also suggest capacity expansions (by default only changes to your caps and limits)." };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds per solve.", DefaultValueFactory = _ => 60 };
        var refine = new Option<int>("--refine") { Description = "Rounds of feeding simulated availability, cost and social risk per supplier back and re-solving (stops early when the mix stops changing).", DefaultValueFactory = _ => 0 };
        var replications = new Option<int>("--replications", "-r") { Description = "Replications of the simulation check of each mix (today's included; the CVaR is over replications x periods).", DefaultValueFactory = _ => 20 };
        var relationshipCost = new Option<double>("--relationship-cost") { Description = "Cost per buyer-supplier relationship per year.", DefaultValueFactory = _ => 0 };
        var certificationPremium = new Option<double>("--certification-premium") { Description = "Premium of a certified supplier, as a fraction of its price.", DefaultValueFactory = _ => 0 };
        var complianceCost = new Option<double>("--compliance-cost") { Description = "Expected compliance cost per worker-exposure-day of social risk.", DefaultValueFactory = _ => 0 };
        var programmeBudget = new Option<double?>("--programme-budget")
        {
            Description = "Also choose which tier-1 suppliers the scenario's capacity-building programmes enrol, within this budget (currency per year).",
        };
        var threads = CommonOptions.Threads();
        var output = new Option<string?>("--out", "-o") { Description = "Output folder to create (default: runs/<scenario>-optimize-<time>)." };
        var force = CommonOptions.Force("output folder");
        var json = CommonOptions.Json("the result");
        var quiet = CommonOptions.Quiet("output folder");
        var command = new Command(
            "optimize",
            "Choose the sourcing mix with OR-Tools (cost, CO2e, water, social risk, shortfall, CVaR of shortfall), trace a Pareto frontier, and check every mix by simulation against today's mix on the same random numbers; a recommendation that simulates worse than today's or breaks a cap is flagged first.\n\n" +
            "Examples:\n" +
            "  sim optimize scenarios/quickstart.yaml --max-share 0.4 --max-cvar 0.07\n" +
            "  sim optimize scenarios/quickstart.yaml --objective cost --max-cvar 0.000832   (today's simulated CVaR: cheaper, tail no worse)\n" +
            "  sim optimize scenarios/apparel-bangladesh.yaml --pareto co2e:8 -r 10\n" +
            "  sim optimize scenarios/smart-mix.yaml --objective cost --max-change 0.2 --refine 2")
        {
            file, set, objective, caps, maxShare, maxRegionShare, minShare, maxChange, maxUtilisation, cvarAlpha, maxCvar, scenarios, periodDays, pareto, gap, timeLimit, refine,
            suggestCapacity, capacityAtPeak, upstreamDisruptions, noCalibration,
            replications, relationshipCost, certificationPremium, complianceCost, programmeBudget, threads, output, force, json, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string scenarioFile = parse.GetValue(file)!.FullName;
            var overrides = parse.GetValue(set) ?? [];
            var scenario = ScenarioLoader.Load(scenarioFile, overrides);
            if (!scenario.Succeeded)
            {
                context.ReportErrors(scenario.Errors);
                await context.Error.WriteLineAsync($"{scenario.Errors.Count} error(s); nothing was optimised.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var capValues = ParseCaps(parse.GetValue(caps) ?? []);
            if (parse.GetValue(maxCvar) is { } cvarCap)
            {
                capValues[SourcingKpi.Cvar] = cvarCap;
            }

            var (axis, points) = ParsePareto(parse.GetValue(pareto));
            double seconds = parse.GetValue(timeLimit);
            if (!(seconds > 0 && seconds <= 86_400))
            {
                throw new ScenarioInputException($"--time-limit must be in (0, 86400] seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}.");
            }

            string name = scenario.Definition!.Name;
            double? budget = parse.GetValue(programmeBudget);
            bool machineOutput = parse.GetValue(json) || parse.GetValue(quiet);
            var settings = new OptimizeSettings
            {
                Sourcing = new SourcingSettings
                {
                    Objective = ParseKpi(parse.GetValue(objective)!, "--objective"),
                    Caps = capValues,
                    MaxSupplierShare = parse.GetValue(maxShare),
                    MaxRegionShare = parse.GetValue(maxRegionShare),
                    CvarAlpha = parse.GetValue(cvarAlpha),
                    RelativeGap = parse.GetValue(gap),
                    TimeLimit = TimeSpan.FromSeconds(seconds),
                    ProgrammeBudgetPerYear = budget ?? double.PositiveInfinity,
                    MaxShareChange = parse.GetValue(maxChange) ?? 1,
                    MaxUtilisation = parse.GetValue(maxUtilisation),
                    SuggestCapacity = parse.GetValue(suggestCapacity),
                },
                Build = new SourcingBuildOptions
                {
                    Scenarios = parse.GetValue(scenarios),
                    MinShare = parse.GetValue(minShare),
                    RelationshipCostPerYear = parse.GetValue(relationshipCost),
                    CertificationPremium = parse.GetValue(certificationPremium),
                    ComplianceCostPerExposureDay = parse.GetValue(complianceCost),
                    Programmes = budget is not null,
                    PeriodDays = parse.GetValue(periodDays),
                    CapacityAtPeak = parse.GetValue(capacityAtPeak),
                    UpstreamDisruptions = parse.GetValue(upstreamDisruptions),
                },
                ParetoAxis = axis,
                ParetoPoints = points,
                RefineRounds = parse.GetValue(refine),
                Calibrate = !parse.GetValue(noCalibration),
                Replications = parse.GetValue(replications),
                Threads = parse.GetValue(threads),
                OutputDirectory = parse.GetValue(output) ?? OutputPaths.TimestampedDefault(name, "-optimize"),
                Force = parse.GetValue(force),
                CommandLine = "sim " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            var outcome = machineOutput
                ? await SourcingOptimization.ExecuteAsync(scenario, scenarioFile, overrides, settings, cancellationToken).ConfigureAwait(false)
                : await RunWithProgressAsync(context.Console, scenario, scenarioFile, overrides, settings, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(OptimizeReport.Json(outcome)).ConfigureAwait(false);
            }
            else if (parse.GetValue(quiet))
            {
                await context.Out.WriteLineAsync(outcome.OutputDirectory).ConfigureAwait(false);
            }
            else
            {
                OptimizeReport.Render(context.Console, outcome, overrides);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<OptimizeOutcome> RunWithProgressAsync(IAnsiConsole console, ScenarioLoadResult scenario, string scenarioFile, IReadOnlyList<string> overrides, OptimizeSettings settings, CancellationToken cancellationToken)
    {
        OptimizeOutcome? outcome = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var reporter = new StageReporter(progress);
                var withProgress = settings with { Progress = reporter };
                outcome = await Task.Run(() => SourcingOptimization.ExecuteAsync(scenario, scenarioFile, overrides, withProgress, cancellationToken), cancellationToken).ConfigureAwait(false);
                reporter.CompleteAll();
            }).ConfigureAwait(false);
        return outcome!;
    }

    internal static Dictionary<SourcingKpi, double> ParseCaps(IEnumerable<string> caps)
    {
        var values = new Dictionary<SourcingKpi, double>();
        foreach (string cap in caps)
        {
            int equals = cap.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0
                || !double.TryParse(cap.AsSpan(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value) || value < 0)
            {
                throw new ScenarioInputException($"--cap '{cap}': expected kpi=value with a number >= 0, e.g. --cap co2e=1.6.");
            }

            values[ParseKpi(cap[..equals], "--cap")] = value;
        }

        return values;
    }

    internal static (SourcingKpi? Axis, int Points) ParsePareto(string? pareto)
    {
        if (pareto is null)
        {
            return (null, 0);
        }

        int colon = pareto.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(pareto.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int points))
        {
            throw new ScenarioInputException($"--pareto '{pareto}': expected kpi:points, e.g. --pareto co2e:8.");
        }

        return (ParseKpi(pareto[..colon], "--pareto"), points);
    }

    private static SourcingKpi ParseKpi(string name, string option) =>
        SourcingKpis.TryParse(name.Trim(), out var kpi)
            ? kpi
            : throw new ScenarioInputException($"{option}: unknown KPI '{name}'; expected one of {string.Join(", ", SourcingKpis.All.Select(SourcingKpis.Name))}.");

    /// <summary>One progress bar per stage, created when the stage first reports.</summary>
    private sealed class StageReporter(ProgressContext progress) : IProgress<OptimizeProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(OptimizeProgress value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Stage, out var task))
                {
                    _tasks[value.Stage] = task = progress.AddTask(value.Stage, maxValue: Math.Max(1, value.Total));
                }

                task.Value = value.Done;
            }
        }

        public void CompleteAll()
        {
            lock (_gate)
            {
                foreach (var task in _tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            }
        }
    }
}
