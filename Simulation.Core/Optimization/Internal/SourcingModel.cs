using Google.OrTools.LinearSolver;

namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// The mixed-integer program over a <see cref="SourcingProblem"/> (docs/optimizer.md, "The model"):
/// <code>
///   variables  s_a in [0, 1]  share of its buyer's demand on arc a;   y_a in {0, 1}  arc a used
///              v_c in [0, 1]  candidate c's share of all demand;      t, u_s >= 0    CVaR auxiliaries
///   buyers     sum_{a of b} s_a = 1
///   used       minShare y_a &lt;= s_a &lt;= min(1, maxShare) y_a
///   regions    sum_{a of b in region r} s_a &lt;= maxRegionShare
///   volume     v_c = sum_{a of c} (D_b / D) s_a;   capacity  peak D v_c &lt;= utilisation capacity_c
///   upstream   peak D sum_c units_nc v_c &lt;= utilisation capacity_n          every upper-tier supplier n
///   viability  D v_c &gt;= min viable_c y_a                                    every arc a of c
///   change     |s_a - baseline_a| &lt;= max change
///   CVaR       u_s &gt;= sum_c v_c (1 - availability_cs) + sum_a w_a k_c (1 - availability_cs) e_a - t;   e_a &gt;= s_a - today's s_a, e_a &gt;= 0  CVaR = t + sum_s u_s / ((1 - alpha) S)
///              (written per region, RegionalScenarioLosses; with many scenarios only the rows the
///              incumbent needs, ScenarioRowGeneration)
///   caps       KPI_k &lt;= cap_k;   objective  min KPI_objective
///   cost       sum_a w_a (delivered_c cost_a + (1 - delivered_c) lost margin_a) + fixed / D
/// </code>
/// With capacity-building options o = (programme p, candidate c), z_o in {0, 1} enrols c in p and
/// w_o in [0, 1] stands for z_o v_c, the volume the enrolment improves:
/// <code>
///   one each   sum_{o of c} z_o &lt;= 1;   sum_{o of p} z_o &lt;= max_suppliers_p;   z_o &lt;= sum_{a of c} y_a
///   budget     sum_o cost_o z_o &lt;= budget per year
///   volume     w_o &lt;= v_c;   w_o &lt;= z_o        (the upper half of the McCormick envelope suffices:
///                                              w_o only lowers KPIs, so the solver pushes it up)
///   capacity   D v_c &lt;= capacity_c + sum_{o of c} added_o z_o
///   KPIs       cost += sum_o cost_o / 365 z_o / D;   co2e -= sum_o cut_o w_o;   social -= sum_o cut_o w_o
/// </code>
/// In elastic mode the limits a user sets (caps, share limits, share change) and, when asked, the capacities get non-negative
/// slack variables, and the objective becomes the weighted slack: the least relaxation that makes the
/// request feasible, which names the constraints that conflict.
/// </summary>
internal sealed class SourcingModel : IDisposable
{
    private readonly SourcingProblem _problem;

    // All buyers' demand, units per day: the denominator of every share-of-demand term (a sum over the
    // buyers, taken once rather than per arc and scenario).
    private readonly double _totalDemand;
    private readonly SourcingSettings _settings;
    private readonly Solver _solver;
    private readonly Variable[] _share;
    private readonly Variable[] _used;
    private readonly Variable[] _volume;
    private readonly Variable[] _enrol;
    private readonly Variable[] _enrolledVolume;
    private readonly double[] _delivered;
    private readonly List<Elastic> _elastics = [];
    private readonly bool _elastic;
    private readonly bool _relaxCapacity;
    private Variable? _cvarThreshold;

    // u_s per scenario; null for a scenario whose row is not (yet) in the model (ScenarioRowGeneration).
    private Variable?[] _cvarExcess = [];
    private Constraint? _cvarCap;
    private bool _cvarInObjective;

    // Which CVaR rows are in the model when they are generated as needed; null when all of them are.
    private ScenarioRowGeneration? _scenarioRows;

    // The scenario losses written per region (RegionalScenarioLosses) and the regions' volumes V_r, made on first use.
    private RegionalScenarioLosses? _regionalLosses;
    private Variable?[]? _regionVolume;

    // Stock cover (StockCover): per buyer with a cover, its loss in each scenario; null for the others,
    // and all null when no KPI in the objective or caps needs it.
    private Variable[]?[] _coverLoss = [];

    // Per buyer with a cover, its loss in each period at the period's mean availabilities (what the
    // cost prices); null for the others.
    private Variable[]?[] _coverPeriodLoss = [];

    // e_a per arc of a candidate with an outage weight (the share above today's); null until needed.
    private Variable?[]? _excess;

    private SourcingModel(SourcingProblem problem, SourcingSettings settings, bool elastic)
    {
        _problem = problem;
        _totalDemand = problem.TotalDemandPerDay;
        _settings = settings;
        _elastic = elastic;
        _relaxCapacity = elastic && settings.SuggestCapacity;
        _solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("The SCIP solver of OR-Tools is not available on this platform.");
        _share = new Variable[problem.Arcs.Count];
        _used = new Variable[problem.Arcs.Count];
        _volume = new Variable[problem.Candidates.Count];
        _enrol = new Variable[problem.ProgrammeOptions.Count];
        _enrolledVolume = new Variable[problem.ProgrammeOptions.Count];
        _delivered = [.. Enumerable.Range(0, problem.Candidates.Count).Select(problem.DeliveredShare)];
    }

    /// <summary>Builds the model; <paramref name="elastic"/> builds the slack version used to explain infeasibility.</summary>
    public static SourcingModel Build(SourcingProblem problem, SourcingSettings settings, bool elastic)
    {
        var model = new SourcingModel(problem, settings, elastic);
        model.AddVariables();
        model.AddBuyerRows();
        model.AddRegionRows();
        model.AddVolumeAndCapacityRows();
        model.AddUpstreamRows();
        model.AddViabilityRows();
        model.AddShareChangeRows();
        model.AddProgrammeRows();
        if (problem.HasStockCover && NeedsCover(problem, settings))
        {
            model.AddCoverRows();
        }

        bool needsCvar = settings.Objective == SourcingKpi.Cvar || settings.Caps.ContainsKey(SourcingKpi.Cvar);
        if (needsCvar)
        {
            if (settings.ScenarioRows == CvarScenarioRows.AsNeeded
                || (settings.ScenarioRows == CvarScenarioRows.Automatic && !model.CoverActive && problem.ScenarioCount >= ScenarioRowGeneration.MinimumScenarios))
            {
                model._scenarioRows = ScenarioRowGeneration.Start(problem, settings.CvarAlpha);
            }

            model.AddCvarRows();
        }

        model.AddCaps();
        model.SetObjective();
        if (model._scenarioRows is { } rows)
        {
            model.AddCvarScenarios(rows.Initial);
        }

        return model;
    }

    /// <summary>
    /// Solves to the settings' gap and time limit. With the CVaR rows generated as needed, re-solves
    /// with the rows the incumbent violates added until it violates none (<see cref="ScenarioRowGeneration"/>).
    /// </summary>
    public Solver.ResultStatus Solve(TimeSpan timeLimit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var remaining = timeLimit - clock.Elapsed;
            _solver.SetTimeLimit((long)Math.Ceiling(Math.Max(remaining.TotalMilliseconds, 1)));
            using var parameters = new MPSolverParameters();
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, _settings.RelativeGap);
            var status = _solver.Solve(parameters);
            if (_scenarioRows is null || status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
            {
                // Without some rows the model is a relaxation: infeasible without them is infeasible with them.
                return status;
            }

            var missing = _scenarioRows.Violated(ScenarioLossesAtIncumbent(), _cvarThreshold!.SolutionValue());
            if (missing.Count == 0)
            {
                return status;
            }

            if (clock.Elapsed >= timeLimit)
            {
                // The incumbent misses rows it violates: no mix is known to meet the CVaR.
                return Solver.ResultStatus.NOT_SOLVED;
            }

            AddCvarScenarios(missing);
        }
    }

    /// <summary>Scenario rounds solved so far (1 when every CVaR row was in the first solve).</summary>
    public int ScenarioRounds => _scenarioRows?.Rounds ?? 1;

    /// <summary>L_s of every scenario at the incumbent, as the CVaR rows compute it.</summary>
    private double[] ScenarioLossesAtIncumbent()
    {
        var losses = new double[_problem.ScenarioCount];
        if (!CoverActive)
        {
            var volume = _volume.Select(v => v.SolutionValue()).ToArray();

            // w_b k_c and e_a of every arc of a weighted candidate, read from the solver once, not per scenario
            // (the other arcs add 0).
            var weighted = _excess is null ? [] : Enumerable.Range(0, _share.Length).Where(a => _problem.Candidates[_problem.Arcs[a].CandidateIndex].OutageWeight != 0).ToArray();
            var weightedScale = weighted.Select(a => Weight(_problem.Arcs[a].BuyerIndex) * _problem.Candidates[_problem.Arcs[a].CandidateIndex].OutageWeight).ToArray();
            var weightedExcess = weighted.Select(a => _problem.ExcessShare(a, _share[a].SolutionValue())).ToArray();
            for (int s = 0; s < losses.Length; s++)
            {
                double sum = 0;
                for (int c = 0; c < volume.Length; c++)
                {
                    sum += volume[c] * _problem.Candidates[c].Outage(s);
                }

                for (int i = 0; i < weighted.Length; i++)
                {
                    sum += weightedScale[i] * _problem.Candidates[_problem.Arcs[weighted[i]].CandidateIndex].Outage(s) * weightedExcess[i];
                }

                losses[s] = sum;
            }

            return losses;
        }

        for (int s = 0; s < losses.Length; s++)
        {
            double sum = 0;
            AddScenarioLoss(s, 1, (variable, coefficient) => sum += coefficient * variable.SolutionValue());
            losses[s] = sum;
        }

        return losses;
    }

    /// <summary>The objective value of the incumbent.</summary>
    public double ObjectiveValue => _solver.Objective().Value();

    /// <summary>The solver's best bound on the objective.</summary>
    public double BestBound => _solver.Objective().BestBound();

    /// <summary>Relative gap between the incumbent and the best bound.</summary>
    public double Gap
    {
        get
        {
            double value = _solver.Objective().Value();
            double bound = _solver.Objective().BestBound();
            double difference = Math.Abs(value - bound);
            return difference <= 1e-12 ? 0 : difference / Math.Max(Math.Abs(value), 1e-12);
        }
    }

    /// <summary>
    /// The incumbent's shares, cleaned of solver round-off: clamped to [0, 1], values at or below
    /// <see cref="SourcingEvaluation.UsedThreshold"/> set to 0, and each buyer's shares rescaled to sum to 1.
    /// </summary>
    public double[] Shares()
    {
        var shares = new double[_share.Length];
        var sums = new double[_problem.Buyers.Count];
        for (int a = 0; a < shares.Length; a++)
        {
            double value = Math.Clamp(_share[a].SolutionValue(), 0, 1);
            shares[a] = value <= SourcingEvaluation.UsedThreshold ? 0 : value;
            sums[_problem.Arcs[a].BuyerIndex] += shares[a];
        }

        for (int a = 0; a < shares.Length; a++)
        {
            double sum = sums[_problem.Arcs[a].BuyerIndex];
            if (sum > 0)
            {
                shares[a] /= sum;
            }
        }

        return shares;
    }

    /// <summary>The incumbent's enrolments: indices of the options whose z is 1, ascending.</summary>
    public int[] Enrolled() => [.. Enumerable.Range(0, _enrol.Length).Where(o => _enrol[o].SolutionValue() > 0.5)];

    /// <summary>In elastic mode after a solve: the constraints whose slack is positive.</summary>
    public IReadOnlyList<BindingConstraint> RelaxedConstraints()
    {
        var relaxed = new List<BindingConstraint>();
        foreach (var elastic in _elastics)
        {
            double slack = elastic.Slack.SolutionValue();
            if (slack > 1e-7 * Math.Max(1, Math.Abs(elastic.Requested)))
            {
                relaxed.Add(new BindingConstraint(elastic.Description, elastic.Requested * elastic.DisplayScale, (elastic.Requested + slack) * elastic.DisplayScale));
            }
        }

        return relaxed;
    }

    /// <inheritdoc />
    public void Dispose() => _solver.Dispose();

    /// <summary>Days per year of programme costs (the budget and <see cref="ProgrammeOption.CostPerYear"/> are per year).</summary>
    internal const double DaysPerYear = 365;

    private double Weight(int buyer) => _problem.Buyers[buyer].DemandPerDay / _totalDemand;

    private void AddVariables()
    {
        double maxShare = Math.Min(1, _settings.MaxSupplierShare);
        for (int a = 0; a < _share.Length; a++)
        {
            _share[a] = _solver.MakeNumVar(0, 1, $"s{a}");
            _used[a] = _solver.MakeBoolVar($"y{a}");
            var upper = _solver.MakeConstraint(double.NegativeInfinity, 0, $"used_max{a}");
            upper.SetCoefficient(_share[a], 1);
            upper.SetCoefficient(_used[a], _elastic ? -1 : -maxShare);
            if (_problem.MinShare > 0)
            {
                var lower = _solver.MakeConstraint(0, double.PositiveInfinity, $"used_min{a}");
                lower.SetCoefficient(_share[a], 1);
                lower.SetCoefficient(_used[a], -_problem.MinShare);
            }
        }

        for (int c = 0; c < _volume.Length; c++)
        {
            _volume[c] = _solver.MakeNumVar(0, 1, $"v{c}");
        }

        for (int o = 0; o < _enrol.Length; o++)
        {
            _enrol[o] = _solver.MakeBoolVar($"z{o}");
            _enrolledVolume[o] = _solver.MakeNumVar(0, 1, $"w{o}");
        }
    }

    private void AddBuyerRows()
    {
        for (int b = 0; b < _problem.Buyers.Count; b++)
        {
            var row = _solver.MakeConstraint(1, 1, $"buyer{b}");
            Variable? shareSlack = null;
            if (_elastic && _settings.MaxSupplierShare < 1)
            {
                shareSlack = AddSlack($"--max-share (for {_problem.Buyers[b].Id})", _settings.MaxSupplierShare, 1, 1);
            }

            for (int a = 0; a < _share.Length; a++)
            {
                if (_problem.Arcs[a].BuyerIndex != b)
                {
                    continue;
                }

                row.SetCoefficient(_share[a], 1);
                if (shareSlack is not null)
                {
                    var limit = _solver.MakeConstraint(double.NegativeInfinity, _settings.MaxSupplierShare, $"share_max{a}");
                    limit.SetCoefficient(_share[a], 1);
                    limit.SetCoefficient(shareSlack, -1);
                }
            }
        }
    }

    private void AddRegionRows()
    {
        if (_settings.MaxRegionShare >= 1)
        {
            return;
        }

        var groups = new Dictionary<(int Buyer, string Region), List<int>>();
        for (int a = 0; a < _share.Length; a++)
        {
            var key = (_problem.Arcs[a].BuyerIndex, _problem.Candidates[_problem.Arcs[a].CandidateIndex].RegionId);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(a);
        }

        var slacks = new Dictionary<int, Variable>();
        foreach (var ((buyer, region), arcs) in groups.OrderBy(g => g.Key.Buyer).ThenBy(g => g.Key.Region, StringComparer.Ordinal))
        {
            var row = _solver.MakeConstraint(double.NegativeInfinity, _settings.MaxRegionShare, $"region_{buyer}_{region}");
            foreach (int a in arcs)
            {
                row.SetCoefficient(_share[a], 1);
            }

            if (_elastic)
            {
                if (!slacks.TryGetValue(buyer, out var slack))
                {
                    slacks[buyer] = slack = AddSlack($"--max-region-share (for {_problem.Buyers[buyer].Id})", _settings.MaxRegionShare, 1, 1);
                }

                row.SetCoefficient(slack, -1);
            }
        }
    }

    private void AddVolumeAndCapacityRows()
    {
        double total = _totalDemand;
        var definitions = new Constraint[_volume.Length];
        for (int c = 0; c < _volume.Length; c++)
        {
            definitions[c] = _solver.MakeConstraint(0, 0, $"volume{c}");
            definitions[c].SetCoefficient(_volume[c], 1);
        }

        for (int a = 0; a < _share.Length; a++)
        {
            definitions[_problem.Arcs[a].CandidateIndex].SetCoefficient(_share[a], -Weight(_problem.Arcs[a].BuyerIndex));
        }

        var added = new List<int>[_volume.Length];
        for (int o = 0; o < _enrol.Length; o++)
        {
            var option = _problem.ProgrammeOptions[o];
            if (option.CapacityAddedPerDay > 0)
            {
                (added[option.CandidateIndex] ??= []).Add(o);
            }
        }

        for (int c = 0; c < _volume.Length; c++)
        {
            var candidate = _problem.Candidates[c];
            double limit = CapacityShare(candidate.CapacityPerDay);
            if (limit >= 1)
            {
                continue;
            }

            if (!_relaxCapacity && added[c] is null)
            {
                _volume[c].SetUb(limit);
                continue;
            }

            // In shares of all demand: v_c - sum_o (added_o / D) z_o <= capacity_c / D.
            var row = _solver.MakeConstraint(double.NegativeInfinity, limit, $"capacity{c}");
            row.SetCoefficient(_volume[c], 1);
            foreach (int o in added[c] ?? [])
            {
                row.SetCoefficient(_enrol[o], -CapacityShare(_problem.ProgrammeOptions[o].CapacityAddedPerDay));
            }

            if (_relaxCapacity)
            {
                // Slack in shares of all demand; shown back in units per day of capacity.
                row.SetCoefficient(AddSlack($"capacity of {candidate.SupplierId} (units/day)", limit, 1, CapacityScale), -1);
            }
        }
    }

    /// <summary>Capacity as a share of all demand it can carry at peak and at the utilisation limit.</summary>
    private double CapacityShare(double capacityPerDay) =>
        capacityPerDay * _settings.MaxUtilisation / (_totalDemand * _problem.PeakDemandFactor);

    /// <summary>Turns a capacity share back into units per day of capacity.</summary>
    private double CapacityScale => _totalDemand * _problem.PeakDemandFactor / _settings.MaxUtilisation;

    private void AddUpstreamRows()
    {
        foreach (var upstream in _problem.UpstreamCapacities)
        {
            double limit = CapacityShare(upstream.CapacityPerDay);
            if (upstream.UnitsPerCandidateUnit.Sum(u => u.Units) <= limit)
            {
                continue; // cannot bind even if every unit went through it
            }

            var row = _solver.MakeConstraint(double.NegativeInfinity, limit, $"upstream_{upstream.SupplierId}");
            foreach (var (candidate, units) in upstream.UnitsPerCandidateUnit)
            {
                row.SetCoefficient(_volume[candidate], units);
            }

            if (_relaxCapacity)
            {
                row.SetCoefficient(AddSlack($"capacity of {upstream.SupplierId} (units/day)", limit, 1, CapacityScale), -1);
            }
        }
    }

    private void AddViabilityRows()
    {
        double total = _totalDemand;
        for (int a = 0; a < _share.Length; a++)
        {
            var candidate = _problem.Candidates[_problem.Arcs[a].CandidateIndex];
            double minimum = candidate.MinViableUnitsPerDay;
            if (!(minimum > 0))
            {
                continue;
            }

            if (double.IsPositiveInfinity(minimum) || minimum > candidate.CapacityPerDay)
            {
                _used[a].SetUb(0); // no volume it could make keeps it in business
                continue;
            }

            // D v_c >= minimum y_a: a supplier the mix uses at all gets enough volume to stay.
            var row = _solver.MakeConstraint(0, double.PositiveInfinity, $"viable{a}");
            row.SetCoefficient(_volume[_problem.Arcs[a].CandidateIndex], total);
            row.SetCoefficient(_used[a], -minimum);
        }
    }

    private void AddShareChangeRows()
    {
        double change = _settings.MaxShareChange;
        if (change >= 1 || _problem.BaselineShares.Count != _share.Length)
        {
            return;
        }

        if (!_elastic)
        {
            for (int a = 0; a < _share.Length; a++)
            {
                double today = _problem.BaselineShares[a];
                _share[a].SetBounds(Math.Max(0, today - change), Math.Min(1, today + change));
            }

            return;
        }

        var slack = AddSlack("--max-change", change, 1, 1);
        for (int a = 0; a < _share.Length; a++)
        {
            double today = _problem.BaselineShares[a];
            var up = _solver.MakeConstraint(double.NegativeInfinity, today + change, $"change_up{a}");
            up.SetCoefficient(_share[a], 1);
            up.SetCoefficient(slack, -1);
            var down = _solver.MakeConstraint(today - change, double.PositiveInfinity, $"change_down{a}");
            down.SetCoefficient(_share[a], 1);
            down.SetCoefficient(slack, 1);
        }
    }

    private void AddProgrammeRows()
    {
        if (_enrol.Length == 0)
        {
            return;
        }

        var perCandidate = new Constraint?[_volume.Length];
        var perProgramme = _problem.Programmes
            .Select((p, i) => _solver.MakeConstraint(double.NegativeInfinity, p.MaxSuppliers, $"programme_max{i}"))
            .ToArray();
        var budget = double.IsFinite(_settings.ProgrammeBudgetPerYear)
            ? _solver.MakeConstraint(double.NegativeInfinity, _settings.ProgrammeBudgetPerYear, "programme_budget")
            : null;
        for (int o = 0; o < _enrol.Length; o++)
        {
            var option = _problem.ProgrammeOptions[o];
            var oneEach = perCandidate[option.CandidateIndex] ??= _solver.MakeConstraint(double.NegativeInfinity, 1, $"programme_one{option.CandidateIndex}");
            oneEach.SetCoefficient(_enrol[o], 1);
            perProgramme[option.ProgrammeIndex].SetCoefficient(_enrol[o], 1);
            budget?.SetCoefficient(_enrol[o], option.CostPerYear);

            var byVolume = _solver.MakeConstraint(double.NegativeInfinity, 0, $"enrolled_volume{o}");
            byVolume.SetCoefficient(_enrolledVolume[o], 1);
            byVolume.SetCoefficient(_volume[option.CandidateIndex], -1);
            var byEnrolment = _solver.MakeConstraint(double.NegativeInfinity, 0, $"enrolled_only{o}");
            byEnrolment.SetCoefficient(_enrolledVolume[o], 1);
            byEnrolment.SetCoefficient(_enrol[o], -1);

            // Only a supplier with a used arc is enrolled. With a minimum share a used arc carries at
            // least that; without one y may be 1 at share 0, and SourcingSolver drops enrolments that
            // change nothing after the solve.
            var inMix = _solver.MakeConstraint(double.NegativeInfinity, 0, $"enrolled_in_mix{o}");
            inMix.SetCoefficient(_enrol[o], 1);
            for (int a = 0; a < _share.Length; a++)
            {
                if (_problem.Arcs[a].CandidateIndex == option.CandidateIndex)
                {
                    inMix.SetCoefficient(_used[a], -1);
                }
            }
        }

        if (budget is not null && _elastic)
        {
            double requested = _settings.ProgrammeBudgetPerYear;
            budget.SetCoefficient(AddSlack("--programme-budget", requested, 1 / Math.Max(requested, 1), 1), -1);
        }
    }

    /// <summary>Whether the objective or a cap sees the stock cover: the shortfall KPIs, or cost with a shortfall cost.</summary>
    private static bool NeedsCover(SourcingProblem problem, SourcingSettings settings)
    {
        return NeedsScenarioCover(settings)
            || (Sees(settings, SourcingKpi.Cost) && problem.Buyers.Any(b => b.Cover is { ShortfallCostPerUnit: > 0 }));
    }

    /// <summary>Whether the objective or a cap is the shortfall or its CVaR, which need the covered buyers' loss per scenario.</summary>
    private static bool NeedsScenarioCover(SourcingSettings settings) => Sees(settings, SourcingKpi.Shortfall) || Sees(settings, SourcingKpi.Cvar);

    private static bool Sees(SourcingSettings settings, SourcingKpi kpi) => settings.Objective == kpi || settings.Caps.ContainsKey(kpi);

    private bool CoverActive => _coverLoss.Any(l => l is not null);

    /// <summary>
    /// The stock-cover rows (docs/optimizer.md, "Stock cover and lead time"):
    /// <code>
    ///   queue      q_c &gt;= q_k + slope_k (v_c - v_k)            every segment k of c's queue curve
    ///   lead time  sum_{a of b} T_a s_a + sum_c q_c = x_0 + sum_k d_bk,   0 &lt;= d_bk &lt;= x_k - x_(k-1)
    ///   loss       l_bs &gt;= sum_{a of b} (1 - availability_cs) (s_a + k_c e_a) + G_p(x_0) + sum_k slope_pk d_bk,   l_bs &gt;= 0
    /// </code>
    /// with G_p the convex envelope (<see cref="StockCover.CoverLossEnvelope"/>): its slopes ascend, so
    /// the solver fills the segments in order by itself. q only raises the lead time, so the solver
    /// keeps it on the curve whenever the loss matters. Scenarios of a period with the same
    /// availabilities on b's arcs share one l.
    /// </summary>
    private void AddCoverRows()
    {
        var queue = new Variable?[_volume.Length];
        for (int c = 0; c < _volume.Length; c++)
        {
            if (_problem.Candidates[c].Queue is not { } curve)
            {
                continue;
            }

            queue[c] = _solver.MakeNumVar(0, double.PositiveInfinity, $"q{c}");
            for (int k = 1; k < curve.Shares.Count; k++)
            {
                double slope = (curve.QueueDays[k] - curve.QueueDays[k - 1]) / (curve.Shares[k] - curve.Shares[k - 1]);
                var row = _solver.MakeConstraint(curve.QueueDays[k - 1] - (slope * curve.Shares[k - 1]), double.PositiveInfinity, $"queue{c}_{k}");
                row.SetCoefficient(queue[c], 1);
                row.SetCoefficient(_volume[c], -slope);
            }
        }

        bool perScenario = NeedsScenarioCover(_settings);
        _coverLoss = new Variable[]?[_problem.Buyers.Count];
        _coverPeriodLoss = new Variable[]?[_problem.Buyers.Count];
        for (int b = 0; b < _problem.Buyers.Count; b++)
        {
            if (_problem.Buyers[b].Cover is { } cover)
            {
                var segments = AddLeadSegments(b, cover, queue);
                _coverPeriodLoss[b] = AddPeriodLosses(b, cover, segments);
                _coverLoss[b] = perScenario ? AddScenarioLosses(b, cover, segments) : null;
            }
        }
    }

    /// <summary>The lead-time row of buyer b and its segment variables d_bk.</summary>
    private Variable[] AddLeadSegments(int b, StockCover cover, Variable?[] queue)
    {
        var x = cover.LeadBreakpointsDays;
        var segments = new Variable[x.Count - 1];
        var lead = _solver.MakeConstraint(x[0], x[0], $"lead{b}");
        for (int a = 0; a < _share.Length; a++)
        {
            if (_problem.Arcs[a].BuyerIndex == b && _problem.Arcs[a].LeadTimeDays != 0)
            {
                lead.SetCoefficient(_share[a], _problem.Arcs[a].LeadTimeDays);
            }
        }

        foreach (var q in queue)
        {
            if (q is not null)
            {
                lead.SetCoefficient(q, 1);
            }
        }

        for (int k = 0; k < segments.Length; k++)
        {
            segments[k] = _solver.MakeNumVar(0, x[k + 1] - x[k], $"d{b}_{k}");
            lead.SetCoefficient(segments[k], -1);
        }

        return segments;
    }

    /// <summary>
    /// l_bp &gt;= sum_{a of b} (1 - mean availability_ap) s_a + G_p(L): the loss of each period at its
    /// demand-weighted mean availabilities, which the cost prices (<see cref="SourcingEvaluation"/> the same).
    /// </summary>
    private Variable[] AddPeriodLosses(int b, StockCover cover, Variable[] segments)
    {
        var x = cover.LeadBreakpointsDays;
        int periods = Math.Max(1, _problem.PeriodsPerReplication);
        var losses = new Variable[periods];
        for (int p = 0; p < periods; p++)
        {
            var (factor, length) = _problem.Period(p);
            var g = cover.Envelope(factor, length);
            losses[p] = _solver.MakeNumVar(0, double.PositiveInfinity, $"lp{b}_{p}");
            var row = _solver.MakeConstraint(g[0], double.PositiveInfinity, $"cover_period{b}_{p}");
            row.SetCoefficient(losses[p], 1);
            for (int a = 0; a < _share.Length; a++)
            {
                var arc = _problem.Arcs[a];
                double loss = 1 - _problem.PeriodAvailability(arc.CandidateIndex, p);
                if (arc.BuyerIndex == b && loss > 0)
                {
                    row.SetCoefficient(_share[a], -loss);
                }
            }

            SubtractEnvelope(row, segments, g, x);
        }

        return losses;
    }

    /// <summary>Subtracts the part of G_p(L) above G_p(0) from a cover row: the envelope's slope on each lead-time segment.</summary>
    private static void SubtractEnvelope(Constraint row, Variable[] segments, double[] g, IReadOnlyList<double> x)
    {
        for (int k = 0; k < segments.Length; k++)
        {
            row.SetCoefficient(segments[k], -(g[k + 1] - g[k]) / (x[k + 1] - x[k]));
        }
    }

    /// <summary>l_bs &gt;= sum_{a of b} (1 - availability_cs) (s_a + k_c e_a) + G_p(L) for every scenario s (for the shortfall and its CVaR).</summary>
    private Variable[] AddScenarioLosses(int b, StockCover cover, Variable[] segments)
    {
        var x = cover.LeadBreakpointsDays;

        // Scenarios of one period whose availabilities on b's arcs are the same share one loss variable.
        var losses = new Variable[_problem.ScenarioCount];
        var groups = new Dictionary<string, Variable>(StringComparer.Ordinal);
        var arcs = Enumerable.Range(0, _share.Length).Where(a => _problem.Arcs[a].BuyerIndex == b).ToArray();
        var envelopes = new Dictionary<int, double[]>();
        for (int s = 0; s < losses.Length; s++)
        {
            var (factor, length) = _problem.Period(s);
            int period = s % Math.Max(1, _problem.PeriodsPerReplication);
            string key = period.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":"
                + string.Join(",", arcs.Select(a => _problem.Candidates[_problem.Arcs[a].CandidateIndex].Availability[s].ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            if (groups.TryGetValue(key, out var shared))
            {
                losses[s] = shared;
                continue;
            }

            if (!envelopes.TryGetValue(period, out var g))
            {
                envelopes[period] = g = cover.Envelope(factor, length);
            }

            losses[s] = groups[key] = _solver.MakeNumVar(0, double.PositiveInfinity, $"l{b}_{s}");
            var row = _solver.MakeConstraint(g[0], double.PositiveInfinity, $"cover{b}_{s}");
            row.SetCoefficient(losses[s], 1);
            for (int a = 0; a < _share.Length; a++)
            {
                var arc = _problem.Arcs[a];
                double loss = _problem.Candidates[arc.CandidateIndex].Outage(s);
                if (arc.BuyerIndex == b && loss > 0)
                {
                    row.SetCoefficient(_share[a], -loss);
                    AddExcessLoss(a, loss, -1, row.SetCoefficient);
                }
            }

            SubtractEnvelope(row, segments, g, x);
        }

        return losses;
    }

    /// <summary>
    /// Adds k_c x <paramref name="outage"/> x e_a (times <paramref name="scale"/>) for an arc whose candidate
    /// has an outage weight: the loss of the share above today's (<see cref="SourcingCandidate.OutageWeight"/>).
    /// </summary>
    private void AddExcessLoss(int a, double outage, double scale, Action<Variable, double> add)
    {
        double weight = _problem.Candidates[_problem.Arcs[a].CandidateIndex].OutageWeight;
        if (weight > 0 && outage > 0)
        {
            add(Excess(a), scale * weight * outage);
        }
    }

    /// <summary>e_a &gt;= s_a - today's s_a, e_a &gt;= 0, made on first use (only arcs of weighted candidates have one).</summary>
    private Variable Excess(int a)
    {
        _excess ??= new Variable?[_share.Length];
        if (_excess[a] is { } existing)
        {
            return existing;
        }

        var excess = _solver.MakeNumVar(0, double.PositiveInfinity, $"e{a}");
        var row = _solver.MakeConstraint(-_problem.BaselineShare(a), double.PositiveInfinity, $"excess{a}");
        row.SetCoefficient(excess, 1);
        row.SetCoefficient(_share[a], -1);
        return _excess[a] = excess;
    }

    /// <summary>Adds scenario s's shortfall share L_s (times <paramref name="scale"/>) to a row or the objective.</summary>
    private void AddScenarioLoss(int s, double scale, Action<Variable, double> add)
    {
        if (!CoverActive)
        {
            _regionalLosses ??= RegionalScenarioLosses.Create(_problem.Candidates);
            _regionVolume ??= new Variable?[_regionalLosses.Regions.Count];
            _regionalLosses.AddTerms(
                _problem.Candidates,
                s,
                (r, loss) => add(RegionVolume(r), scale * loss),
                (c, coefficient) => add(_volume[c], scale * coefficient));
            for (int a = 0; a < _share.Length; a++)
            {
                AddExcessLoss(a, _problem.Candidates[_problem.Arcs[a].CandidateIndex].Outage(s), scale * Weight(_problem.Arcs[a].BuyerIndex), add);
            }

            return;
        }

        for (int b = 0; b < _coverLoss.Length; b++)
        {
            if (_coverLoss[b] is { } losses)
            {
                add(losses[s], scale * Weight(b));
            }
        }

        for (int a = 0; a < _share.Length; a++)
        {
            var arc = _problem.Arcs[a];
            double loss = _problem.Candidates[arc.CandidateIndex].Outage(s);
            if (_coverLoss[arc.BuyerIndex] is null && loss > 0)
            {
                add(_share[a], scale * Weight(arc.BuyerIndex) * loss);
                AddExcessLoss(a, loss, scale * Weight(arc.BuyerIndex), add);
            }
        }
    }

    /// <summary>V_r = sum_{c in r} v_c, region r's share of all demand (<see cref="RegionalScenarioLosses"/>), made on first use.</summary>
    private Variable RegionVolume(int r)
    {
        if (_regionVolume![r] is { } existing)
        {
            return existing;
        }

        var volume = _solver.MakeNumVar(0, 1, $"vr{r}");
        var row = _solver.MakeConstraint(0, 0, $"region_volume{r}");
        row.SetCoefficient(volume, 1);
        foreach (int c in _regionalLosses!.Regions[r])
        {
            row.SetCoefficient(_volume[c], -1);
        }

        return _regionVolume[r] = volume;
    }

    /// <summary>
    /// The mean shortfall's terms from the covered buyers (their losses weighted by the scenarios'
    /// demand factors), times <paramref name="scale"/>; the other buyers' terms are the proportional ones.
    /// </summary>
    private void AddCoveredShortfall(int buyer, double scale, Action<Variable, double> add)
    {
        var losses = _coverLoss[buyer]!;
        double weight = Enumerable.Range(0, losses.Length).Sum(_problem.DemandFactor);
        for (int s = 0; s < losses.Length; s++)
        {
            add(losses[s], scale * Weight(buyer) * _problem.DemandFactor(s) / weight);
        }
    }

    /// <summary>
    /// The CVaR's threshold t and the rows u_s &gt;= L_s - t: of every scenario, or with
    /// <see cref="ScenarioRowGeneration"/> only of the first scenarios it picks (the others follow as
    /// the solves show they are needed).
    /// </summary>
    private void AddCvarRows()
    {
        _cvarThreshold = _solver.MakeNumVar(0, 1, "t");
        _cvarExcess = new Variable?[_problem.ScenarioCount];
        if (_scenarioRows is null)
        {
            AddCvarScenarios(Enumerable.Range(0, _problem.ScenarioCount));
        }
    }

    /// <summary>The weight of each u_s in the CVaR: 1 / ((1 - alpha) S).</summary>
    private double CvarScale => 1 / ((1 - _settings.CvarAlpha) * _problem.ScenarioCount);

    /// <summary>Adds the rows u_s &gt;= L_s - t of the scenarios, and each u_s to the CVaR cap and objective if those are built.</summary>
    private void AddCvarScenarios(IEnumerable<int> scenarios)
    {
        double scale = CvarScale;
        foreach (int s in scenarios)
        {
            var excess = _cvarExcess[s] = _solver.MakeNumVar(0, 1, $"u{s}");
            var row = _solver.MakeConstraint(double.NegativeInfinity, 0, $"cvar{s}");
            row.SetCoefficient(excess, -1);
            row.SetCoefficient(_cvarThreshold, -1);
            AddScenarioLoss(s, 1, row.SetCoefficient);
            _cvarCap?.SetCoefficient(excess, scale);
            if (_cvarInObjective)
            {
                _solver.Objective().SetCoefficient(excess, scale);
            }
        }
    }

    private void AddCaps()
    {
        foreach (var (kpi, cap) in _settings.Caps.OrderBy(c => c.Key))
        {
            var row = _solver.MakeConstraint(double.NegativeInfinity, cap, $"cap_{SourcingKpis.Name(kpi)}");
            AddKpiTerms(kpi, (variable, coefficient) => row.SetCoefficient(variable, coefficient));
            if (kpi == SourcingKpi.Cvar)
            {
                _cvarCap = row;
            }
            if (_elastic)
            {
                var slack = AddSlack(CapOption(kpi), cap, 1 / Math.Max(cap, 1e-9), 1);
                row.SetCoefficient(slack, -1);
            }
        }
    }

    private void SetObjective()
    {
        var objective = _solver.Objective();
        if (_elastic)
        {
            foreach (var elastic in _elastics)
            {
                objective.SetCoefficient(elastic.Slack, elastic.Weight);
            }
        }
        else
        {
            AddKpiTerms(_settings.Objective, objective.SetCoefficient);
            _cvarInObjective = _settings.Objective == SourcingKpi.Cvar;
        }

        objective.SetMinimization();
    }

    /// <summary>Adds the linear terms of a KPI (per unit of total demand) to a row or the objective.</summary>
    private void AddKpiTerms(SourcingKpi kpi, Action<Variable, double> add)
    {
        double total = _totalDemand;
        switch (kpi)
        {
            case SourcingKpi.Cost:
                for (int a = 0; a < _share.Length; a++)
                {
                    var arc = _problem.Arcs[a];
                    // A covered buyer's loss beyond the proportional one is charged on l_bs (AddCoverCost),
                    // so the proportional part comes off here (one coefficient per variable: Set, not add).
                    double beyond = _coverPeriodLoss.Length > 0 && _coverPeriodLoss[arc.BuyerIndex] is not null && _problem.Buyers[arc.BuyerIndex].Cover is { } cover
                        ? cover.ShortfallCostPerUnit * (1 - _delivered[arc.CandidateIndex])
                        : 0;
                    add(_share[a], Weight(arc.BuyerIndex) * (SourcingEvaluation.CostPerUnitOfDemand(arc, _delivered[arc.CandidateIndex]) - beyond));
                    if (arc.FixedCostPerDay > 0)
                    {
                        add(_used[a], arc.FixedCostPerDay / total);
                    }
                }

                for (int o = 0; o < _enrol.Length; o++)
                {
                    add(_enrol[o], _problem.ProgrammeOptions[o].CostPerYear / DaysPerYear / total);
                }

                AddCoverCost(add);
                break;
            case SourcingKpi.Co2e or SourcingKpi.Water or SourcingKpi.SocialRisk:
                for (int a = 0; a < _share.Length; a++)
                {
                    var arc = _problem.Arcs[a];
                    double value = kpi switch
                    {
                        SourcingKpi.Co2e => arc.Co2eKgPerUnit,
                        SourcingKpi.Water => arc.WaterLPerUnit,
                        _ => arc.SocialRiskPerUnit,
                    };
                    add(_share[a], Weight(arc.BuyerIndex) * value);
                }

                for (int o = 0; o < _enrol.Length; o++)
                {
                    var option = _problem.ProgrammeOptions[o];
                    double cut = kpi switch
                    {
                        SourcingKpi.Co2e => option.Co2eCutKgPerUnit,
                        SourcingKpi.SocialRisk => option.SocialRiskCutPerUnit,
                        _ => 0,
                    };
                    if (cut > 0)
                    {
                        add(_enrolledVolume[o], -cut);
                    }
                }

                break;
            case SourcingKpi.Shortfall when !CoverActive:
                for (int c = 0; c < _volume.Length; c++)
                {
                    add(_volume[c], 1 - _delivered[c]);
                }

                for (int a = 0; a < _share.Length; a++)
                {
                    AddExcessLoss(a, 1 - _delivered[_problem.Arcs[a].CandidateIndex], Weight(_problem.Arcs[a].BuyerIndex), add);
                }

                break;
            case SourcingKpi.Shortfall:
                for (int a = 0; a < _share.Length; a++)
                {
                    var arc = _problem.Arcs[a];
                    if (_coverLoss[arc.BuyerIndex] is null)
                    {
                        add(_share[a], Weight(arc.BuyerIndex) * (1 - _delivered[arc.CandidateIndex]));
                        AddExcessLoss(a, 1 - _delivered[arc.CandidateIndex], Weight(arc.BuyerIndex), add);
                    }
                }

                for (int b = 0; b < _coverLoss.Length; b++)
                {
                    if (_coverLoss[b] is not null)
                    {
                        AddCoveredShortfall(b, 1, add);
                    }
                }

                break;
            case SourcingKpi.Cvar:
                add(_cvarThreshold!, 1);
                double scale = CvarScale;
                foreach (var excess in _cvarExcess.OfType<Variable>())
                {
                    add(excess, scale);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI.");
        }
    }

    /// <summary>Cost of the covered buyers' loss beyond the proportional one, its l_bp part: w_b shortfall cost_b sum_p F_p / F l_bp (the shares' part is in their cost coefficient).</summary>
    private void AddCoverCost(Action<Variable, double> add)
    {
        for (int b = 0; b < _coverPeriodLoss.Length; b++)
        {
            if (_coverPeriodLoss[b] is not { } losses || _problem.Buyers[b].Cover is not { ShortfallCostPerUnit: > 0 } cover)
            {
                continue;
            }

            for (int p = 0; p < losses.Length; p++)
            {
                add(losses[p], Weight(b) * cover.ShortfallCostPerUnit * _problem.PeriodWeight(p));
            }
        }
    }

    /// <summary>The option that sets a cap, as the user types it: <c>--max-cvar</c> or <c>--cap co2e</c>.</summary>
    internal static string CapOption(SourcingKpi kpi) => kpi == SourcingKpi.Cvar ? "--max-cvar" : $"--cap {SourcingKpis.Name(kpi)}";

    private Variable AddSlack(string description, double requested, double weight, double displayScale)
    {
        var slack = _solver.MakeNumVar(0, double.PositiveInfinity, $"e{_elastics.Count}");
        _elastics.Add(new Elastic(description, requested, slack, weight, displayScale));
        return slack;
    }

    /// <summary>A relaxable limit: its description, requested value, slack, weight in the elastic objective, and the factor that shows it in its unit.</summary>
    private sealed record Elastic(string Description, double Requested, Variable Slack, double Weight, double DisplayScale);
}
