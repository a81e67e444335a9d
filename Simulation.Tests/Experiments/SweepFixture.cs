using System.Diagnostics;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Experiments;

/// <summary>Small sweep designs over the quickstart scenario, and the sim executable for child-process tests.</summary>
internal static class SweepFixture
{
    public static readonly string Quickstart = ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    /// <summary>Writes a design file into a fresh folder and returns its path.</summary>
    public static string Design(string body)
    {
        string folder = Cli.CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "design.yaml");
        File.WriteAllText(path, $"scenario: {Quickstart}\n" + body);
        return path;
    }

    /// <summary>A 3 x 4 grid: a whole-number capacity and real-valued payment terms, 2 replications each.</summary>
    public static string Grid(int horizonDays = 120) => Design($"""
        set: [horizon_days={horizonDays}]
        design: grid
        parameters:
          - path: suppliers[cmt-01].capacity_per_day
            values: [700, 800, 900]
          - path: buyers[brand-a].payment_terms_days
            name: terms
            range: [30, 75]
            steps: 4
        replications: 2
        kpis: [fill_rate, total_cost, supplier_exits]
        seed: 3
        """);

    /// <summary>
    /// Calls <paramref name="then"/> once the sweep writing into <paramref name="folder"/> has finished
    /// <paramref name="points"/> points, or once <paramref name="gaveUp"/> says it never will. Polled on a
    /// thread of its own, not the thread pool: with the suite's other tests holding the pool's threads, a
    /// <c>Task.Delay</c> continuation once woke only after every point of the sweep had finished.
    /// </summary>
    public static Task WhenPointsFinished(string folder, int points, Func<bool> gaveUp, Action then) =>
        Task.Factory.StartNew(
            () =>
            {
                string parts = Path.Combine(folder, "parts");
                while (!gaveUp() && (!Directory.Exists(parts) || Directory.GetFiles(parts, "*.parquet").Length < points))
                {
                    Thread.Sleep(5);
                }

                then();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>Starts <c>sim</c> in a child process (the test output folder holds sim.dll).</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    public static void AssertSameDataset(string expected, string actual, params string[] files)
    {
        foreach (string file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
        }
    }
}
