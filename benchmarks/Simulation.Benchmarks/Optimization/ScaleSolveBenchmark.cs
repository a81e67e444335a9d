using BenchmarkDotNet.Attributes;
using Simulation.Core.Optimization;

namespace Simulation.Benchmarks.Optimization;

/// <summary>
/// The scale target: 2,000 candidate suppliers x 1,000 replications x 4 periods (4,000
/// CVaR outcomes, the periods' seasonal demand 1.2, 1.0, 0.8, 1.0) with the CVaR cap binding, solved
/// to the default gap (<see cref="SourcingSettings.DefaultGap"/>). Target: under 60 s on the 2-core machine.
/// </summary>
[Config(typeof(OptimizerBenchmarkConfig))]
public class ScaleSolveBenchmark
{
    private const int Suppliers = 2_000;
    private const int Replications = 1_000;
    private const int Periods = 4;

    private SourcingProblem _problem = null!;
    private SourcingSettings _settings = null!;

    /// <summary>Builds the problem and its binding caps (outside the measurement).</summary>
    [GlobalSetup]
    public void Setup()
    {
        double[] season = [1.2, 1.0, 0.8, 1.0];
        var problem = SyntheticSourcingProblem.Create(Suppliers, Replications * Periods);
        _problem = problem with
        {
            ScenarioDemandFactors = [.. Enumerable.Range(0, Replications * Periods).Select(s => season[s % Periods])],
            PeriodsPerReplication = Periods,
        };
        _settings = SyntheticSourcingProblem.BindingSettings(_problem, co2eFactor: 1.01) with { RelativeGap = SourcingSettings.DefaultGap };
    }

    /// <summary>One solve; fails unless it reaches the gap.</summary>
    [Benchmark]
    public double Solve()
    {
        var solution = SourcingSolver.Solve(_problem, _settings);
        if (solution.Status != SourcingStatus.Optimal)
        {
            throw new InvalidOperationException($"Expected a solve to the gap, got {solution.Status}: {solution.Explanation}");
        }

        return solution.ObjectiveValue;
    }
}
