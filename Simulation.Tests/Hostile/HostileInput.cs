using System.Text.RegularExpressions;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Hostile;

/// <summary>
/// Runs <c>sim</c> in-process on hostile input and checks what every refusal must be: exit 2, a
/// message that names the place (file:line:col) and the problem, no stack trace or .NET type name,
/// a short message (no echoed content), nothing written, and no hang.
/// </summary>
internal static partial class HostileInput
{
    public static readonly string Quickstart = Examples.ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    /// <summary>A fresh folder holding <paramref name="name"/> with <paramref name="bytes"/>.</summary>
    public static (string Folder, string File) Write(string name, byte[] bytes)
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, name);
        File.WriteAllBytes(file, bytes);
        return (folder, file);
    }

    public static (string Folder, string File) Write(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Runs the command with a hang guard; returns the exit code and stderr.</summary>
    public static async Task<(int Code, string Out, string Error)> Run(params string[] args) =>
        await CliHarness.RunAsync(args).WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Asserts a clean refusal: exit 2, the fragment, no trace, short, located when <paramref name="located"/>.</summary>
    public static void AssertRefused((int Code, string Out, string Error) result, string fragment, bool located = true)
    {
        Assert.True(result.Code == 2, $"exit {result.Code}, expected 2; stderr: {Cut(result.Error)}");
        Assert.Contains(fragment, result.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), result.Error);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.Length < 4000, $"message of {result.Error.Length} characters: {Cut(result.Error)}");
        if (located)
        {
            Assert.Matches(Located(), result.Error);
        }
    }

    /// <summary>The folder holds exactly the given names (no run folder, staging folder or temporary file appeared).</summary>
    public static void AssertOnly(string folder, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

    private static string Cut(string text) => text.Length <= 600 ? text : text[..600] + "...";

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"(^|\n)[^\n]+:\d+:\d+: error: ")]
    private static partial Regex Located();
}
