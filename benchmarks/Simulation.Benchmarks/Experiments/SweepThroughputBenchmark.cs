using BenchmarkDotNet.Attributes;
using Simulation.Scenarios.Experiments.Sweeps;

namespace Simulation.Benchmarks.Experiments;

/// <summary>
/// Sweep throughput: a 16-point grid over the quickstart scenario (one-year horizon) with 16 replications
/// per point, 256 scenario-replications in all, with 1 and with 2 worker threads. Scenario-replications
/// per second = 256 / Median; the speed-up is the ratio of the two medians.
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
            scenario: {BenchmarkFiles.Repo("scenarios/quickstart.yaml")}
            set: [horizon_days=365]
            design: grid
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                values: [700, 800, 900, 1000]
              - path: buyers[brand-a].payment_terms_days
                values: [30, 45, 60, 75]
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
    /// <returns>Points simulated (16).</returns>
    [Benchmark]
    public int Sweep16PointsBy16Replications() =>
        ScenarioSweep.ExecuteAsync(_design, new SweepSettings { OutputDirectory = Path.Combine(_folder, "out"), Threads = Threads })
            .GetAwaiter().GetResult().PointsRun;

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);
}
