using System.Diagnostics;
using System.Globalization;
using Simulation.Core.Network;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;
using Simulation.Scenarios;

// Times, in a fresh process, what sim run does before and during its replications: the scenario load,
// then each replication in turn on one thread. The first replication pays for the JIT (or not, when
// published ReadyToRun); the later ones are warm. Prints one line:
//   load_ms=... replication_ms=first,second,...
// Usage: FirstReplication SCENARIO [REPLICATIONS=6]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: FirstReplication SCENARIO [REPLICATIONS]");
    return 2;
}

int replications = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
var clock = Stopwatch.StartNew();
var loaded = ScenarioLoader.Load(args[0]);
if (!loaded.Succeeded)
{
    Console.Error.WriteLine(string.Join('\n', loaded.Errors));
    return 2;
}

double loadMs = clock.Elapsed.TotalMilliseconds;
var times = new List<string>();
for (int r = 0; r < replications; r++)
{
    clock.Restart();
    var context = new ReplicationContext(r, SeedSequence.ReplicationSeed(loaded.Definition!.Seed, r));
    NetworkSimulation.Run(loaded.Definition, context);
    times.Add(clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load_ms={loadMs:F1} replication_ms={string.Join(',', times)}"));
return 0;
