using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulation.Scenarios.Output;

/// <summary>
/// Names a temporary file or staging folder after the process that owns it: <c>PID@HOST.GUID</c>.
/// Several processes (shards of one sweep on one node or on many nodes sharing a file system) write
/// into one folder, so a process may clean up only leftovers that are proven dead: those written on
/// this host by a process id that no longer runs. Anything else (another host's, a live process's,
/// a name we cannot read) is left alone; it costs disk space, never a live writer's file.
/// </summary>
internal static partial class OwnerTag
{
    /// <summary>This process's tag prefix: its id and host (the GUID is added per name).</summary>
    private static readonly string Prefix = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}@{Host(Environment.MachineName)}");

    /// <summary>A new unique tag owned by this process.</summary>
    public static string New() => $"{Prefix}.{Guid.NewGuid():N}";

    /// <summary>
    /// True when <paramref name="name"/> ends with a tag of a process on this host that no longer runs.
    /// A reused process id makes a dead owner look alive, which only keeps a leftover longer.
    /// </summary>
    public static bool IsProvenDead(string name)
    {
        Match match = TagPattern().Match(name);
        if (!match.Success || match.Groups["host"].Value != Host(Environment.MachineName))
        {
            return false;
        }

        return int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        if (Directory.Exists("/proc/self"))
        {
            return Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}"));
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The host name reduced to characters that are safe in a file name and cannot be confused with the tag's separators.</summary>
    private static string Host(string machineName) => HostUnsafe().Replace(machineName, "_");

    [GeneratedRegex(@"(?<pid>\d+)@(?<host>[A-Za-z0-9_\-]+)\.[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"[^A-Za-z0-9_\-]", RegexOptions.CultureInvariant)]
    private static partial Regex HostUnsafe();
}
