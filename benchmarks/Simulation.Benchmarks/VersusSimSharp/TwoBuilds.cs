using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using MathNet.Numerics.Statistics;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// Our side of one side-by-side workload in two builds of this project (say main's kernel and a change
/// to it), both loaded into this one process and run alternately, printed as a Markdown row with the
/// paired ratio B / A and its 95 % interval (<see cref="PairedRatio"/>).
/// </summary>
/// <remarks>
/// <para>Why: on a shared VM the same build's run differs by a fifth or more between minutes (the
/// host's caches and memory are shared with other guests), more than most kernel changes gain, so two
/// builds timed in separate processes one after the other compare the minutes as much as the code.
/// Here both run in every round, back to back, the order alternating.</para>
/// <para>Each build is loaded into an <see cref="AssemblyLoadContext"/> of its own from its output
/// folder, so each has its own copy of <c>Simulation.Core</c>, its own compiled code and its own
/// dynamic-PGO profile. Only members that every build since the side-by-side suite has are used
/// (<see cref="SideBySideWorkloads.Named"/>, <see cref="SideBySideWorkload.PrepareOurs"/> and
/// <see cref="Kernel.RunOutcome"/>), through reflection, so an older commit's build can be either side.
/// The two builds' model outputs must be equal, round by round: a kernel change may only change how
/// fast the same events fire.</para>
/// </remarks>
public static class TwoBuilds
{
    private const int WarmupRounds = 2;

    /// <summary>Runs each of <paramref name="workloads"/> (every side-by-side workload when empty) on
    /// builds A and B for <paramref name="rounds"/> rounds after warm-ups, and writes a table with a row
    /// per workload to <paramref name="output"/>.</summary>
    public static void Run(int rounds, IReadOnlyList<string> workloads, string folderA, string folderB, TextWriter output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, PairedRatio.MinimumRounds);
        var a = new Build(folderA);
        var b = new Build(folderB);
        var names = workloads.Count > 0 ? workloads : SideBySideWorkloads.All.Select(w => w.Name).ToList();
        var pairs = names.Select(name => (Name: name, A: a.Workload(name), B: b.Workload(name))).ToList(); // an unknown name fails before any run
        output.WriteLine($"| workload | A: CPU ms | B: CPU ms | B / A, paired median [{PairedRatio.Confidence:P0} interval] | at {PairedRatio.Confidence:P0} |");
        output.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (name, workloadA, workloadB) in pairs)
        {
            output.WriteLine(Compare(rounds, name, workloadA, workloadB));
            output.Flush();
        }
    }

    private static string Compare(int rounds, string name, BuildWorkload a, BuildWorkload b)
    {
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (int round = 0; round < WarmupRounds + rounds; round++)
        {
            bool aFirst = round % 2 == 0;
            double first = (aFirst ? a : b).MeasureOnce();
            double second = (aFirst ? b : a).MeasureOnce();
            if (!a.LastOutput.Equals(b.LastOutput) || a.LastEvents != b.LastEvents)
            {
                throw new TwoBuildsException(
                    $"{name}: the builds did different work (A: {a.LastEvents} events, output {a.LastOutput:R}; B: {b.LastEvents} events, output {b.LastOutput:R}).");
            }

            if (round >= WarmupRounds)
            {
                timesA.Add(aFirst ? first : second);
                timesB.Add(aFirst ? second : first);
            }
        }

        var paired = PairedRatio.Of(timesB, timesA);
        string verdict = paired.High < 1 ? "B faster" : paired.Low > 1 ? "B slower" : "no difference shown";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {timesA.Median():F1} | {timesB.Median():F1} | {paired.Median:F3} [{paired.Low:F3}-{paired.High:F3}] | {verdict} |");
    }

    /// <summary>One build, loaded into a context of its own; its workloads are reached through reflection.</summary>
    private sealed class Build
    {
        private readonly string _folder;
        private readonly MethodInfo _named;

        public Build(string folder)
        {
            string path = Path.GetFullPath(Path.Combine(folder, "Simulation.Benchmarks.dll"));
            if (!File.Exists(path))
            {
                throw new TwoBuildsException($"no build of the benchmarks in {folder} (expected {path}).");
            }

            var assembly = new BuildContext(path).LoadFromAssemblyPath(path);
            _folder = folder;
            _named = assembly.GetType(typeof(SideBySideWorkloads).FullName!)?.GetMethod(nameof(SideBySideWorkloads.Named))
                ?? throw new TwoBuildsException(
                    $"the build in {folder} has no {nameof(SideBySideWorkloads)}.{nameof(SideBySideWorkloads.Named)}: it predates the side-by-side suite, or was built without Sim#.");
        }

        public BuildWorkload Workload(string name)
        {
            try
            {
                return new BuildWorkload(_named.Invoke(null, [name])!);
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException missing)
            {
                throw new TwoBuildsException($"the build in {_folder}: {missing.Message}");
            }
        }
    }

    /// <summary>One workload of one build.</summary>
    private sealed class BuildWorkload(object workload)
    {
        private readonly MethodInfo _prepareOurs = workload.GetType().GetMethod(nameof(SideBySideWorkload.PrepareOurs))!;

        public double LastOutput { get; private set; }

        public long LastEvents { get; private set; }

        /// <summary>Builds the model (not measured), then returns the CPU milliseconds of its run.</summary>
        public double MeasureOnce()
        {
            var run = (Delegate)_prepareOurs.Invoke(workload, null)!;
            object? outcome = null;
            double milliseconds = CpuTimeComparison.CpuMilliseconds(() => outcome = run.DynamicInvoke());
            var type = outcome!.GetType();
            LastOutput = (double)type.GetProperty(nameof(Kernel.RunOutcome.Value))!.GetValue(outcome)!;
            LastEvents = (long)type.GetProperty(nameof(Kernel.RunOutcome.EventsFired))!.GetValue(outcome)!;
            return milliseconds;
        }
    }

    /// <summary>Loads a build's own assemblies from its folder (by its .deps.json) and takes the rest,
    /// the shared framework, from the default context.</summary>
    private sealed class BuildContext(string mainAssembly) : AssemblyLoadContext($"build at {mainAssembly}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}

/// <summary>Why two builds could not be compared: a folder without a build, a build that predates the
/// side-by-side suite, an unknown workload, or builds whose model outputs differ.</summary>
public sealed class TwoBuildsException(string message) : Exception(message);
