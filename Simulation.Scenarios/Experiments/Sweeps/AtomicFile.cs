using Simulation.Scenarios.Output;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// Files that appear complete or not at all: written under a temporary name in the same folder, then
/// renamed, which is atomic on one file system. The temporary name carries its owner's
/// <see cref="OwnerTag"/>, so a process that starts in a folder other processes are writing to (the
/// shards of one sweep) deletes only the leftovers of processes that are proven dead.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The marker in temporary names, so leftovers are recognised.</summary>
    public const string TemporaryMarker = ".tmp-";

    public static string TemporaryPath(string path) => path + TemporaryMarker + OwnerTag.New();

    /// <summary>Writes through <paramref name="write"/> into a temporary file, then renames it to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, Func<string, Task> write)
    {
        string temporary = TemporaryPath(path);
        try
        {
            await write(temporary).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static void WriteAllText(string path, string text) =>
        WriteAsync(path, temporary => File.WriteAllTextAsync(temporary, text)).GetAwaiter().GetResult();

    /// <summary>Deletes the temporary files in <paramref name="folder"/> whose owner process is proven dead; live writers' files stay.</summary>
    /// <returns>How many were deleted.</returns>
    public static int DeleteLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        int deleted = 0;
        foreach (string file in Directory.EnumerateFiles(folder, "*" + TemporaryMarker + "*"))
        {
            if (OwnerTag.IsProvenDead(Path.GetFileName(file)))
            {
                // Another process may be deleting the same leftover at the same moment.
                try
                {
                    File.Delete(file);
                    deleted++;
                }
                catch (IOException)
                {
                }
            }
        }

        return deleted;
    }
}
