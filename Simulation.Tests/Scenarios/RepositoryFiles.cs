namespace Simulation.Tests.Scenarios;

/// <summary>Finds files of the repository (reference scenarios, docs) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        DirectoryInfo? folder = new(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "Simulation.sln")))
        {
            folder = folder.Parent;
        }

        return System.IO.Path.Combine([folder?.FullName ?? throw new InvalidOperationException("Simulation.sln not found above " + AppContext.BaseDirectory), .. parts]);
    }
}
