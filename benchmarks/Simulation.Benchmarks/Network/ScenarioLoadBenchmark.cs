using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Simulation.Scenarios;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// <see cref="ScenarioLoader.Load"/> of the layered networks, which is everything <c>sim run</c> does
/// before its first replication: read and parse the YAML, resolve it (the resolved document and its
/// hash included), read and validate every key, and build the network's 281 to 454,775 links. Compare
/// the rows with each other (linear in nodes + links) and with <see cref="LayeredNetworkBenchmark"/>
/// (one replication of the same network).
/// </summary>
[Config(typeof(Config))]
public class ScenarioLoadBenchmark
{
    private string _path = "";

    /// <summary>Nodes in the network.</summary>
    [Params(50, 200, 500, 2000)]
    public int Nodes { get; set; } = 50;

    [GlobalSetup]
    public void Locate() => _path = Path.Combine(RepositoryFiles.Root, "benchmarks", "networks", $"layered-{Nodes}.yaml");

    /// <summary>Loads the scenario; returns the number of links so the load cannot be skipped.</summary>
    [Benchmark]
    public int Load()
    {
        var result = ScenarioLoader.Load(_path);
        return result.Succeeded
            ? result.Definition!.Nodes.Sum(n => n.Stock.Sources.Count + n.Inputs.Sum(i => i.Sources.Count))
            : throw new InvalidOperationException(string.Join('\n', result.Errors));
    }

    /// <summary>3 warmups, 10 measured iterations, allocations measured.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Load"));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
