namespace Simulation.Scenarios.Output;

/// <summary>
/// Atomic run folders: everything is written into a hidden sibling staging folder, which is renamed to
/// the final name only when complete and only if nothing took that name meanwhile, so an interrupted
/// run never leaves a folder that looks finished and of two runs racing for one folder exactly one wins.
/// </summary>
/// <remarks>
/// Staging folders are named <c>.NAME.partial-OWNER</c> (<see cref="OwnerTag"/>): a run deletes the
/// staging folders beside it whose process died (killed, out of memory, power loss) and no others.
/// <c>--force</c> replaces only a folder that a run of ours wrote (it holds <c>manifest.json</c>) or
/// an empty one; anything else is refused, so a mistyped <c>--out</c> cannot delete a user's files.
/// </remarks>
internal sealed class RunFolder : IDisposable
{
    /// <summary>The file every finished run, comparison and optimization folder holds.</summary>
    public const string Marker = "manifest.json";

    private const string PartialMarker = ".partial-";
    private const string ReplacedMarker = ".replaced-";
    private readonly bool _force;
    private bool _committed;

    private RunFolder(string finalPath, string stagingPath, string shownPath, bool force)
    {
        FinalPath = finalPath;
        StagingPath = stagingPath;
        ShownPath = shownPath;
        _force = force;
    }

    public string FinalPath { get; }

    public string StagingPath { get; }

    /// <summary>The path as the user gave it, for messages.</summary>
    private string ShownPath { get; }

    /// <summary>Creates the staging folder; refuses an existing final folder unless <paramref name="force"/> and it is one of ours.</summary>
    public static RunFolder Begin(string outputDirectory, bool force)
    {
        string finalPath = Path.GetFullPath(outputDirectory);
        if (File.Exists(finalPath))
        {
            throw new ScenarioInputException($"'{outputDirectory}' is a file, not a folder; choose another --out.");
        }

        if (Directory.Exists(finalPath))
        {
            if (!force)
            {
                throw new ScenarioInputException($"The run folder '{outputDirectory}' already exists; choose another --out or pass --force to replace it.");
            }

            RefuseForeign(finalPath, outputDirectory);
        }

        string parent = Path.GetDirectoryName(finalPath) ?? ".";
        string staging = Path.Combine(parent, $".{Path.GetFileName(finalPath)}{PartialMarker}{OwnerTag.New()}");
        try
        {
            Directory.CreateDirectory(parent);
            DeleteDeadStaging(parent);
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or virtual file system (/proc), a full disk, a name that is taken by a file.
            throw CannotCreate("run", outputDirectory, e);
        }

        return new RunFolder(finalPath, staging, outputDirectory, force);
    }

    /// <summary>The error for an output folder (a <paramref name="kind"/> folder: run, sweep) that the file system refused to create.</summary>
    internal static ScenarioInputException CannotCreate(string kind, string folder, Exception e) =>
        new($"Cannot create the {kind} folder '{folder}' ({e.Message.TrimEnd('.')}); choose another --out.", e);

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

    /// <summary>
    /// Moves the finished staging folder into place. With <c>--force</c> an existing run folder of ours
    /// is first moved aside (and deleted after); if another run took the name meanwhile, this one loses.
    /// </summary>
    /// <exception cref="ScenarioInputException">Another process committed a folder at the same path first.</exception>
    public void Commit()
    {
        string? aside = null;
        if (_force && Directory.Exists(FinalPath))
        {
            RefuseForeign(FinalPath, ShownPath);
            aside = Path.Combine(Path.GetDirectoryName(FinalPath)!, $".{Path.GetFileName(FinalPath)}{ReplacedMarker}{OwnerTag.New()}");
            if (!NoReplaceRename.TryMove(FinalPath, aside))
            {
                aside = null;
            }
        }

        if (!NoReplaceRename.TryMove(StagingPath, FinalPath))
        {
            throw new ScenarioInputException(
                $"The run folder '{ShownPath}' was created by another run while this one was running; this run's results were discarded. Choose another --out (or pass --force to replace it).");
        }

        _committed = true;
        if (aside is not null)
        {
            Directory.Delete(aside, recursive: true);
        }
    }

    /// <summary>Removes the staging folder of a run that did not complete.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(StagingPath))
        {
            Directory.Delete(StagingPath, recursive: true);
        }
    }

    /// <summary>Deletes staging and moved-aside folders in <paramref name="parent"/> whose process is proven dead.</summary>
    /// <returns>How many were deleted.</returns>
    internal static int DeleteDeadStaging(string parent)
    {
        int deleted = 0;
        foreach (string folder in Directory.EnumerateDirectories(parent, ".*"))
        {
            string name = Path.GetFileName(folder);
            bool ours = name.Contains(PartialMarker, StringComparison.Ordinal) || name.Contains(ReplacedMarker, StringComparison.Ordinal);
            if (ours && OwnerTag.IsProvenDead(name))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                    deleted++;
                }
                catch (DirectoryNotFoundException)
                {
                    // Another run cleaned it at the same moment.
                }
            }
        }

        return deleted;
    }

    private static void RefuseForeign(string path, string shown)
    {
        bool ours = File.Exists(Path.Combine(path, Marker)) || !Directory.EnumerateFileSystemEntries(path).Any();
        if (!ours)
        {
            throw new ScenarioInputException(
                $"'{shown}' exists and is not a run folder (it has no {Marker}); --force replaces only run folders. Choose another --out.");
        }
    }
}
