using Simulation.Core.Statistics;

namespace Simulation.Tests.Examples;

public sealed class ReadmeExampleTests
{
    [Fact]
    public void KernelExample_InReadme_IsTheCompiledExample()
    {
        AssertReadmeQuotes("Simulation.Tests/Examples/ReadmeKernelExample.cs", "kernel");
    }

    [Fact]
    public void KernelExample_MeanWait_MatchesMM1Theory()
    {
        // 20 independent runs of 50,000 customers: the M/M/1 mean wait in queue is rho/(mu-lambda) = 4.
        var waits = Enumerable.Range(0, 20)
            .Select(r => ReadmeKernelExample.MeanWaitInQueue(seed: 1000 + (ulong)r, customers: 50_000))
            .ToArray();
        var summary = Summary.Of(waits);
        var (low, high) = Summary.ConfidenceInterval(summary.Mean, summary.StandardDeviation, summary.N, 0.99);
        Assert.InRange(4.0, low, high);
        Assert.InRange(summary.Mean, 3.7, 4.3);
    }

    [Fact]
    public void LibraryExample_InReadme_IsTheCompiledExample()
    {
        AssertReadmeQuotes("Simulation.Tests/Examples/ReadmeLibraryExample.cs", "library");
    }

    [Fact]
    public void LibraryExample_RunsQuickstart_AndReportsAPlausibleFillRate()
    {
        var fillRate = ReadmeLibraryExample.QuickstartFillRate(RepoFile("scenarios/quickstart.yaml"));
        Assert.Equal(20, fillRate.N);
        Assert.InRange(fillRate.Mean, 0.5, 1.0);
        Assert.True(fillRate.Ci95Low <= fillRate.Mean && fillRate.Mean <= fillRate.Ci95High);
    }

    internal static void AssertReadmeQuotes(string sourceFile, string marker)
    {
        string readme = Excerpt(File.ReadAllText(RepoFile("README.md")), marker);
        string source = Excerpt(File.ReadAllText(RepoFile(sourceFile)), marker);
        Assert.Equal(source, readme);
    }

    /// <summary>The lines between the README markers, each trimmed, so indentation may differ.</summary>
    private static string Excerpt(string text, string marker)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        int begin = lines.FindIndex(l => l.Contains($"README:{marker}-begin", StringComparison.Ordinal));
        int end = lines.FindIndex(l => l.Contains($"README:{marker}-end", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end > begin, $"{marker} example markers not found");
        return string.Join('\n', lines.Skip(begin + 1).Take(end - begin - 1)
            .Where(l => !l.StartsWith("```", StringComparison.Ordinal)));
    }

    internal static string RepoFile(string relative) => Scenarios.RepositoryFiles.Path(relative);
}
