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
///   volume     v_c = sum_{a of c} (D_b / D) s_a;   capacity  D v_c &lt;= capacity_c
///   CVaR       u_s &gt;= sum_c v_c (1 - availability_cs) - t;  CVaR = t + sum_s u_s / ((1 - alpha) S)
///   caps       KPI_k &lt;= cap_k;   objective  min KPI_objective
/// </code>
/// In elastic mode the limits a user sets (caps, share limits) and the capacities get non-negative
/// slack variables, and the objective becomes the weighted slack: the least relaxation that makes the
/// request feasible, which names the constraints that conflict.
/// </summary>
internal sealed class SourcingModel : IDisposable
{
    private readonly SourcingProblem _problem;
    private readonly SourcingSettings _settings;
    private readonly Solver _solver;
    private readonly Variable[] _share;
    private readonly Variable[] _used;
    private readonly Variable[] _volume;
    private readonly List<Elastic> _elastics = [];
    private readonly bool _elastic;
    private Variable? _cvarThreshold;
    private Variable[] _cvarExcess = [];

    private SourcingModel(SourcingProblem problem, SourcingSettings settings, bool elastic)
    {
        _problem = problem;
        _settings = settings;
        _elastic = elastic;
        _solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("The SCIP solver of OR-Tools is not available on this platform.");
        _share = new Variable[problem.Arcs.Count];
        _used = new Variable[problem.Arcs.Count];
        _volume = new Variable[problem.Candidates.Count];
    }

    /// <summary>Builds the model; <paramref name="elastic"/> builds the slack version used to explain infeasibility.</summary>
    public static SourcingModel Build(SourcingProblem problem, SourcingSettings settings, bool elastic)
    {
        var model = new SourcingModel(problem, settings, elastic);
        model.AddVariables();
        model.AddBuyerRows();
        model.AddRegionRows();
        model.AddVolumeAndCapacityRows();
        bool needsCvar = settings.Objective == SourcingKpi.Cvar || settings.Caps.ContainsKey(SourcingKpi.Cvar);
        if (needsCvar)
        {
            model.AddCvarRows();
        }

        model.AddCaps();
        model.SetObjective();
        return model;
    }

    /// <summary>Solves to the settings' gap and time limit.</summary>
    public Solver.ResultStatus Solve(TimeSpan timeLimit)
    {
        _solver.SetTimeLimit((long)Math.Ceiling(timeLimit.TotalMilliseconds));
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, _settings.RelativeGap);
        return _solver.Solve(parameters);
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

    private double Weight(int buyer) => _problem.Buyers[buyer].DemandPerDay / _problem.TotalDemandPerDay;

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
    }

    private void AddBuyerRows()
    {
        for (int b = 0; b < _problem.Buyers.Count; b++)
        {
            var row = _solver.MakeConstraint(1, 1, $"buyer{b}");
            Variable? shareSlack = null;
            if (_elastic && _settings.MaxSupplierShare < 1)
            {
                shareSlack = AddSlack($"max share per supplier for {_problem.Buyers[b].Id}", _settings.MaxSupplierShare, 1, 1);
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
                    slacks[buyer] = slack = AddSlack($"max share per region for {_problem.Buyers[buyer].Id}", _settings.MaxRegionShare, 1, 1);
                }

                row.SetCoefficient(slack, -1);
            }
        }
    }

    private void AddVolumeAndCapacityRows()
    {
        double total = _problem.TotalDemandPerDay;
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

        for (int c = 0; c < _volume.Length; c++)
        {
            var candidate = _problem.Candidates[c];
            double limit = candidate.CapacityPerDay / total;
            if (limit >= 1)
            {
                continue;
            }

            if (_elastic)
            {
                // Slack in shares of all demand; shown back in units per day.
                var slack = AddSlack($"capacity of {candidate.SupplierId} (units/day)", limit, 1, total);
                var row = _solver.MakeConstraint(double.NegativeInfinity, limit, $"capacity{c}");
                row.SetCoefficient(_volume[c], 1);
                row.SetCoefficient(slack, -1);
            }
            else
            {
                _volume[c].SetUb(limit);
            }
        }
    }

    private void AddCvarRows()
    {
        int scenarios = _problem.ScenarioCount;
        _cvarThreshold = _solver.MakeNumVar(0, 1, "t");
        _cvarExcess = new Variable[scenarios];
        for (int s = 0; s < scenarios; s++)
        {
            _cvarExcess[s] = _solver.MakeNumVar(0, 1, $"u{s}");
            var row = _solver.MakeConstraint(double.NegativeInfinity, 0, $"cvar{s}");
            row.SetCoefficient(_cvarExcess[s], -1);
            row.SetCoefficient(_cvarThreshold, -1);
            for (int c = 0; c < _volume.Length; c++)
            {
                double loss = 1 - _problem.Candidates[c].Availability[s];
                if (loss > 0)
                {
                    row.SetCoefficient(_volume[c], loss);
                }
            }
        }
    }

    private void AddCaps()
    {
        foreach (var (kpi, cap) in _settings.Caps.OrderBy(c => c.Key))
        {
            var row = _solver.MakeConstraint(double.NegativeInfinity, cap, $"cap_{SourcingKpis.Name(kpi)}");
            AddKpiTerms(kpi, (variable, coefficient) => row.SetCoefficient(variable, coefficient));
            if (_elastic)
            {
                var slack = AddSlack($"cap {SourcingKpis.Name(kpi)} ({SourcingKpis.Unit(kpi)})", cap, 1 / Math.Max(cap, 1e-9), 1);
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
        }

        objective.SetMinimization();
    }

    /// <summary>Adds the linear terms of a KPI (per unit of total demand) to a row or the objective.</summary>
    private void AddKpiTerms(SourcingKpi kpi, Action<Variable, double> add)
    {
        double total = _problem.TotalDemandPerDay;
        switch (kpi)
        {
            case SourcingKpi.Cost:
                for (int a = 0; a < _share.Length; a++)
                {
                    var arc = _problem.Arcs[a];
                    add(_share[a], Weight(arc.BuyerIndex) * arc.CostPerUnit);
                    if (arc.FixedCostPerDay > 0)
                    {
                        add(_used[a], arc.FixedCostPerDay / total);
                    }
                }

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

                break;
            case SourcingKpi.Shortfall:
                for (int c = 0; c < _volume.Length; c++)
                {
                    add(_volume[c], 1 - _problem.Candidates[c].MeanAvailability);
                }

                break;
            case SourcingKpi.Cvar:
                add(_cvarThreshold!, 1);
                double scale = 1 / ((1 - _settings.CvarAlpha) * _problem.ScenarioCount);
                foreach (var excess in _cvarExcess)
                {
                    add(excess, scale);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI.");
        }
    }

    private Variable AddSlack(string description, double requested, double weight, double displayScale)
    {
        var slack = _solver.MakeNumVar(0, double.PositiveInfinity, $"e{_elastics.Count}");
        _elastics.Add(new Elastic(description, requested, slack, weight, displayScale));
        return slack;
    }

    /// <summary>A relaxable limit: its description, requested value, slack, weight in the elastic objective, and the factor that shows it in its unit.</summary>
    private sealed record Elastic(string Description, double Requested, Variable Slack, double Weight, double DisplayScale);
}
