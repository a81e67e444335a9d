using System.Globalization;
using System.Text;

namespace Simulation.Scenarios;

/// <summary>Default output folders: always under <c>runs/</c>, named by a slug of the scenario's or design's name.</summary>
public static class OutputPaths
{
    /// <summary>
    /// The default folder of an output: <c>runs/PREFIX-SLUG-SUFFIX</c>, where the slug is made of the
    /// scenario's name, so a name (which the scenario file sets, not the user on the command line) can
    /// never point outside <c>runs/</c>.
    /// </summary>
    /// <param name="name">The scenario's or design's name.</param>
    /// <param name="suffix">Appended to the slug as it is, e.g. "-20260101-120000".</param>
    /// <returns>A relative path under <c>runs/</c>.</returns>
    public static string DefaultPath(string name, string suffix)
    {
        ArgumentNullException.ThrowIfNull(name);
        return
        Path.Combine("runs", Slug(name) + suffix);
    }

    /// <summary>A default output path stamped with the local time, e.g. <c>runs/quickstart-20260101-120000</c>.</summary>
    /// <param name="name">The scenario's name.</param>
    /// <param name="kind">Inserted before the time, e.g. "-compare".</param>
    /// <returns>A relative path under <c>runs/</c>.</returns>
    public static string TimestampedDefault(string name, string kind = "") =>
        DefaultPath(name, kind + "-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>Letters, digits, '-', '_' and '.' from <paramref name="name"/> (others become '-'), at most 64 characters, never '.' or '..' or empty.</summary>
    /// <param name="name">Any text.</param>
    /// <returns>A single safe path component.</returns>
    public static string Slug(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder(Math.Min(name.Length, 64));
        foreach (char c in name)
        {
            if (slug.Length == 64)
            {
                break;
            }

            bool safe = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.';
            if (safe)
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string text = slug.ToString().Trim('-', '.');
        return text.Length == 0 ? "scenario" : text;
    }
}
