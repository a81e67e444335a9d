using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Network;
using Simulation.Scenarios.Experiments.Sweeps;

namespace Simulation.Benchmarks.Experiments;

/// <summary>
/// Sweep throughput: a 4-point grid over the apparel scenario (one year) with 16 replications per point,
/// 64 scenario-replications in all, with 1 and with 2 worker threads. Scenario-replications per second =
/// 64 / Median; the speed-up is the ratio of the two medians. (A quickstart sweep is dominated by the
/// fixed costs of loading, the final dataset and the charts, which do not run in parallel.)
/// </summary>
/// <remarks>
/// Measured: <see cref="ScenarioSweep.ExecuteAsync"/> end to end, as <c>sim sweep</c> runs it: loading
/// each point's scenario, the simulations, one part file per point, and the final dataset,
/// per-point summaries and charts. The returned figure is the number of points run.
/// </remarks>
[Config(typeof(SweepBenchmarkConfig))]
public class SweepThroughputBenchmark
{
    private string _folder = null!;
    private SweepDesign _design = null!;

    /// <summary>Worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Writes the design file and reads it once.</summary>
    [GlobalSetup]
    public void ReadDesign()
    {
        _folder = Path.Combine(Path.GetTempPath(), "sim-bench-sweep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, "design.yaml");
        File.WriteAllText(path, $"""
            scenario: {Path.Combine(RepositoryFiles.Root, "scenarios", "apparel-bangladesh.yaml")}
            set: [horizon_days=365]
            design: grid
            parameters:
              - path: suppliers[cmt-dhaka-a].capacity_per_day
                values: [18000, 22000]
              - path: buyers[brand-eu-a].payment_terms_days
                values: [45, 77]
            replications: 16
            kpis: [fill_rate, total_cost, supplier_exits]
            """);
        var (design, errors) = SweepDesignReader.Read(path);
        _design = design ?? throw new InvalidOperationException(string.Join('\n', errors));
    }

    /// <summary>Empties the sweep folder, so the measured run simulates every point.</summary>
    [IterationSetup]
    public void EmptyFolder()
    {
        string output = Path.Combine(_folder, "out");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Runs the whole sweep.</summary>
    /// <returns>Points simulated (4).</returns>
    [Benchmark]
    public int Sweep4PointsBy16Replications() =>
        ScenarioSweep.ExecuteAsync(_design, new SweepSettings { OutputDirectory = Path.Combine(_folder, "out"), Threads = Threads })
            .GetAwaiter().GetResult().PointsRun;

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);
}
