using System.Runtime.InteropServices;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Renames a folder into place only if nothing is there: Linux's <c>renameat2(RENAME_NOREPLACE)</c>, so
/// of two processes committing to one path exactly one wins. Where that call does not exist (another
/// OS, an old kernel, a file system without it) a checked <see cref="Directory.Move(string, string)"/>
/// is used, which refuses an existing destination but leaves a short window between check and rename.
/// The same fallback serves a system where no C library answers to the name "libc".
/// </summary>
internal static class NoReplaceRename
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameNoReplace = 1;
    private const int AlreadyExists = 17; // EEXIST
    private const int NotEmpty = 39; // ENOTEMPTY

    /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/>; false when the destination exists.</summary>
    public static bool TryMove(string source, string destination)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (RenameAt2(AtCurrentDirectory, source, AtCurrentDirectory, destination, RenameNoReplace) == 0)
                {
                    return true;
                }

                int error = Marshal.GetLastPInvokeError();
                if (error is AlreadyExists or NotEmpty)
                {
                    return false;
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // No renameat2 here (an old C library), or no C library that loads under the name
                // "libc": the checked move below, rather than an unhandled exception at the very end.
            }
        }

        if (Directory.Exists(destination) || File.Exists(destination))
        {
            return false;
        }

        try
        {
            Directory.Move(source, destination);
            return true;
        }
        catch (IOException) when (Directory.Exists(destination))
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
