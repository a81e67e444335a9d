namespace Simulation.Scenarios.Output;

/// <summary>
/// Atomic run folders: everything is written into a hidden sibling staging folder, which is renamed to
/// the final name only when complete, so an interrupted run never leaves a folder that looks finished.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    private bool _committed;

    private RunFolder(string finalPath, string stagingPath)
    {
        FinalPath = finalPath;
        StagingPath = stagingPath;
    }

    public string FinalPath { get; }

    public string StagingPath { get; }

    /// <summary>Creates the staging folder; refuses an existing final folder unless <paramref name="force"/>.</summary>
    public static RunFolder Begin(string outputDirectory, bool force)
    {
        string finalPath = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(finalPath) && !force)
        {
            throw new ScenarioInputException($"The run folder '{outputDirectory}' already exists; choose another --out or pass --force to replace it.");
        }

        if (File.Exists(finalPath))
        {
            throw new ScenarioInputException($"'{outputDirectory}' is a file, not a folder; choose another --out.");
        }

        string parent = Path.GetDirectoryName(finalPath) ?? ".";
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(finalPath)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new RunFolder(finalPath, staging);
    }

    /// <summary>A path inside the staging folder; names cannot escape it.</summary>
    public string PathFor(string relativeName)
    {
        string path = Path.GetFullPath(Path.Combine(StagingPath, relativeName));
        if (!path.StartsWith(StagingPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Output name '{relativeName}' would escape the run folder.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Moves the finished staging folder into place.</summary>
    public void Commit()
    {
        if (Directory.Exists(FinalPath))
        {
            Directory.Delete(FinalPath, recursive: true);
        }

        Directory.Move(StagingPath, FinalPath);
        _committed = true;
    }

    /// <summary>Removes the staging folder of a run that did not complete.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(StagingPath))
        {
            Directory.Delete(StagingPath, recursive: true);
        }
    }
}
