using System.CommandLine;
using Simulation.Cli;

namespace Simulation.Tests.Cli;

/// <summary>Options several commands share are defined once (CommonOptions), so they read the same in every command's help.</summary>
public sealed class SharedOptionTests
{
    private static readonly RootCommand Root = SimApp.Build(new CliContext(CliHarness.PlainConsole(TextWriter.Null), TextWriter.Null, TextWriter.Null));

    [Theory]
    [InlineData("run", "--threads", "Worker threads (default: all cores). Results do not depend on it.")]
    [InlineData("compare", "--threads", "Worker threads (default: all cores). Results do not depend on it.")]
    [InlineData("sweep", "--threads", "Worker threads (default: all cores). Results do not depend on it.")]
    [InlineData("run", "--force", "Replace the run folder if it exists.")]
    [InlineData("compare", "--force", "Replace the output folder if it exists.")]
    [InlineData("run", "--json", "Print the KPI summary as JSON on stdout (no table, no progress).")]
    [InlineData("compare", "--json", "Print the results as JSON on stdout (no table, no progress).")]
    [InlineData("sweep", "--json", "Print the results as JSON on stdout (no table, no progress).")]
    [InlineData("merge", "--json", "Print the results as JSON on stdout (no table, no progress).")]
    [InlineData("run", "--quiet", "No progress bar and no table; print only the run folder.")]
    [InlineData("compare", "--quiet", "No progress bar and no table; print only the output folder.")]
    [InlineData("sweep", "--quiet", "No progress bar and no table; print only the output folder.")]
    [InlineData("merge", "--quiet", "No progress bar and no table; print only the output folder.")]
    [InlineData("optimize", "--threads", "Worker threads (default: all cores). Results do not depend on it.")]
    [InlineData("optimize", "--json", "Print the result as JSON on stdout (no table, no progress).")]
    [InlineData("optimize", "--quiet", "No progress bar and no table; print only the output folder.")]
    public void RunAndTheExperimentCommands_ShareTheirCommonOptions_NamingWhatTheyWrite(string command, string option, string description)
    {
        var found = Root.Subcommands.Single(c => c.Name == command).Options.Single(o => o.Name == option);
        Assert.Equal(description, found.Description);
        if (option == "--quiet")
        {
            Assert.Contains("-q", found.Aliases);
        }
        else if (option == "--threads")
        {
            Assert.Contains("-t", found.Aliases);
        }
    }
}
