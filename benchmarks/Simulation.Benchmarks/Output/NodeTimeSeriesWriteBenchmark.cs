using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Parquet;
using Simulation.Benchmarks.Network;
using Simulation.Core.Network;
using Simulation.Core.Replications;
using Simulation.Scenarios.Output;

namespace Simulation.Benchmarks.Output;

/// <summary>
/// The CPU cost of <c>node_timeseries.parquet</c>: 20 replications of apparel-bangladesh's node series
/// (1,006 sampled days x 337 nodes, 6.8 million rows) written as <c>sim run</c> writes them
/// (<see cref="NodeTimeSeriesFile"/>, our own column chunks) and, as the baseline, through Parquet.Net
/// (the same columns in <see cref="ColumnBuffer"/>s, LZ4 at its fastest, as before the ninth look).
/// </summary>
/// <remarks>
/// The process is pinned to one core, so that the row groups encoded side by side do not hide their
/// cost: the time per operation is the CPU time of writing the whole file. The global setup runs two
/// replications once; the written replications alternate between their series.
/// </remarks>
[Config(typeof(Config))]
public class NodeTimeSeriesWriteBenchmark
{
    private const int Replications = 20;

    private NodeTimeSeries[] _series = [];
    private string _folder = "";

    /// <summary>Runs the two source replications.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var definition = RepositoryFiles.Load("scenarios/apparel-bangladesh.yaml");
        _series = [.. ReplicationRunner.Run(2, 1, context => NetworkSimulation.Run(definition, context).NodeSeries!)];
        _folder = Path.Combine(Path.GetTempPath(), "sim-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    /// <summary>Removes the written files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Parquet.Net encoding every row group, the node ids as strings.</summary>
    /// <returns>The file's size in bytes.</returns>
    [Benchmark(Baseline = true)]
    public async Task<long> ParquetNet()
    {
        string path = NewPath();
        var replication = new ValueColumn<int>("replication");
        var day = new ValueColumn<int>("day");
        var node = new StringColumn("node");
        var metrics = NodeTimeSeries.Metrics.Select(m => new ValueColumn<double>(m)).ToArray();
        var options = ParquetColumns.WriterOptions(CompressionMethod.Lz4Raw, CompressionLevel.Fastest);
        await using (var writer = await ParquetStreamWriter.CreateAsync(path, [replication, day, node, .. metrics], options).ConfigureAwait(false))
        {
            for (int r = 0; r < Replications; r++)
            {
                var series = _series[r % _series.Length];
                string[] nodes = [.. series.Nodes];
                int total = series.Days.Count * nodes.Length;
                for (int start = 0; start < total;)
                {
                    int end = Math.Min(total, start + writer.RowsLeftInGroup);
                    replication.AddRepeated(r, end - start);
                    for (int flat = start; flat < end;)
                    {
                        int row = flat / nodes.Length;
                        int rowEnd = Math.Min(end, (row + 1) * nodes.Length);
                        day.AddRepeated((int)series.Days[row], rowEnd - flat);
                        node.AddRange(nodes.AsSpan(flat - (row * nodes.Length), rowEnd - flat));
                        flat = rowEnd;
                    }

                    for (int m = 0; m < metrics.Length; m++)
                    {
                        metrics[m].AddRange(series.Values(m)[start..end]);
                    }

                    writer.EndRows(end - start);
                    start = end;
                }
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }

        return Finish(path);
    }

    /// <summary>Our own column chunks, as <c>sim run</c> writes the file.</summary>
    /// <returns>The file's size in bytes.</returns>
    [Benchmark]
    public async Task<long> OwnChunks()
    {
        string path = NewPath();
        await using (var file = await NodeTimeSeriesFile.CreateAsync(path, CancellationToken.None).ConfigureAwait(false))
        {
            for (int r = 0; r < Replications; r++)
            {
                file.Append(r, _series[r % _series.Length]);
            }

            await file.CompleteAsync().ConfigureAwait(false);
        }

        return Finish(path);
    }

    private string NewPath() => Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".parquet");

    private static long Finish(string path)
    {
        long size = new FileInfo(path).Length;
        File.Delete(path);
        return size;
    }

    /// <summary>One core (CPU time, not parallel wall time); a write takes a second or so.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8).WithAffinity(1).WithId("OneCore"));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
