namespace Simulation.Core.Optimization;

/// <summary>
/// A simulated mix: its shares (aligned with the problem's arcs) and, per replication, the shortfall
/// share of each period, the outcomes paired with prediction scenarios s = replication x P + period.
/// </summary>
/// <param name="Shares">The mix's shares, aligned with <see cref="SourcingProblem.Arcs"/>.</param>
/// <param name="PeriodShortfalls">Per replication, the simulated shortfall share of each period.</param>
public sealed record OutageObservation(IReadOnlyList<double> Shares, IReadOnlyList<double[]> PeriodShortfalls);

/// <summary>
/// Per-supplier outage amplification fitted to simulated shortfall scenarios (docs/optimizer.md,
/// "Shortfall scenarios by supplier"). Prediction scenario s replays the disruptions of simulation
/// replication s / P in period s mod P, so every simulated mix gives paired losses: predicted L_s and
/// the simulated period shortfall y_s. Where a supplier down means more lost sales in the simulation
/// than its outage share once it carries more than today (its buyers' stock is sized for today's mix,
/// the others cannot take its volume), the gap lines up with that supplier's outages across scenarios
/// and mixes. The fit is non-negative least squares over the scenarios of every observed mix:
/// <code>
///   min_{k &gt;= 0}  sum_{mixes m} sum_s ( y_ms - L_ms(k) )^2
///   L_ms(k) = sum_b w_b max(0, sum_{a of b} (1 - a_cs) (s_a + k_c e_a) + G_p(L_b))    e_a = max(0, s_a - today's s_a)
/// </code>
/// solved by Gauss-Newton steps, each an NNLS on the Jacobian J_msc = sum_b w_b [b active]
/// sum_{a of b, of c} (1 - a_cs) e_a, a covered buyer active where its loss is above 0 or the simulation
/// lost more than predicted (a hinge fitted from below); exact in one step without a stock cover. Only
/// the share above today's is weighted, so today's prediction (and the absorption fitted to it) does
/// not move, and the model stays linear (one variable e_a per weighted arc). The fit replaces k, so
/// refitting to the same simulations leaves the problem unchanged.
/// </summary>
public static class OutageAmplification
{
    private const int GaussNewtonSteps = 30;
    private const int CoordinateSweeps = 20_000;
    private const double Tolerance = 1e-12;

    /// <summary>Fits k_c &gt;= 0 per candidate (0 for candidates no observed mix used while down), at the problem's stock cover and absorption.</summary>
    /// <exception cref="ArgumentException">An observation's shares are not aligned with the arcs.</exception>
    public static double[] Fit(SourcingProblem problem, IReadOnlyList<OutageObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Any(o => o.Shares.Count != problem.Arcs.Count))
        {
            throw new ArgumentException($"Every observed mix needs {problem.Arcs.Count} shares, one per arc.", nameof(observations));
        }

        int n = problem.Candidates.Count;
        var weights = new double[n];
        for (int step = 0; step < GaussNewtonSteps; step++)
        {
            var gram = new double[n, n];
            var right = new double[n];
            var current = WithWeights(problem, weights);

            foreach (var observation in observations)
            {
                Accumulate(current, observation, weights, gram, right);
            }

            var next = NonNegativeLeastSquares(gram, right, weights);
            double change = next.Zip(weights, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
            weights = next;
            if (change < 1e-10)
            {
                break;
            }
        }

        return weights;
    }

    /// <summary>The problem with every candidate's <see cref="SourcingCandidate.OutageWeight"/> set to <paramref name="weights"/>.</summary>
    public static SourcingProblem WithWeights(SourcingProblem problem, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(weights);
        return problem with { Candidates = [.. problem.Candidates.Select((c, i) => c with { OutageWeight = weights[i] })] };
    }

    /// <summary>Adds one mix's paired scenarios to the normal equations J'J k = J'(y - L(k) + J k).</summary>
    private static void Accumulate(SourcingProblem problem, OutageObservation observation, double[] weights, double[,] gram, double[] right)
    {
        int periods = Math.Max(1, problem.PeriodsPerReplication);
        var shares = observation.Shares;
        var volume = SourcingEvaluation.CandidateVolumes(problem, shares);
        var buyerLosses = Enumerable.Range(0, problem.Buyers.Count).Select(b => SourcingEvaluation.UnclampedBuyerLosses(problem, b, shares, volume)).ToArray();

        // Per buyer, taken once rather than per scenario: its demand weight, and its arcs that carry a share with their e_a.
        double total = problem.TotalDemandPerDay;
        var buyerWeight = problem.Buyers.Select(b => b.DemandPerDay / total).ToArray();
        var buyerArcs = Enumerable.Range(0, problem.Buyers.Count)
            .Select(b => Enumerable.Range(0, problem.Arcs.Count).Where(a => problem.Arcs[a].BuyerIndex == b && shares[a] > 0).ToArray())
            .ToArray();
        var excess = Enumerable.Range(0, problem.Arcs.Count).Select(a => problem.ExcessShare(a, shares[a])).ToArray();
        var row = new double[problem.Candidates.Count];
        var nonzero = new int[row.Length]; // the candidates with a term in the scenario's row, reused across scenarios
        for (int r = 0; r < observation.PeriodShortfalls.Count; r++)
        {
            var simulated = observation.PeriodShortfalls[r];
            for (int p = 0; p < Math.Min(periods, simulated.Length); p++)
            {
                int s = (r * periods) + p;
                if (s >= problem.ScenarioCount)
                {
                    return;
                }

                Array.Clear(row);
                double predicted = 0;
                for (int b = 0; b < problem.Buyers.Count; b++)
                {
                    predicted += buyerWeight[b] * (problem.Buyers[b].Cover is null ? buyerLosses[b][s] : Math.Max(0, buyerLosses[b][s]));
                }

                // A buyer whose stock absorbs the scenario counts from below 0 when the simulation lost
                // more than predicted: its outages must first use up the stock's room (a hinge fitted from below).
                double fitted = 0;
                for (int b = 0; b < problem.Buyers.Count; b++)
                {
                    double weight = buyerWeight[b];
                    bool active = problem.Buyers[b].Cover is null || buyerLosses[b][s] > 0 || simulated[p] > predicted;
                    if (!active)
                    {
                        continue;
                    }

                    fitted += weight * buyerLosses[b][s];
                    foreach (int a in buyerArcs[b])
                    {
                        int c = problem.Arcs[a].CandidateIndex;
                        row[c] += weight * excess[a] * problem.Candidates[c].Outage(s);
                    }
                }

                double target = simulated[p] - fitted;
                for (int c = 0; c < row.Length; c++)
                {
                    target += row[c] * weights[c];
                }

                int count = 0;
                for (int c = 0; c < row.Length; c++)
                {
                    if (row[c] != 0)
                    {
                        nonzero[count++] = c;
                    }
                }

                foreach (int i in nonzero.AsSpan(0, count))
                {
                    right[i] += row[i] * target;
                    foreach (int j in nonzero.AsSpan(0, count))
                    {
                        gram[i, j] += row[i] * row[j];
                    }
                }
            }
        }
    }

    /// <summary>min_{k &gt;= 0} k'G k / 2 - b'k by cyclic coordinate descent (G positive semi-definite), from <paramref name="start"/>.</summary>
    private static double[] NonNegativeLeastSquares(double[,] gram, double[] right, double[] start)
    {
        var k = new double[start.Length];
        var seen = Enumerable.Range(0, k.Length).Where(i => gram[i, i] > 0).ToArray();
        foreach (int i in seen)
        {
            k[i] = start[i];
        }

        for (int sweep = 0; sweep < CoordinateSweeps; sweep++)
        {
            double change = 0;
            foreach (int i in seen)
            {
                double residual = right[i];
                foreach (int j in seen)
                {
                    if (j != i)
                    {
                        residual -= gram[i, j] * k[j];
                    }
                }

                double value = Math.Max(0, residual / gram[i, i]);
                change = Math.Max(change, Math.Abs(value - k[i]));
                k[i] = value;
            }

            if (change < Tolerance)
            {
                break;
            }
        }

        return k;
    }
}
