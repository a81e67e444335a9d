using BenchmarkDotNet.Running;

namespace Simulation.Benchmarks;

/// <summary>
/// Entry point: pick benchmarks with BenchmarkDotNet's switches, for example
/// <c>dotnet run -c Release --project benchmarks/Simulation.Benchmarks -- --filter '*Kernel*'</c>;
/// or <c>-- cpu-vs-simsharp [rounds] [part of a workload name]</c> for the kernel's CPU time against Sim#'s;
/// or <c>-- two-builds rounds folderA folderB [workload...]</c> for our side of the side-by-side workloads
/// in two builds of this project, alternating in one process (<c>benchmarks/compare/kernel-ab.sh</c> makes
/// the builds).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks that the command line selects.</summary>
    public static void Main(string[] args)
    {
        if (args is ["cpu-vs-simsharp", ..])
        {
            RunCpuTimeComparison(
                rounds: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7,
                only: args.Length > 2 ? args[2] : "");
            return;
        }

        if (args is ["two-builds", var rounds, var folderA, var folderB, .. var workloads])
        {
            Environment.ExitCode = RunTwoBuilds(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture), workloads, folderA, folderB);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void RunCpuTimeComparison(int rounds, string only)
    {
#if SIMSHARP
        try
        {
            VersusSimSharp.CpuTimeComparison.Run(rounds, only, Console.Out);
        }
        catch (ArgumentOutOfRangeException e)
        {
            Console.Error.WriteLine($"cpu-vs-simsharp: {e.Message}");
            Environment.ExitCode = 2;
        }
#else
        Console.WriteLine($"(skipped: Sim# is not in ../shared/anchors/simsharp/SimSharp.dll; {rounds} rounds of '{only}' not run)");
#endif
    }

    /// <summary>The side-by-side workloads are compiled only beside Sim#, so the two-builds comparison
    /// needs it as well.</summary>
    private static int RunTwoBuilds(int rounds, string[] workloads, string folderA, string folderB)
    {
#if SIMSHARP
        try
        {
            VersusSimSharp.TwoBuilds.Run(rounds, workloads, folderA, folderB, Console.Out);
            return 0;
        }
        catch (Exception e) when (e is VersusSimSharp.TwoBuildsException or ArgumentException)
        {
            Console.Error.WriteLine($"two-builds: {e.Message}");
            return 2;
        }
#else
        Console.WriteLine($"(skipped: the side-by-side workloads need ../shared/anchors/simsharp/SimSharp.dll; {folderA} and {folderB} not compared)");
        return 0;
#endif
    }
}
