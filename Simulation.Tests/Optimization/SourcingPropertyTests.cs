using Simulation.Core.Optimization;

namespace Simulation.Tests.Optimization;

/// <summary>Random instances: brute-force optima, every constraint met, monotone frontiers.</summary>
public sealed class SourcingPropertyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CostOptimum_EqualsBruteForceOverEverySetOfUsedSuppliers(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(3, 8);
        double demand = 100;
        double minShare = random.NextDouble() < 0.5 ? 0.15 : 0;
        double maxShare = 0.4 + (0.6 * random.NextDouble());
        var offers = Enumerable.Range(0, n).Select(i => new TestProblems.Offer(
            $"s{i}", 1 + random.NextDouble(), demand * (0.1 + (0.5 * random.NextDouble())), Fixed: 15 * random.NextDouble())).ToArray();
        var problem = TestProblems.OneBuyer(demand, minShare, offers);
        var settings = new SourcingSettings { RelativeGap = 0, MaxSupplierShare = maxShare };

        var solution = SourcingSolver.Solve(problem, settings);
        double? best = BruteForce(offers, demand, minShare, maxShare);

        if (best is null)
        {
            Assert.Equal(SourcingStatus.Infeasible, solution.Status);
            Assert.NotEmpty(solution.BindingConstraints);
        }
        else
        {
            Assert.Equal(SourcingStatus.Optimal, solution.Status);
            Assert.Equal(best.Value, solution.Predicted[SourcingKpi.Cost], 6);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EverySolution_MeetsEveryConstraint(int seed)
    {
        var problem = TestProblems.Random(seed);
        var random = new Random(seed * 7919);
        var objective = SourcingKpis.All[random.Next(SourcingKpis.All.Count)];
        var capped = SourcingKpis.All.Where(k => k != objective).ElementAt(random.Next(SourcingKpis.All.Count - 1));
        var baseSettings = new SourcingSettings
        {
            Objective = objective,
            RelativeGap = 0,
            CvarAlpha = 0.8,
            MaxSupplierShare = random.NextDouble() < 0.5 ? 1 : 0.7,
            MaxRegionShare = random.NextDouble() < 0.5 ? 1 : 0.8,
        };

        // A cap halfway between the capped KPI's own minimum and its value at the objective's optimum.
        var free = SourcingSolver.Solve(problem, baseSettings);
        var lowest = SourcingSolver.Solve(problem, baseSettings with { Objective = capped });
        if (!free.HasMix)
        {
            Assert.Equal(SourcingStatus.Infeasible, free.Status);
            Assert.NotEmpty(free.BindingConstraints);
            return;
        }

        Assert.Empty(SourcingEvaluation.Violations(problem, baseSettings, free.Shares, free.Enrolled));
        double cap = (free.Predicted[capped] + lowest.Predicted[capped]) / 2;
        var settings = baseSettings.WithCap(capped, cap);
        var solution = SourcingSolver.Solve(problem, settings);

        Assert.True(solution.HasMix, solution.Explanation);
        Assert.Empty(SourcingEvaluation.Violations(problem, settings, solution.Shares, solution.Enrolled));
        Assert.True(solution.Predicted[objective] >= free.Predicted[objective] - 1e-7, "a cap cannot improve the objective");
    }

    [Theory]
    [InlineData(7, SourcingKpi.Co2e)]
    [InlineData(4, SourcingKpi.Cvar)]
    [InlineData(5, SourcingKpi.SocialRisk)]
    public void Frontier_IsMonotone_AndEachPointMeetsItsCap(int seed, SourcingKpi axis)
    {
        var problem = TestProblems.Random(seed);
        var settings = new SourcingSettings { RelativeGap = 0, CvarAlpha = 0.75 };

        var frontier = SourcingSolver.Frontier(problem, settings, axis, 6);

        Assert.True(frontier.Anchor.HasMix, frontier.Anchor.Explanation);
        Assert.Equal(6, frontier.Points.Count);
        for (int j = 0; j < frontier.Points.Count; j++)
        {
            var point = frontier.Points[j].Solution;
            Assert.True(point.HasMix, point.Explanation);
            Assert.True(point.Predicted[axis] <= frontier.Points[j].Epsilon + 1e-6, $"point {j} exceeds its cap");
            if (j > 0)
            {
                var previous = frontier.Points[j - 1];
                Assert.True(frontier.Points[j].Epsilon > previous.Epsilon);
                Assert.True(point.Predicted[SourcingKpi.Cost] <= previous.Solution.Predicted[SourcingKpi.Cost] + 1e-7, $"cost rose from point {j - 1} to {j}");
            }
        }

        Assert.Equal(frontier.Anchor.Predicted[SourcingKpi.Cost], frontier.Points[^1].Solution.Predicted[SourcingKpi.Cost], 6);
    }

    /// <summary>
    /// For each set of used suppliers: every one gets the minimum share, the rest goes to the cheapest
    /// first up to min(max share, capacity / demand) - optimal for a fixed set - plus the fixed costs.
    /// </summary>
    private static double? BruteForce(TestProblems.Offer[] offers, double demand, double minShare, double maxShare)
    {
        double? best = null;
        for (int mask = 1; mask < 1 << offers.Length; mask++)
        {
            var used = Enumerable.Range(0, offers.Length).Where(i => (mask & (1 << i)) != 0).OrderBy(i => offers[i].Cost).ToList();
            var upper = used.ToDictionary(i => i, i => Math.Min(maxShare, offers[i].Capacity / demand));
            if (used.Any(i => upper[i] < minShare) || used.Sum(i => upper[i]) < 1 - 1e-12 || used.Count * minShare > 1 + 1e-12)
            {
                continue;
            }

            var share = used.ToDictionary(i => i, _ => minShare);
            double remaining = 1 - (used.Count * minShare);
            foreach (int i in used)
            {
                double add = Math.Min(remaining, upper[i] - share[i]);
                share[i] += add;
                remaining -= add;
            }

            double cost = used.Sum(i => (offers[i].Cost * share[i]) + (offers[i].Fixed / demand));
            best = best is null ? cost : Math.Min(best.Value, cost);
        }

        return best;
    }
}
