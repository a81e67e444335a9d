namespace Simulation.Benchmarks.Experiments;

/// <summary>Finds repository files from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class BenchmarkFiles
{
    /// <summary>The absolute path of <paramref name="relative"/>, searched upwards from the working and base directories.</summary>
    public static string Repo(string relative)
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"Cannot find {relative} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}.");
    }
}
