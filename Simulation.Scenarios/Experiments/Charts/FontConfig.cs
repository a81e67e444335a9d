using System.Runtime.InteropServices;

namespace Simulation.Scenarios.Experiments.Charts;

/// <summary>
/// Asks the system's fontconfig whether a font family is installed, as Skia's font manager does on
/// Linux (a readable font file whose family list names it), without loading Skia: a run report's
/// charts are hand-written SVG and need only the family's name, and loading Skia with its font
/// manager cost more than drawing every chart of a small run.
/// </summary>
internal static class FontConfig
{
    private const string Library = "libfontconfig.so.1";
    private const int ResultMatch = 0;

    /// <summary>
    /// True or false when fontconfig answered; null where it is not available (another OS, no
    /// libfontconfig), so the caller asks Skia instead.
    /// </summary>
    public static bool? HasFamily(string family)
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, out _))
        {
            return null;
        }

        try
        {
            return ListsReadableFile(family);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static bool? ListsReadableFile(string family)
    {
        IntPtr pattern = FcPatternCreate();
        IntPtr objects = FcObjectSetCreate();
        try
        {
            if (FcPatternAddString(pattern, "family", family) == 0 || FcObjectSetAdd(objects, "file") == 0)
            {
                return null; // fontconfig could not allocate: let Skia answer
            }

            IntPtr set = FcFontList(IntPtr.Zero, pattern, objects);
            if (set == IntPtr.Zero)
            {
                return false;
            }

            try
            {
                // FcFontSet is { int nfont; int sfont; FcPattern **fonts; }.
                int count = Marshal.ReadInt32(set);
                IntPtr fonts = Marshal.ReadIntPtr(set, IntPtr.Size);
                for (int i = 0; i < count; i++)
                {
                    IntPtr font = Marshal.ReadIntPtr(fonts, i * IntPtr.Size);
                    if (FcPatternGetString(font, "file", 0, out IntPtr file) == ResultMatch
                        && Marshal.PtrToStringUTF8(file) is { } path && File.Exists(path))
                    {
                        return true;
                    }
                }

                return false;
            }
            finally
            {
                FcFontSetDestroy(set);
            }
        }
        finally
        {
            FcObjectSetDestroy(objects);
            FcPatternDestroy(pattern);
        }
    }

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr FcPatternCreate();

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void FcPatternDestroy(IntPtr pattern);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FcPatternAddString(IntPtr pattern, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FcPatternGetString(IntPtr pattern, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int index, out IntPtr value);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr FcObjectSetCreate();

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FcObjectSetAdd(IntPtr objects, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void FcObjectSetDestroy(IntPtr objects);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr FcFontList(IntPtr config, IntPtr pattern, IntPtr objects);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void FcFontSetDestroy(IntPtr set);
}
