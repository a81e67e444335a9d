using System.Text.RegularExpressions;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Cli;

/// <summary>
/// Every command's <c>--help</c> shows examples, and the files those examples, the README and the docs
/// name are shipped (and load), so that an example can be run as written from the repository's root.
/// </summary>
public sealed partial class HelpExampleTests
{
    public static TheoryData<string> Commands => new(["run", "validate", "compare", "sweep", "merge", "report", "optimize", "schema"]);

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_ShowsExamples_WhoseFilesAreShipped(string command)
    {
        var (code, output, _) = await CliHarness.RunAsync(command, "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        string[] examples = [.. output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith($"sim {command}", StringComparison.Ordinal))];
        Assert.NotEmpty(examples);
        foreach (string example in examples)
        {
            foreach (string file in InputFiles(example))
            {
                AssertShippedAndLoads(file, example);
            }
        }
    }

    [Fact]
    public void ReadmeAndDocs_NameOnlyShippedScenarioFiles()
    {
        IEnumerable<string> pages = Directory.GetFiles(RepositoryFiles.Path("docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Append("README.md");
        var named = pages.SelectMany(page => ScenarioPath().Matches(File.ReadAllText(RepositoryFiles.Path(page))).Select(m => (Page: page, File: m.Value))).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.True(File.Exists(RepositoryFiles.Path(n.File)), $"{n.Page} names {n.File}, which is not in the repository"));
    }

    [Fact]
    public void ExtendsExample_InTheDocs_ValidatesAsWritten_BesideTheQuickstart()
    {
        string page = File.ReadAllText(RepositoryFiles.Path("docs", "scenario-format.md"));
        Match block = ExtendsExample().Match(page);
        Assert.True(block.Success, "docs/scenario-format.md has no '# my-variant.yaml' example");
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        foreach (string shipped in new[] { "quickstart.yaml", "quickstart-suppliers.csv" })
        {
            File.Copy(RepositoryFiles.Path("scenarios", shipped), Path.Combine(folder, shipped));
        }

        string variant = Path.Combine(folder, "my-variant.yaml");
        File.WriteAllText(variant, block.Groups[1].Value);
        ScenarioLoadResult result = ScenarioLoader.Load(variant);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("quickstart-no-floods", result.Definition!.Name);
        Assert.DoesNotContain(result.Definition.Disruptions, d => d.Id == "monsoon-floods");
        Assert.Contains(result.Definition.Disruptions, d => d.Id == "cmt-01/disruption"); // a supplier's own stays
        Assert.Equal(30, result.Definition.Nodes.Single(n => n.Id == "brand-a").PaymentTermsDays); // 60 in the base
    }

    /// <summary>The input files an example names: YAML and CSV arguments, and a variant's file after '='; not the value of --out.</summary>
    private static IEnumerable<string> InputFiles(string example)
    {
        string command = example.Split("  (", 2)[0].Split('>', 2)[0]; // drop a trailing remark or redirection
        string[] tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < tokens.Length; i++)
        {
            bool isOutput = i > 0 && tokens[i - 1] is "--out" or "-o";
            string value = tokens[i].Contains('=', StringComparison.Ordinal) && tokens[i - 1] == "--variant" ? tokens[i].Split('=', 2)[1] : tokens[i];
            if (!isOutput && (value.EndsWith(".yaml", StringComparison.Ordinal) || value.EndsWith(".csv", StringComparison.Ordinal)))
            {
                yield return value;
            }
        }
    }

    private static void AssertShippedAndLoads(string file, string example)
    {
        string path = RepositoryFiles.Path(file);
        Assert.True(File.Exists(path), $"'{example}' names {file}, which is not in the repository");
        if (file.EndsWith(".yaml", StringComparison.Ordinal) && !file.StartsWith("scenarios/sweeps/", StringComparison.Ordinal))
        {
            ScenarioLoadResult result = ScenarioLoader.Load(path);
            Assert.True(result.Succeeded, $"'{example}': {file} does not load: {string.Join("; ", result.Errors)}");
        }
    }

    // Lower-case names only: "scenarios/NAME.resolved.yaml" is a placeholder for a run folder's file.
    [GeneratedRegex(@"\bscenarios/[a-z0-9][a-z0-9./_-]*\.(yaml|csv)\b")]
    private static partial Regex ScenarioPath();

    [GeneratedRegex(@"```yaml\n(# my-variant\.yaml.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExtendsExample();
}
