namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// Files that appear complete or not at all: written under a temporary name in the same folder, then
/// renamed, which is atomic on one file system. A killed process leaves only a temporary file, which
/// the next run deletes.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The marker in temporary names, so leftovers are recognised.</summary>
    public const string TemporaryMarker = ".tmp-";

    public static string TemporaryPath(string path) => $"{path}{TemporaryMarker}{Environment.ProcessId}-{Guid.NewGuid():N}";

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

    /// <summary>Deletes temporary files a killed process left in <paramref name="folder"/>.</summary>
    public static void DeleteLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*" + TemporaryMarker + "*"))
        {
            File.Delete(file);
        }
    }
}
