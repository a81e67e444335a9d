namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// Delayed generation of the CVaR rows (Rockafellar-Uryasev, u_s &gt;= L_s - t). A model with only some
/// of the rows is a relaxation: a missing u_s counts as 0, so its CVaR is at most the true one. If the
/// incumbent's loss L_s exceeds its threshold t in no missing scenario, then u_s = 0 is what the row would
/// give, the incumbent is feasible for the full model with the same objective, and the relaxation's bound
/// bounds the full model too: the answer is exact to the gap. Otherwise the violated rows are added and
/// the model re-solved. The first rows are the tail of a reference mix (every candidate in proportion to
/// its capacity), twice the (1 - alpha) share of the scenarios, since the optimum's tail is mostly there.
/// </summary>
internal sealed class ScenarioRowGeneration
{
    /// <summary>From this many scenarios <see cref="CvarScenarioRows.Automatic"/> generates the rows as needed.</summary>
    public const int MinimumScenarios = 1_000;

    /// <summary>
    /// The missing rows' total excess sum_s max(0, L_s - t) / ((1 - alpha) S) below which the incumbent
    /// counts as meeting them: well below the solver's own feasibility tolerance (1e-6) on the CVaR.
    /// </summary>
    private const double CvarTolerance = 1e-8;

    private readonly bool[] _inModel;
    private readonly double _alpha;

    private ScenarioRowGeneration(bool[] inModel, double alpha, int[] initial)
    {
        _inModel = inModel;
        _alpha = alpha;
        Initial = initial;
    }

    /// <summary>The scenarios whose rows the first solve holds, ascending.</summary>
    public IReadOnlyList<int> Initial { get; }

    /// <summary>Solves checked so far.</summary>
    public int Rounds { get; private set; }

    /// <summary>Picks the first rows: the worst 2 (1 - alpha) S scenarios of the capacity-proportional mix.</summary>
    public static ScenarioRowGeneration Start(SourcingProblem problem, double alpha)
    {
        int scenarios = problem.ScenarioCount;
        double totalCapacity = problem.Candidates.Sum(c => c.CapacityPerDay);
        var losses = new double[scenarios];
        foreach (var candidate in problem.Candidates)
        {
            double weight = candidate.CapacityPerDay / totalCapacity;
            for (int s = 0; s < scenarios; s++)
            {
                losses[s] += weight * candidate.Outage(s);
            }
        }

        int count = Math.Min(scenarios, (int)Math.Ceiling(2 * (1 - alpha) * scenarios));
        var initial = Enumerable.Range(0, scenarios).OrderByDescending(s => losses[s]).ThenBy(s => s).Take(count).Order().ToArray();
        var inModel = new bool[scenarios];
        foreach (int s in initial)
        {
            inModel[s] = true;
        }

        return new ScenarioRowGeneration(inModel, alpha, initial);
    }

    /// <summary>
    /// After a solve: the missing scenarios whose loss at the incumbent exceeds its threshold, ascending
    /// (now counted as in the model); empty when the incumbent meets every row.
    /// </summary>
    public IReadOnlyList<int> Violated(IReadOnlyList<double> losses, double threshold)
    {
        Rounds++;
        var violated = new List<int>();
        double excess = 0;
        for (int s = 0; s < _inModel.Length; s++)
        {
            if (!_inModel[s] && losses[s] > threshold)
            {
                violated.Add(s);
                excess += losses[s] - threshold;
            }
        }

        if (excess / ((1 - _alpha) * _inModel.Length) <= CvarTolerance)
        {
            return [];
        }

        foreach (int s in violated)
        {
            _inModel[s] = true;
        }

        return violated;
    }
}
