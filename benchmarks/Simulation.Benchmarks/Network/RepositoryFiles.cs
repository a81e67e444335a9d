using Simulation.Core.Network.Definitions;
using Simulation.Scenarios;

namespace Simulation.Benchmarks.Network;

/// <summary>Finds the repository's scenario files and loads them (BenchmarkDotNet runs from a build folder).</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding <c>Simulation.sln</c>, searched upwards from the working and the program's folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Loads a scenario given relative to the repository root; throws with every error if it does not load.</summary>
    public static NetworkDefinition Load(string relativePath)
    {
        var result = ScenarioLoader.Load(Path.Combine(Root, relativePath));
        return result.Succeeded
            ? result.Definition!
            : throw new InvalidOperationException(relativePath + " does not load:\n" + string.Join('\n', result.Errors));
    }

    private static string FindRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Simulation.sln not found above " + Directory.GetCurrentDirectory());
    }
}
