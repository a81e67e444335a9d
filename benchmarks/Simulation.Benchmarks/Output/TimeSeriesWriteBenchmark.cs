using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Simulation.Core.Network;
using Simulation.Benchmarks.Network;
using Simulation.Core.Replications;
using Simulation.Scenarios.Output;

namespace Simulation.Benchmarks.Output;

/// <summary>
/// Parquet write throughput of <c>timeseries.parquet</c>: 50 replications of apparel-bangladesh
/// (1,096 daily rows each, 3 years; replication, day, date and 21 double metrics per row) streamed
/// through <see cref="TimeSeriesFile"/> exactly as <c>sim run</c> writes them, Zstd-compressed, to a
/// temporary file. The time per operation is the time per row, so rows/s = 1 / Mean.
/// </summary>
/// <remarks>
/// The global setup runs two replications of the scenario once; the 50 written replications
/// alternate between their time series, so the data is the model's own (compressibility included).
/// </remarks>
[Config(typeof(Config))]
public class TimeSeriesWriteBenchmark
{
    private const int Replications = 50;
    private const int RowsPerReplication = 1_096;
    private const int Rows = Replications * RowsPerReplication;

    private TimeSeries[] _series = [];
    private DateOnly? _startDate;
    private string _folder = "";

    /// <summary>Runs the two source replications.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var definition = RepositoryFiles.Load("scenarios/apparel-bangladesh.yaml");
        _startDate = definition.StartDate;
        _series = [.. ReplicationRunner.Run(2, 1, context => NetworkSimulation.Run(definition, context).Daily)];
        if (_series[0].Days.Count != RowsPerReplication)
        {
            throw new InvalidOperationException($"Expected {RowsPerReplication} rows per replication, got {_series[0].Days.Count}.");
        }

        _folder = Path.Combine(Path.GetTempPath(), "sim-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    /// <summary>Removes the written files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Writes the 54,800 rows and closes the file.</summary>
    /// <returns>The file's size in bytes.</returns>
    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task<long> WriteTimeSeries()
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".parquet");
        await using (var file = await TimeSeriesFile.CreateAsync(path, _startDate, CancellationToken.None).ConfigureAwait(false))
        {
            for (int r = 0; r < Replications; r++)
            {
                file.Append(r, _series[r % _series.Length]);
            }

            await file.CompleteAsync().ConfigureAwait(false);
        }

        long size = new FileInfo(path).Length;
        File.Delete(path);
        return size;
    }

    /// <summary>A few iterations of one invocation each: a write takes tens of milliseconds.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Output"));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
