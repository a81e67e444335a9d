using BenchmarkDotNet.Attributes;
using Simulation.Core.Optimization;

namespace Simulation.Benchmarks.Optimization;

/// <summary>
/// Time to solve a sourcing MIP to a 1% gap: minimise cost with a CVaR-of-shortfall cap (alpha 0.95),
/// a CO2e cap, at most 10% per supplier and 30% per region, and a minimum share of 0.5% if used.
/// Sizes: candidate suppliers x disruption scenarios. Returns the objective so the solve is not elided.
/// </summary>
[Config(typeof(OptimizerBenchmarkConfig))]
public class SourcingSolveBenchmark
{
    private SourcingProblem _problem = null!;
    private SourcingSettings _settings = null!;

    /// <summary>Candidate suppliers.</summary>
    [Params(50, 200, 1_000)]
    public int Suppliers { get; set; }

    /// <summary>Disruption scenarios.</summary>
    [Params(100, 500)]
    public int Scenarios { get; set; }

    /// <summary>
    /// Builds the problem and its caps (outside the measurement): the CVaR cap halfway between its own
    /// minimum and its value at the cheapest mix, so it binds; CO2e capped just above the cheapest mix's.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = SyntheticSourcingProblem.Create(Suppliers, Scenarios);
        _settings = SyntheticSourcingProblem.BindingSettings(_problem, co2eFactor: 1.01);
    }

    /// <summary>One solve.</summary>
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
