using BenchmarkDotNet.Attributes;
using Simulation.Core.Optimization;

namespace Simulation.Benchmarks.Optimization;

/// <summary>
/// Time to solve the sourcing MIP with capacity-building enrolment as a decision, to a 1% gap: the
/// <see cref="SourcingSolveBenchmark"/> problem (500 disruption scenarios) plus one programme every
/// candidate may join (cost 2,000 to 3,000 a year; 15% more capacity, 0.1 to 0.3 kg CO2e and 30% of
/// its social risk less per unit), at most a tenth of the candidates, a budget for 25 enrolments, and a
/// CO2e cap 3% below the cheapest mix's without programmes, so enrolment is needed to meet it.
/// </summary>
[Config(typeof(OptimizerBenchmarkConfig))]
public class ProgrammeSolveBenchmark
{
    private const int Scenarios = 500;

    private SourcingProblem _problem = null!;
    private SourcingSettings _settings = null!;

    /// <summary>Candidate suppliers, each with one enrolment option.</summary>
    [Params(200, 1_000)]
    public int Suppliers { get; set; }

    /// <summary>Builds the problem, its options and caps (outside the measurement).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var problem = SyntheticSourcingProblem.Create(Suppliers, Scenarios);
        var random = new Random(7);
        var options = problem.Candidates.Select((candidate, c) => new ProgrammeOption
        {
            ProgrammeIndex = 0,
            CandidateIndex = c,
            CostPerYear = 2_000 + (1_000 * random.NextDouble()),
            CapacityAddedPerDay = 0.15 * candidate.CapacityPerDay,
            Co2eCutKgPerUnit = 0.1 + (0.2 * random.NextDouble()),
            SocialRiskCutPerUnit = 0.3 * problem.Arcs.First(a => a.CandidateIndex == c).SocialRiskPerUnit,
        }).ToList();
        _problem = problem with { Programmes = [new SourcingProgramme("train", Suppliers / 10)], ProgrammeOptions = options };
        _settings = SyntheticSourcingProblem.BindingSettings(problem, co2eFactor: 0.97) with { ProgrammeBudgetPerYear = 25 * 2_500 };
    }

    /// <summary>One solve; fails unless it reaches the gap and enrols someone.</summary>
    [Benchmark]
    public double Solve()
    {
        var solution = SourcingSolver.Solve(_problem, _settings);
        if (solution.Status != SourcingStatus.Optimal || solution.Enrolled.Count == 0)
        {
            throw new InvalidOperationException($"Expected a solve to the gap with enrolments, got {solution.Status} with {solution.Enrolled.Count}: {solution.Explanation}");
        }

        return solution.ObjectiveValue;
    }
}
