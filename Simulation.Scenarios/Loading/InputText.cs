using System.Globalization;
using System.Text;

namespace Simulation.Scenarios.Loading;

/// <summary>
/// Reads a scenario or design file as text, refusing what is not one before the YAML parser sees it:
/// a folder, a file larger than <see cref="MaxBytes"/>, binary data (a NUL byte or bytes that are not
/// UTF-8). Each refusal is one plain reason, never the content of the file.
/// </summary>
internal static class InputText
{
    /// <summary>Largest scenario or design file read (large supplier lists belong in imported CSV or Parquet tables).</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or null with the reason it cannot be read.</summary>
    public static string? TryRead(string path, out string reason)
    {
        reason = "";
        if (Directory.Exists(path))
        {
            reason = "it is a folder, not a file";
            return null;
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                reason = "no such file";
                return null;
            }

            if (info.Length > MaxBytes)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"the file is {info.Length / (1024.0 * 1024):F1} MB; scenario and design files are at most {MaxBytes / (1024 * 1024)} MB (put long supplier lists in an imported CSV or Parquet table)");
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            reason = "permission denied";
            return null;
        }
        catch (IOException e)
        {
            reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            return null;
        }

        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"it is not a YAML text file (it holds binary data: a NUL byte at offset {nul})");
            return null;
        }

        try
        {
            string text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"it is not a YAML text file (it is not UTF-8: invalid bytes at offset {e.Index})");
            return null;
        }
    }
}
