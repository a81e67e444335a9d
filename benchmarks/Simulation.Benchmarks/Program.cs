using BenchmarkDotNet.Running;

namespace Simulation.Benchmarks;

/// <summary>
/// Entry point: pick benchmarks with BenchmarkDotNet's switches, for example
/// <c>dotnet run -c Release --project benchmarks/Simulation.Benchmarks -- --filter '*Kernel*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks that the command line selects.</summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
