using BenchmarkDotNet.Running;

namespace Simulation.Benchmarks;

/// <summary>
/// Entry point: pick benchmarks with BenchmarkDotNet's switches, for example
/// <c>dotnet run -c Release --project benchmarks/Simulation.Benchmarks -- --filter '*Kernel*'</c>;
/// or <c>-- cpu-vs-simsharp [rounds] [part of a workload name]</c> for the kernel's CPU time against Sim#'s.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks that the command line selects.</summary>
    public static void Main(string[] args)
    {
        if (args is ["cpu-vs-simsharp", ..])
        {
            RunCpuTimeComparison(
                rounds: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5,
                only: args.Length > 2 ? args[2] : "");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void RunCpuTimeComparison(int rounds, string only)
    {
#if SIMSHARP
        VersusSimSharp.CpuTimeComparison.Run(rounds, only, Console.Out);
#else
        Console.WriteLine($"(skipped: Sim# is not in ../shared/anchors/simsharp/SimSharp.dll; {rounds} rounds of '{only}' not run)");
#endif
    }
}
