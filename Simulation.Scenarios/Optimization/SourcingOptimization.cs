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
            throw new ScenarioInputException(ScenarioInputException.UserMessage(e), e);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var folder = RunFolder.Begin(settings.OutputDirectory, settings.Force);
        var programmes = definition.Social?.CapacityBuilding ?? [];
        var context = new Context(scenarioPath, overrides, settings, programmes, folder, cancellationToken);

        // Solve first, so a request no mix meets is refused before any simulation; unless continuity is
        // judged on the prediction calibrated to today's simulated tail, which needs today's simulation.
        SourcingSolution first;
        SimulatedVariant baselineSimulated;
        TailCalibration? calibration = null;
        if (Calibrates(problem, settings))
        {
            var todayUncalibrated = Baseline(problem, settings.Sourcing);
            baselineSimulated = await context.SimulateBaselineAsync(problem, todayUncalibrated).ConfigureAwait(false);
            calibration = FitTail(problem, todayUncalibrated.Shares, baselineSimulated.Mix, settings.Sourcing.CvarAlpha);
            problem = calibration.Apply(problem);
            first = Solve(problem, settings, context);
            if (!first.HasMix)
            {
                throw new ScenarioInputException(first.Explanation.TrimEnd() + "\n" + calibration.Describe());
            }
        }
        else
        {
            first = Require(Solve(problem, settings, context));
            baselineSimulated = await context.SimulateBaselineAsync(problem, Baseline(problem, settings.Sourcing)).ConfigureAwait(false);
        }

        // Today's mix, simulated on the same random numbers as every candidate.
        var today = Baseline(problem, settings.Sourcing);
        var baseline = new OptimizedPoint(0, null, today, baselineSimulated.Mix, OptimizedPoint.BaselineName, MixOf(problem, today.Shares));

        // Refinement first: the frontier is then traced with the parameters the simulation showed.
        var refinement = new List<RefineRound>();
        var candidates = new List<(SourcingSolution Solution, SourcingProblem Problem, SimulatedVariant? Variant)>();
        string refinementStop = "";
        SourcingSolution? single = null;
        if (settings.RefineRounds > 0)
        {
            var estimate = new SocialRiskEstimate(definition);
            bool continuity = ContinuityMatters(settings);
            var observed = new List<OutageObservation> { new(today.Shares, baselineSimulated.Mix.PeriodShortfalls) };
            single = first;
            for (int round = 1; round <= settings.RefineRounds; round++)
            {
                var simulated = await context.SimulateAsync(problem, single, $"refine-{round:D2}", $"refine round {round}").ConfigureAwait(false);
                candidates.Add((single, problem, simulated));
                var refined = SimulationFeedback.Apply(problem, single.Shares, single.Enrolled, simulated.Mix, definition, estimate, settings.Build.RelationshipCostPerYear / 365);
                if (continuity)
                {
                    observed.Add(new OutageObservation(single.Shares, simulated.Mix.PeriodShortfalls));
                }

                if (continuity && simulated.Mix.Kpis[SourcingKpi.Cvar].Ci95Low > single.Predicted[SourcingKpi.Cvar])
                {
                    // Shortfall scenarios by supplier, refitted when the round's tail is surely worse than
                    // predicted (a tail within the noise would fit noise): every mix simulated so far says,
                    // scenario by scenario, how much more is lost when a supplier is down than its outage, per
                    // unit of share above today's (so today's prediction, and the absorption fitted to it, stay).
                    refined = OutageAmplification.WithWeights(refined, OutageAmplification.Fit(refined, observed));
                }

                if (calibration is not null)
                {
                    // Refit to today's mix under the round's parameters, so today's mix stays an answer the
                    // caps admit; a round's mix whose tail the simulation shows above a cap is flagged or
                    // passed over (BestSimulated), not fitted to, since one absorption cannot match both.
                    var fit = FitTail(refined, today.Shares, baselineSimulated.Mix, settings.Sourcing.CvarAlpha);
                    refined = fit.Apply(refined);
                    calibration = fit with { PredictedCvarBefore = calibration.PredictedCvarBefore };
                }

                var next = Solve(refined, settings, context);
                if (!next.HasMix)
                {
                    // Keep the rounds so far: the mixes they simulated are still candidates.
                    refinement.Add(new RefineRound(round, double.NaN, single.Predicted, simulated.Mix, new Dictionary<SourcingKpi, double>())
                    {
                        Changes = SimulationFeedback.DescribeChanges(problem, refined),
                    });
                    string why = FirstLine(next.Explanation);
                    refinementStop = $"Refinement stopped in round {round}: with the simulated parameters, {char.ToLowerInvariant(why[0])}{why[1..]} The earlier rounds' mixes are kept.";
                    single = null;
                    break;
                }

                bool settled = SourcingSolver.SameMix(single, next);
                refinement.Add(new RefineRound(round, SimulationFeedback.MaxChange(single.Shares, next.Shares), single.Predicted, simulated.Mix, next.Predicted)
                {
                    Changes = SimulationFeedback.DescribeChanges(problem, refined),
                });
                problem = refined;
                single = next;
                if (settled)
                {
                    break;
                }
            }
        }

        int requested = 0;
        List<(double? Epsilon, SourcingSolution Solution, SourcingProblem Problem)> solved;
        if (settings.ParetoAxis is { } axis)
        {
            var frontier = SourcingSolver.Frontier(problem, settings.Sourcing, axis, settings.ParetoPoints,
                new Reporter(settings.Progress, "solving frontier", settings.ParetoPoints + 2));
            if (frontier.Points.Count == 0)
            {
                Require(frontier.Anchor);
            }

            requested = frontier.RequestedPoints;
            solved = [.. frontier.Points.Select(p => ((double?)p.Epsilon, p.Solution, problem))];
        }
        else if (settings.RefineRounds > 0)
        {
            // The refinement's candidates: every mix a round simulated, and the last re-solve.
            if (single is not null)
            {
                candidates.Add((single, problem, null));
            }

            solved = [.. candidates.Where((c, i) => !candidates.Take(i).Any(e => SourcingSolver.SameMix(e.Solution, c.Solution)))
                .Select(c => ((double?)null, c.Solution, c.Problem))];
        }
        else
        {
            solved = [(null, first, problem)];
        }

        var points = new List<OptimizedPoint> { baseline };
        var simulatedMixes = candidates.Where(c => c.Variant is not null).Select(c => (c.Solution, Variant: c.Variant!)).ToList();
        for (int i = 0; i < solved.Count; i++)
        {
            var (epsilon, solution, pointProblem) = solved[i];
            int index = i + 1;
            if (!solution.HasMix)
            {
                points.Add(new OptimizedPoint(index, epsilon, solution, null, "", []));
                continue;
            }

            var known = simulatedMixes.FirstOrDefault(m => SourcingSolver.SameMix(m.Solution, solution));
            var variant = known.Variant ?? await context.SimulateAsync(pointProblem, solution, $"point-{index:D2}", $"point {index} of {solved.Count}").ConfigureAwait(false);
            if (known.Variant is null)
            {
                simulatedMixes.Add((solution, variant));
            }

            var point = new OptimizedPoint(index, epsilon, solution, variant.Mix, variant.File, MixOf(pointProblem, solution.Shares)) { Enrolments = EnrolmentsOf(pointProblem, solution) };
            points.Add(PointVerdict.Judge(point, baseline, settings.Sourcing));
        }

        int chosen = settings.ParetoAxis is null && settings.RefineRounds > 0
            ? BestSimulated(points, settings.Sourcing)
            : ChoosePoint(points, settings.Sourcing.Objective, settings.ParetoAxis);
        var chosenPoint = points[chosen];
        string mixYaml = MixVariantWriter.Render(
            problem,
            chosenPoint.Solution,
            programmes,
            Path.GetFullPath(scenarioPath).Replace('\\', '/'),
            $"{definition.Name}-optimized",
            settings.Replications,
            Header(definition.Name, settings, chosenPoint));
        await File.WriteAllTextAsync(folder.PathFor("mix.yaml"), mixYaml, cancellationToken).ConfigureAwait(false);
        var outcome = new OptimizeOutcome(definition.Name, folder.FinalPath, settings, points, chosen, refinement, settings.Build.Scenarios, problem.PeriodsPerReplication)
        {
            RefinementStop = refinementStop,
            RequestedPoints = requested,
            Calibration = calibration,
        };
        await ParetoFile.WriteAsync(folder.PathFor("pareto.parquet"), outcome, cancellationToken).ConfigureAwait(false);
        await OptimizeFiles.WriteMixAsync(folder.PathFor(OptimizeFiles.MixFile), problem, today, chosenPoint, cancellationToken).ConfigureAwait(false);
        OptimizerCharts.Write(outcome, folder.PathFor("charts/mix-suppliers.png"), folder.PathFor("charts/mix-regions.png"),
            settings.ParetoAxis is null ? null : folder.PathFor("charts/frontier.png"));
        await OptimizeFiles.WriteManifestAsync(folder.PathFor(OptimizeFiles.ManifestFile), outcome, settings, definition, context.SolveSeconds, context.SimulateSeconds, clock.Elapsed.TotalSeconds, cancellationToken).ConfigureAwait(false);
        OptimizeReportPage.Write(folder.StagingPath);
        folder.Commit();
        return outcome;
    }

    /// <summary>
    /// Whether continuity is judged on the calibrated prediction: a shortfall or CVaR objective or cap, a
    /// buyer with a stock cover (whose absorption is what is calibrated), and not <c>--no-calibration</c>.
    /// </summary>
    private static bool Calibrates(SourcingProblem problem, OptimizeSettings settings) =>
        settings.Calibrate && problem.HasStockCover && ContinuityMatters(settings);

    /// <summary>Whether the shortfall or its CVaR is the objective, a cap or the Pareto axis (then refine also fits the outage weights).</summary>
    private static bool ContinuityMatters(OptimizeSettings settings) =>
        settings.Sourcing.Objective is SourcingKpi.Cvar or SourcingKpi.Shortfall
        || settings.Sourcing.Caps.ContainsKey(SourcingKpi.Cvar) || settings.Sourcing.Caps.ContainsKey(SourcingKpi.Shortfall)
        || settings.ParetoAxis is SourcingKpi.Cvar or SourcingKpi.Shortfall;

    private static TailCalibration FitTail(SourcingProblem problem, IReadOnlyList<double> shares, SimulatedMix simulated, double alpha) =>
        TailCalibration.Fit(problem, shares, Math.Max(0, simulated.Kpis[SourcingKpi.Cvar].Mean), alpha);

    /// <summary>Today's mix as a solution: the scenario's own shares, evaluated by the prediction model.</summary>
    private static SourcingSolution Baseline(SourcingProblem problem, SourcingSettings settings)
    {
        var shares = problem.BaselineShares.Count == problem.Arcs.Count ? problem.BaselineShares : new double[problem.Arcs.Count];
        return new SourcingSolution
        {
            Status = SourcingStatus.Feasible,
            Shares = shares,
            Predicted = SourcingEvaluation.Evaluate(problem, shares, [], settings.CvarAlpha),
        };
    }

    /// <summary>
    /// The refinement's recommendation: of the simulated candidates that neither break a cap nor
    /// simulate worse than today's mix, the one with the lowest simulated objective (among those whose
    /// simulated means meet every cap, if any do); when every one is
    /// flagged, the last (flagged, so the outputs say no safe mix was found).
    /// </summary>
    private static int BestSimulated(List<OptimizedPoint> points, SourcingSettings settings)
    {
        var safe = points.Where(p => !p.IsBaseline && p.Simulated is not null && !p.IsFlagged).ToList();

        // A cap whose simulated CI merely reaches below it is not broken, but a mix whose simulated mean
        // meets every cap is the better answer when there is one.
        var withinCaps = safe.Where(p => settings.Caps.All(c => p.Simulated!.Kpis[c.Key].Mean <= c.Value)).ToList();
        var pool = withinCaps.Count > 0 ? withinCaps : safe;
        return pool.Count > 0 ? pool.OrderBy(p => p.Simulated!.Kpis[settings.Objective].Mean).First().Index : points[^1].Index;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim().TrimEnd(':') + (text.Contains('\n') ? ": " + string.Join("; ", text.Split('\n').Skip(1).Select(l => l.Trim())) + "." : "");

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
        context.SolveSeconds += solution.SolveTime.TotalSeconds;
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
        var withMix = points.Where(p => p.Solution.HasMix && !p.IsBaseline).ToList();
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
        return $"Sourcing mix for {scenarioName} chosen by 'sim optimize' (minimise {SourcingKpis.Name(settings.Sourcing.Objective)}; point {point.Label}).\n" +
            (point.IsFlagged ? $"WARNING: in simulation this mix {PointVerdict.Describe(point)}.\n" : "") +
            $"Predicted: {predicted}.\n" +
            "Run it with 'sim run mix.yaml' (same seed and replications as the simulation check).";
    }

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

        /// <summary>Seconds spent in solves.</summary>
        public double SolveSeconds { get; set; }

        /// <summary>Seconds spent in simulation checks.</summary>
        public double SimulateSeconds { get; private set; }

        public async Task<SimulatedVariant> SimulateAsync(SourcingProblem problem, SourcingSolution solution, string name, string stage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string file = $"points/{name}.yaml";
            string path = folder.PathFor(file);

            // An absolute extends path: the variant still runs when the output folder is moved.
            string yaml = MixVariantWriter.Render(problem, solution, programmes, Path.GetFullPath(scenarioPath).Replace('\\', '/'), name, settings.Replications,
                $"Mix '{name}' written by 'sim optimize'; simulated in points/{name}/.");
            await File.WriteAllTextAsync(path, yaml, cancellationToken).ConfigureAwait(false);
            var mix = await RunAsync(path, problem, solution.Shares, name, stage).ConfigureAwait(false);
            return new SimulatedVariant(file, mix);
        }

        /// <summary>Simulates the scenario itself (today's mix) into points/baseline/.</summary>
        public async Task<SimulatedVariant> SimulateBaselineAsync(SourcingProblem problem, SourcingSolution today) =>
            new(OptimizedPoint.BaselineName, await RunAsync(scenarioPath, problem, today.Shares, OptimizedPoint.BaselineName, "today's mix").ConfigureAwait(false));

        private async Task<SimulatedMix> RunAsync(string path, SourcingProblem problem, IReadOnlyList<double> shares, string name, string stage)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var check = new SimulationCheckSettings(settings.Replications, settings.Threads, folder.PathFor($"points/{name}"), settings.CommandLine,
                settings.Sourcing.CvarAlpha, settings.Build.PeriodDays, new Reporter(settings.Progress, "simulating " + stage, settings.Replications));
            var mix = await SimulationCheck.RunAsync(path, overrides, problem, shares, check, cancellationToken).ConfigureAwait(false);
            SimulateSeconds += clock.Elapsed.TotalSeconds;
            return mix with { RunDirectory = $"points/{name}" };
        }
    }

    /// <summary>Forwards a step count as a stage report.</summary>
    private sealed class Reporter(IProgress<OptimizeProgress>? progress, string stage, int total) : IProgress<int>
    {
        public void Report(int value) => progress?.Report(new OptimizeProgress(stage, value, total));
    }
}
