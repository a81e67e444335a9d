using System.Globalization;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// The <c>optimize</c> experiment: derive the sourcing problem from a scenario, optionally refine it
/// against the simulation, solve one mix or a Pareto frontier, simulate every distinct mix as a variant
/// file on common random numbers, and write <c>mix.yaml</c>, <c>pareto.parquet</c>, the charts and one
/// run folder per simulated mix, atomically (docs/optimizer.md).
/// </summary>
public static class SourcingOptimization
{
    /// <summary>Shares that differ by less than this count as the same mix (refinement stops; points share a simulation).</summary>
    public const double SameMixTolerance = 1e-4;

    /// <summary>Runs the experiment.</summary>
    /// <param name="scenario">The loaded scenario.</param>
    /// <param name="scenarioPath">Its file: variants <c>extends</c> it.</param>
    /// <param name="overrides">The <c>--set</c> overrides it was loaded with; the simulations apply them too.</param>
    /// <param name="settings">What to optimise and where to write.</param>
    /// <param name="cancellationToken">Cancels between steps; nothing is left behind.</param>
    /// <exception cref="ScenarioInputException">The scenario has errors, a setting is out of range, or no mix meets the request (the message names the binding constraints).</exception>
    public static async Task<OptimizeOutcome> ExecuteAsync(ScenarioLoadResult scenario, string scenarioPath, IReadOnlyList<string> overrides, OptimizeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(scenarioPath);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(settings);
        var definition = scenario.Definition
            ?? throw new ScenarioInputException($"The scenario has {scenario.Errors.Count} error(s); run 'sim validate' to list them.");
        CheckSettings(settings);
        if (settings.Build.Programmes && (definition.Social?.CapacityBuilding.Count ?? 0) == 0)
        {
            throw new ScenarioInputException($"--programme-budget needs capacity-building programmes to enrol suppliers in, and scenario '{definition.Name}' has none (social.capacity_building).");
        }
        SourcingProblem problem;
        try
        {
            problem = SourcingProblemBuilder.Build(definition, settings.Build);
            settings.Sourcing.Validate(problem.MinShare);
        }
        catch (ArgumentException e)
        {
            throw new ScenarioInputException(e.Message, e);
        }

        using var folder = RunFolder.Begin(settings.OutputDirectory, settings.Force);
        var programmes = definition.Social?.CapacityBuilding ?? [];
        var context = new Context(scenarioPath, overrides, settings, programmes, folder, cancellationToken);

        // Refinement first: the frontier is then traced with the parameters the simulation showed.
        var refinement = new List<RefineRound>();
        SourcingSolution? single = null;
        if (settings.RefineRounds > 0)
        {
            var estimate = new SocialRiskEstimate(definition);
            single = Require(Solve(problem, settings, context));
            for (int round = 1; round <= settings.RefineRounds; round++)
            {
                var simulated = await context.SimulateAsync(problem, single, $"refine-{round:D2}", $"refine round {round}").ConfigureAwait(false);
                var refined = SimulationFeedback.Apply(problem, single.Shares, single.Enrolled, simulated.Mix, definition, estimate, settings.Build.RelationshipCostPerYear / 365);
                var next = Require(Solve(refined, settings, context));
                double change = SimulationFeedback.MaxChange(single.Shares, next.Shares);
                bool settled = SameMix(single, next);
                refinement.Add(new RefineRound(round, change, single.Predicted, simulated.Mix, next.Predicted));
                problem = refined;
                single = next;
                if (settled)
                {
                    break;
                }
            }
        }

        List<(double? Epsilon, SourcingSolution Solution)> solved;
        if (settings.ParetoAxis is { } axis)
        {
            var frontier = SourcingSolver.Frontier(problem, settings.Sourcing, axis, settings.ParetoPoints,
                new Reporter(settings.Progress, "solving frontier", settings.ParetoPoints + 2));
            if (frontier.Points.Count == 0)
            {
                Require(frontier.Anchor);
            }

            solved = [.. frontier.Points.Select(p => ((double?)p.Epsilon, p.Solution))];
        }
        else
        {
            solved = [(null, single ?? Require(Solve(problem, settings, context)))];
        }

        var points = new List<OptimizedPoint>();
        var simulatedMixes = new List<(SourcingSolution Solution, SimulatedVariant Variant)>();
        for (int i = 0; i < solved.Count; i++)
        {
            var (epsilon, solution) = solved[i];
            if (!solution.HasMix)
            {
                points.Add(new OptimizedPoint(i, epsilon, solution, null, "", []));
                continue;
            }

            var known = simulatedMixes.FirstOrDefault(m => SameMix(m.Solution, solution));
            var variant = known.Variant ?? await context.SimulateAsync(problem, solution, $"point-{i + 1:D2}", $"point {i + 1} of {solved.Count}").ConfigureAwait(false);
            if (known.Variant is null)
            {
                simulatedMixes.Add((solution, variant));
            }

            points.Add(new OptimizedPoint(i, epsilon, solution, variant.Mix, variant.File, MixOf(problem, solution.Shares)) { Enrolments = EnrolmentsOf(problem, solution) });
        }

        int chosen = ChoosePoint(points, settings.Sourcing.Objective, settings.ParetoAxis);
        var chosenPoint = points[chosen];
        string mixYaml = MixVariantWriter.Render(
            problem,
            chosenPoint.Solution,
            programmes,
            Relative(folder.StagingPath, scenarioPath),
            $"{definition.Name}-optimized",
            settings.Replications,
            Header(definition.Name, settings, chosenPoint));
        await File.WriteAllTextAsync(folder.PathFor("mix.yaml"), mixYaml, cancellationToken).ConfigureAwait(false);
        var outcome = new OptimizeOutcome(definition.Name, folder.FinalPath, settings.Sourcing, settings.ParetoAxis, points, chosen, refinement, settings.Replications, problem.ScenarioCount);
        await ParetoFile.WriteAsync(folder.PathFor("pareto.parquet"), outcome, cancellationToken).ConfigureAwait(false);
        OptimizerCharts.Write(outcome, folder.PathFor("charts/mix-suppliers.png"), folder.PathFor("charts/mix-regions.png"),
            settings.ParetoAxis is null ? null : folder.PathFor("charts/frontier.png"));
        folder.Commit();
        return outcome;
    }

    private static void CheckSettings(OptimizeSettings settings)
    {
        if (settings.Replications is < 2 or > 10_000)
        {
            throw new ScenarioInputException($"--replications must be between 2 and 10,000 for the simulation check (a CI needs 2), got {settings.Replications}.");
        }

        if (settings.ParetoAxis is not null && settings.ParetoPoints is < 2 or > 200)
        {
            throw new ScenarioInputException($"--pareto needs between 2 and 200 points, got {settings.ParetoPoints}.");
        }

        if (settings.ParetoAxis == settings.Sourcing.Objective)
        {
            throw new ScenarioInputException($"--pareto must trade the objective ({SourcingKpis.Name(settings.Sourcing.Objective)}) against another KPI, not itself.");
        }

        if (settings.RefineRounds is < 0 or > 50)
        {
            throw new ScenarioInputException($"--refine must be between 0 and 50 rounds, got {settings.RefineRounds}.");
        }

        if (settings.Build.Scenarios is < 1 or > 100_000)
        {
            throw new ScenarioInputException($"--scenarios must be between 1 and 100,000, got {settings.Build.Scenarios}.");
        }

        if (settings.Threads < 1)
        {
            throw new ScenarioInputException($"--threads must be at least 1, got {settings.Threads}.");
        }
    }

    private static SourcingSolution Solve(SourcingProblem problem, OptimizeSettings settings, Context context)
    {
        settings.Progress?.Report(new OptimizeProgress("solving", 0, 1));
        var solution = SourcingSolver.Solve(problem, settings.Sourcing);
        settings.Progress?.Report(new OptimizeProgress("solving", 1, 1));
        context.CancellationToken.ThrowIfCancellationRequested();
        return solution;
    }

    /// <summary>The solution if it has a mix; otherwise the request is refused with its explanation.</summary>
    private static SourcingSolution Require(SourcingSolution solution) =>
        solution.HasMix ? solution : throw new ScenarioInputException(solution.Explanation);

    /// <summary>
    /// The mix written to mix.yaml: the only point of a single solve; on a frontier, the knee: with both
    /// KPIs scaled to [0, 1] over the frontier, the point farthest below the line joining its ends
    /// (the cheapest trade-off), or the loosest-cap point when the frontier is a line.
    /// </summary>
    private static int ChoosePoint(IReadOnlyList<OptimizedPoint> points, SourcingKpi objective, SourcingKpi? axis)
    {
        var withMix = points.Where(p => p.Solution.HasMix).ToList();
        if (axis is not { } x || withMix.Count < 3)
        {
            return withMix[^1].Index;
        }

        double X(OptimizedPoint p) => p.Solution.Predicted[x];
        double Y(OptimizedPoint p) => p.Solution.Predicted[objective];
        double xMin = withMix.Min(X), xRange = Math.Max(withMix.Max(X) - xMin, 1e-12);
        double yMin = withMix.Min(Y), yRange = Math.Max(withMix.Max(Y) - yMin, 1e-12);
        var first = withMix[0];
        var last = withMix[^1];
        (double X, double Y) Scaled(OptimizedPoint p) => ((X(p) - xMin) / xRange, (Y(p) - yMin) / yRange);
        var (x0, y0) = Scaled(first);
        var (x1, y1) = Scaled(last);
        int best = last.Index;
        double bestDistance = 1e-9;
        foreach (var point in withMix)
        {
            var (px, py) = Scaled(point);
            double lineY = Math.Abs(x1 - x0) < 1e-12 ? y0 : y0 + ((y1 - y0) * (px - x0) / (x1 - x0));
            double below = lineY - py;
            if (below > bestDistance)
            {
                bestDistance = below;
                best = point.Index;
            }
        }

        return best;
    }

    /// <summary>Two solutions are the same mix when no share differs by more than <see cref="SameMixTolerance"/> and they enrol the same suppliers.</summary>
    private static bool SameMix(SourcingSolution a, SourcingSolution b) =>
        SimulationFeedback.MaxChange(a.Shares, b.Shares) <= SameMixTolerance && a.Enrolled.SequenceEqual(b.Enrolled);

    private static List<ProgrammeEnrolment> EnrolmentsOf(SourcingProblem problem, SourcingSolution solution) =>
        [.. solution.Enrolled.Select(o => problem.ProgrammeOptions[o]).Select(o => new ProgrammeEnrolment(
            problem.Programmes[o.ProgrammeIndex].Id, problem.Candidates[o.CandidateIndex].SupplierId, o.CostPerYear))];

    private static List<MixShare> MixOf(SourcingProblem problem, IReadOnlyList<double> shares)
    {
        var mix = new List<MixShare>();
        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            if (shares[a] > SourcingEvaluation.UsedThreshold)
            {
                var arc = problem.Arcs[a];
                var buyer = problem.Buyers[arc.BuyerIndex];
                var candidate = problem.Candidates[arc.CandidateIndex];
                mix.Add(new MixShare(buyer.Id, candidate.SupplierId, candidate.RegionId, shares[a], shares[a] * buyer.DemandPerDay));
            }
        }

        return mix;
    }

    private static string Header(string scenarioName, OptimizeSettings settings, OptimizedPoint point)
    {
        var predicted = string.Join(", ", SourcingKpis.All.Select(k =>
            string.Create(CultureInfo.InvariantCulture, $"{SourcingKpis.Name(k)} {point.Solution.Predicted[k]:G4}")));
        return $"Sourcing mix for {scenarioName} chosen by 'sim optimize' (minimise {SourcingKpis.Name(settings.Sourcing.Objective)}; point {point.Index + 1}).\n" +
            $"Predicted: {predicted}.\n" +
            "Run it with 'sim run mix.yaml' (same seed and replications as the simulation check).";
    }

    private static string Relative(string fromDirectory, string path) =>
        Path.GetRelativePath(fromDirectory, Path.GetFullPath(path)).Replace('\\', '/');

    /// <summary>A simulated variant: its file (relative to the output folder) and what the simulation showed.</summary>
    private sealed record SimulatedVariant(string File, SimulatedMix Mix);

    /// <summary>What every simulation check of one run shares.</summary>
    private sealed class Context(
        string scenarioPath,
        IReadOnlyList<string> overrides,
        OptimizeSettings settings,
        IReadOnlyList<CapacityBuildingDefinition> programmes,
        RunFolder folder,
        CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken => cancellationToken;

        public async Task<SimulatedVariant> SimulateAsync(SourcingProblem problem, SourcingSolution solution, string name, string stage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string file = $"points/{name}.yaml";
            string path = folder.PathFor(file);
            string yaml = MixVariantWriter.Render(problem, solution, programmes, Relative(Path.GetDirectoryName(path)!, scenarioPath), name, settings.Replications,
                $"Mix '{name}' written by 'sim optimize'; simulated in points/{name}/.");
            await File.WriteAllTextAsync(path, yaml, cancellationToken).ConfigureAwait(false);
            var check = new SimulationCheckSettings(settings.Replications, settings.Threads, folder.PathFor($"points/{name}"), settings.CommandLine,
                settings.Sourcing.CvarAlpha, new Reporter(settings.Progress, "simulating " + stage, settings.Replications));
            var mix = await SimulationCheck.RunAsync(path, overrides, problem, solution.Shares, check, cancellationToken).ConfigureAwait(false);
            return new SimulatedVariant(file, mix with { RunDirectory = $"points/{name}" });
        }
    }

    /// <summary>Forwards a step count as a stage report.</summary>
    private sealed class Reporter(IProgress<OptimizeProgress>? progress, string stage, int total) : IProgress<int>
    {
        public void Report(int value) => progress?.Report(new OptimizeProgress(stage, value, total));
    }
}
