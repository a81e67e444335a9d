using Simulation.Core.Optimization;
using static Simulation.Tests.Optimization.TestProblems;

namespace Simulation.Tests.Optimization;

/// <summary>Capacity-building enrolment as a decision: hand-solved instances and brute force over every set of enrolments.</summary>
public sealed class ProgrammeDecisionTests
{
    private const double Demand = 100;
    private const int SeedCount = 12;

    [Theory]
    [InlineData(5_000, double.PositiveInfinity, true)]   // 5,000 / 365 / 100 = 0.137 a unit < 0.3 saved: enrol
    [InlineData(20_000, double.PositiveInfinity, false)] // 0.548 a unit > 0.3 saved: do not
    [InlineData(5_000, 4_000, false)]                    // worth it, but over the budget
    public void CapacityGain_IsBoughtWhenItsCostPerUnitIsBelowTheSaving(double costPerYear, double budget, bool enrolled)
    {
        // A costs 1 but makes only 60 of the 100 a day; B costs 2. Enrolling A adds 30 a day, so 30
        // units move from B to A and save 30 x (2 - 1) = 30 a day, 0.3 per unit of demand.
        var problem = OneBuyer(Demand, 0, new Offer("a", 1, 60), new Offer("b", 2, 100)) with
        {
            Programmes = [new SourcingProgramme("score", 5)],
            ProgrammeOptions = [new ProgrammeOption { ProgrammeIndex = 0, CandidateIndex = 0, CostPerYear = costPerYear, CapacityAddedPerDay = 30 }],
        };

        var solution = SourcingSolver.Solve(problem, new SourcingSettings { RelativeGap = 0, ProgrammeBudgetPerYear = budget });

        Assert.Equal(SourcingStatus.Optimal, solution.Status);
        Assert.Equal(enrolled ? [0] : Array.Empty<int>(), solution.Enrolled);
        double expected = enrolled ? 0.9 + 0.2 + (costPerYear / 365 / Demand) : 0.6 + 0.8;
        Assert.Equal(expected, solution.Predicted[SourcingKpi.Cost], 9);
        Assert.Equal(enrolled ? 0.9 : 0.6, solution.Shares[0], 9);
    }

    [Theory]
    [InlineData(1_000, 5, new[] { 1 }, 2 - (0.5 * 0.8))]                // the budget pays for one: the larger cut
    [InlineData(10_000, 1, new[] { 1 }, 2 - (0.5 * 0.8))]               // the programme takes one
    [InlineData(10_000, 5, new[] { 0, 1 }, 2 - (0.5 * 0.5) - (0.5 * 0.8))]
    public void CarbonCuts_GoWhereTheyCutMost_WithinBudgetAndPlaces(double budget, int places, int[] expected, double co2e)
    {
        // Two equal suppliers, each held to half the demand; enrolling cuts 0.5 or 0.8 kg per unit it makes.
        var problem = OneBuyer(Demand, 0, new Offer("a", 1, 100, Co2e: 2), new Offer("b", 1, 100, Co2e: 2)) with
        {
            Programmes = [new SourcingProgramme("green", places)],
            ProgrammeOptions =
            [
                new ProgrammeOption { ProgrammeIndex = 0, CandidateIndex = 0, CostPerYear = 900, Co2eCutKgPerUnit = 0.5 },
                new ProgrammeOption { ProgrammeIndex = 0, CandidateIndex = 1, CostPerYear = 900, Co2eCutKgPerUnit = 0.8 },
            ],
        };
        var settings = new SourcingSettings { Objective = SourcingKpi.Co2e, RelativeGap = 0, MaxSupplierShare = 0.5, ProgrammeBudgetPerYear = budget };

        var solution = SourcingSolver.Solve(problem, settings);

        Assert.Equal(expected, solution.Enrolled);
        Assert.Equal(co2e, solution.Predicted[SourcingKpi.Co2e], 9);
        Assert.Empty(SourcingEvaluation.Violations(problem, settings, solution.Shares, solution.Enrolled));
    }

    [Fact]
    public void EnrolmentsThatChangeNothing_AreNotChosen_EvenWhenTheObjectiveIgnoresTheirCost()
    {
        // Minimising CO2e, the whole demand goes to a; b gets no share, and a's spare capacity needs no
        // more: only a's carbon cut is worth an enrolment, though the budget pays for all three.
        var problem = OneBuyer(Demand, 0, new Offer("a", 1, 200, Co2e: 2), new Offer("b", 1, 200, Co2e: 3)) with
        {
            Programmes = [new SourcingProgramme("green", 5), new SourcingProgramme("lean", 5)],
            ProgrammeOptions =
            [
                new ProgrammeOption { ProgrammeIndex = 0, CandidateIndex = 0, CostPerYear = 100, Co2eCutKgPerUnit = 0.5 },
                new ProgrammeOption { ProgrammeIndex = 0, CandidateIndex = 1, CostPerYear = 100, Co2eCutKgPerUnit = 0.5 },
                new ProgrammeOption { ProgrammeIndex = 1, CandidateIndex = 0, CostPerYear = 100, CapacityAddedPerDay = 50 },
            ],
        };

        var solution = SourcingSolver.Solve(problem, new SourcingSettings { Objective = SourcingKpi.Co2e, RelativeGap = 0 });

        Assert.Equal([0], solution.Enrolled);
        Assert.Equal(1.5, solution.Predicted[SourcingKpi.Co2e], 9);
    }

    [Fact]
    public void ACandidate_JoinsAtMostOneProgramme()
    {
        var problem = OneBuyer(Demand, 0, new Offer("a", 1, 100, Social: 0.4)) with
        {
            Programmes = [new SourcingProgramme("p", 5), new SourcingProgramme("q", 5)],
            ProgrammeOptions =
            [
                new ProgrammeOption { ProgrammeIndex = 0, CandidateIndex = 0, CostPerYear = 10, SocialRiskCutPerUnit = 0.1 },
                new ProgrammeOption { ProgrammeIndex = 1, CandidateIndex = 0, CostPerYear = 10, SocialRiskCutPerUnit = 0.25 },
            ],
        };

        var solution = SourcingSolver.Solve(problem, new SourcingSettings { Objective = SourcingKpi.SocialRisk, RelativeGap = 0 });

        Assert.Equal([1], solution.Enrolled);
        Assert.Equal(0.15, solution.Predicted[SourcingKpi.SocialRisk], 9);
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, SeedCount)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Optimum_EqualsTheBestOverEveryAllowedSetOfEnrolments(int seed)
    {
        var (problem, settings) = RandomWithProgrammes(seed);

        var solution = SourcingSolver.Solve(problem, settings);
        double? best = BruteForce(problem, settings);

        if (best is null)
        {
            Assert.Equal(SourcingStatus.Infeasible, solution.Status);
            return;
        }

        Assert.Equal(SourcingStatus.Optimal, solution.Status);
        Assert.Empty(SourcingEvaluation.Violations(problem, settings, solution.Shares, solution.Enrolled));
        Assert.Equal(best.Value, solution.Predicted[settings.Objective], 6);
    }

    [Fact]
    public void TheRandomInstances_ExerciseEnrolment_AndItsLimits()
    {
        // Guards the brute-force theory against a generator that never enrols or always enrols everything.
        var enrolled = Enumerable.Range(1, SeedCount).Select(seed =>
        {
            var (problem, settings) = RandomWithProgrammes(seed);
            return (Options: problem.ProgrammeOptions.Count, Chosen: SourcingSolver.Solve(problem, settings).Enrolled.Count);
        }).ToList();

        Assert.True(enrolled.Count(e => e.Chosen > 0) >= 4, string.Join(", ", enrolled));
        Assert.True(enrolled.Count(e => e.Chosen > 0 && e.Chosen < e.Options) >= 4, string.Join(", ", enrolled));
    }

    /// <summary>A random problem with two programmes, up to 6 options with random costs and effects, and a budget that pays for some of them.</summary>
    private static (SourcingProblem Problem, SourcingSettings Settings) RandomWithProgrammes(int seed)
    {
        var problem = TestProblems.Random(seed);
        var random = new Random(seed * 104_729);
        var options = new List<ProgrammeOption>();
        foreach (int c in Enumerable.Range(0, problem.Candidates.Count).OrderBy(_ => random.Next()).Take(random.Next(2, 5)))
        {
            var arcs = problem.Arcs.Where(a => a.CandidateIndex == c).ToList();
            if (arcs.Count == 0)
            {
                continue;
            }

            foreach (int p in random.NextDouble() < 0.4 ? new[] { 0, 1 } : [random.Next(2)])
            {
                options.Add(new ProgrammeOption
                {
                    ProgrammeIndex = p,
                    CandidateIndex = c,
                    CostPerYear = 365 * problem.TotalDemandPerDay * 0.05 * random.NextDouble(),
                    CapacityAddedPerDay = problem.Candidates[c].CapacityPerDay * 0.3 * random.NextDouble(),
                    Co2eCutKgPerUnit = arcs.Min(a => a.Co2eKgPerUnit) * 0.4 * random.NextDouble(),
                    SocialRiskCutPerUnit = arcs.Min(a => a.SocialRiskPerUnit) * 0.6 * random.NextDouble(),
                });
            }
        }

        problem = problem with
        {
            Programmes = [new SourcingProgramme("p", random.Next(1, 4)), new SourcingProgramme("q", random.Next(1, 4))],
            ProgrammeOptions = options,
        };
        var settings = new SourcingSettings
        {
            Objective = new[] { SourcingKpi.Cost, SourcingKpi.Co2e, SourcingKpi.SocialRisk }[seed % 3],
            RelativeGap = 0,
            ProgrammeBudgetPerYear = options.Sum(o => o.CostPerYear) * (0.3 + (0.5 * random.NextDouble())),
        };
        return (problem, settings);
    }

    /// <summary>
    /// The best objective over every set of enrolments the rules allow: each set is folded into the
    /// problem (capacity added, per-unit cuts taken off the candidate's arcs, the programme cost as a
    /// constant) and the problem without enrolment options is solved.
    /// </summary>
    private static double? BruteForce(SourcingProblem problem, SourcingSettings settings)
    {
        var options = problem.ProgrammeOptions;
        double? best = null;
        for (int mask = 0; mask < 1 << options.Count; mask++)
        {
            var chosen = Enumerable.Range(0, options.Count).Where(o => (mask & (1 << o)) != 0).Select(o => options[o]).ToList();
            bool allowed = chosen.Sum(o => o.CostPerYear) <= settings.ProgrammeBudgetPerYear
                && chosen.GroupBy(o => o.CandidateIndex).All(g => g.Count() == 1)
                && chosen.GroupBy(o => o.ProgrammeIndex).All(g => g.Count() <= problem.Programmes[g.Key].MaxSuppliers);
            if (!allowed)
            {
                continue;
            }

            var folded = problem with
            {
                Programmes = [],
                ProgrammeOptions = [],
                Candidates = [.. problem.Candidates.Select((c, i) => c with { CapacityPerDay = c.CapacityPerDay + chosen.Where(o => o.CandidateIndex == i).Sum(o => o.CapacityAddedPerDay) })],
                Arcs = [.. problem.Arcs.Select(a => a with
                {
                    Co2eKgPerUnit = a.Co2eKgPerUnit - chosen.Where(o => o.CandidateIndex == a.CandidateIndex).Sum(o => o.Co2eCutKgPerUnit),
                    SocialRiskPerUnit = a.SocialRiskPerUnit - chosen.Where(o => o.CandidateIndex == a.CandidateIndex).Sum(o => o.SocialRiskCutPerUnit),
                })],
            };
            var solution = SourcingSolver.Solve(folded, settings);
            if (!solution.HasMix)
            {
                continue;
            }

            double constant = settings.Objective == SourcingKpi.Cost ? chosen.Sum(o => o.CostPerYear) / 365 / problem.TotalDemandPerDay : 0;
            double value = solution.Predicted[settings.Objective] + constant;
            best = best is null ? value : Math.Min(best.Value, value);
        }

        return best;
    }
}
