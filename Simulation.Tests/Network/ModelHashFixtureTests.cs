using System.Security.Cryptography;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Network;

/// <summary>
/// The bytes of every shipped scenario's outputs, recorded before the network model was reshaped into
/// parts that own their state (Network/ModelHashes.txt). A refactoring of the model must leave them
/// alone; a change that moves them on purpose (a bug fixed, a mechanism added) records the new hashes
/// and says in its commit message which moved and why. Each run: seed 7, 3 replications, weekly time
/// series, no report; the quickstart also writes its events.
/// </summary>
public sealed class ModelHashFixtureTests
{
    private const ulong Seed = 7;
    private const int Replications = 3;
    private const int Every = 7;

    /// <summary>The runs recorded: scenario file, and whether it writes events.parquet.</summary>
    public static TheoryData<string, bool> Runs() => new()
    {
        { "scenarios/apparel-bangladesh.yaml", false },
        { "scenarios/conflict-minerals.yaml", false },
        { "scenarios/palm-oil-smallholders.yaml", false },
        { "scenarios/quickstart.yaml", true },
        { "scenarios/risk-targeting.yaml", false },
        { "scenarios/smart-mix.yaml", false },
        { "scenarios/smart-mix-mandatory.yaml", false },
        { "scenarios/smart-mix-voluntary.yaml", false },
        { "scenarios/smart-mix-backup.yaml", false },
        { "benchmarks/networks/layered-50.yaml", false },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Outputs_are_the_recorded_bytes(string scenarioFile, bool events)
    {
        var expected = Expected()[scenarioFile];
        var actual = await HashesAsync(scenarioFile, events);
        Assert.Equal(Format(expected), Format(actual));
    }

    [Fact]
    public void Every_shipped_scenario_is_recorded()
    {
        var recorded = Expected().Keys.ToHashSet(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(ReadmeExampleTests.RepoFile("scenarios"), "*.yaml"))
        {
            Assert.Contains("scenarios/" + Path.GetFileName(file), recorded);
        }
    }

    /// <summary>Runs the scenario in-process as `sim run` does and hashes its Parquet outputs.</summary>
    internal static async Task<SortedDictionary<string, string>> HashesAsync(string scenarioFile, bool events)
    {
        string folder = CliHarness.TempFolder();
        try
        {
            var scenario = ScenarioLoader.Load(ReadmeExampleTests.RepoFile(scenarioFile), []);
            await ScenarioRun.ExecuteAsync(scenario, new RunSettings
            {
                OutputDirectory = folder,
                Replications = Replications,
                Seed = Seed,
                Threads = 2,
                TimeSeriesEveryDays = Every,
                RecordEvents = events,
                Report = false,
                CommandLine = "sim run (hash fixture)",
            });

            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (string name in OutputFiles(events))
            {
                hashes[name] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, name))));
            }

            return hashes;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<string> OutputFiles(bool events)
    {
        yield return "kpis.parquet";
        yield return "timeseries.parquet";
        yield return "suppliers.parquet";
        if (events)
        {
            yield return "events.parquet";
        }
    }

    private static string Format(IDictionary<string, string> hashes) =>
        string.Join('\n', hashes.Select(h => $"{h.Key} {h.Value}"));

    /// <summary>ModelHashes.txt: lines of "scenario-file output-file sha256".</summary>
    private static Dictionary<string, SortedDictionary<string, string>> Expected()
    {
        var expected = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(ReadmeExampleTests.RepoFile("Simulation.Tests/Network/ModelHashes.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!expected.TryGetValue(parts[0], out var files))
            {
                expected[parts[0]] = files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            files[parts[1]] = parts[2];
        }

        return expected;
    }
}
