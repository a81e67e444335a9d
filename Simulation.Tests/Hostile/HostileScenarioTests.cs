using System.Text;

namespace Simulation.Tests.Hostile;

/// <summary>
/// Hostile scenario files, each refused by <c>sim validate</c> and by <c>sim run</c> before any work,
/// with exit 2, a located message and nothing written.
/// </summary>
public sealed class HostileScenarioTests
{
    private static readonly string Base = "extends: " + HostileInput.Quickstart + "\n";

    /// <summary>Case name, file content, a fragment the message must hold, the line it must be reported at (0: any).</summary>
    public static TheoryData<string, string, string, int> Texts => new()
    {
        { "alias bomb", AliasBomb(), "expands to more than", 0 },
        { "deep flow nesting", "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n", "nested deeper than", 1 },
        { "deep block nesting", string.Concat(Enumerable.Range(0, 3000).Select(i => new string(' ', 2 * i) + "k" + i + ":\n")), "nested deeper than", 101 },
        { "unclosed flow list", "name: t\nbroken: [1, 2\nhorizon_days: 5\nregions: []\n", "'[' opened here is not closed", 2 },
        { "unclosed flow mapping", "name: t\nx: {a: 1\nhorizon_days: 5\n", "'{' opened here is not closed", 2 },
        { "unclosed quote", "name: \"t\nhorizon_days: 5\n", "malformed YAML", 0 },
        { "bad indentation", "name: t\n  horizon_days: 5\n bad: 1\n", "malformed YAML", 0 },
        { "duplicate key", "name: t\nname: u\n", "duplicate key 'name'", 2 },
        { "two documents", "name: t\n---\nname: u\n", "one YAML document", 3 },
        { "empty file", "", "it is empty", 1 },
        { "only comments", "# nothing\n# here\n", "it is empty", 1 },
        { "top-level list", "- a\n- b\n", "expected a mapping", 1 },
        { "top-level scalar", "just some text\n", "a single value", 1 },
        { "undefined alias", "name: *nope\n", "names no anchor", 1 },
        { "key that is a list", "[a, b]: 1\n", "keys must be text", 1 },
        { "horizon 1e9", Base + "horizon_days: 1e9\n", "horizon_days must be", 2 },
        { "horizon 1e8", Base + "horizon_days: 1e8\n", "horizon_days must be", 2 },
        { "horizon inf", Base + "horizon_days: .inf\n", "horizon_days must be", 2 },
        { "horizon nan", Base + "horizon_days: .nan\n", "horizon_days must be", 2 },
        { "horizon negative", Base + "horizon_days: -5\n", "horizon_days must be", 2 },
        { "horizon quoted", Base + "horizon_days: \"730\"\n", "remove the quotes", 2 },
        { "replications a million", Base + "replications: 1000000\n", "replications must be", 2 },
        { "replications zero", Base + "replications: 0\n", "replications must be", 2 },
        { "a billion generated suppliers", Base + "supplier_groups:\n  - id: g\n    count: 1000000000\n", "the cap is", 0 },
        { "huge value is cut", Base + "horizon_days: " + new string('x', 5_000_000) + "\n", "(5,000,000 characters)", 2 },
        { "huge key", Base + new string('k', 1_000_000) + ": 1\n", "malformed YAML", 2 },
        { "extends itself", "extends: scenario.yaml\nname: t\n", "cycle", 1 },
        { "extends a missing file", "extends: nope.yaml\nname: t\n", "no such file", 1 },
        { "extends /etc/passwd", "extends: /etc/passwd\nname: t\n", "is this a scenario file?", 1 },
        { "extends a folder", "extends: /tmp\nname: t\n", "it is a folder, not a file", 1 },
        { "import a missing table", Base + "import:\n  - file: nowhere.csv\n    group: g\n", "no such file", 3 },
        { "import a folder", Base + "import:\n  - file: /tmp\n    group: g\n", "expected a .csv or .parquet file", 3 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task HostileText_IsRefusedWithALocatedMessage_AndNothingIsWritten(string name, string text, string fragment, int line)
    {
        var (folder, file) = HostileInput.Write("scenario.yaml", text);
        string output = Path.Combine(folder, "out");

        var validate = await HostileInput.Run("validate", file);
        var run = await HostileInput.Run("run", file, "--out", output, "-q");

        HostileInput.AssertRefused(validate, fragment);
        HostileInput.AssertRefused(run, fragment);
        if (line > 0)
        {
            Assert.Contains(validate.Error.Split('\n'), l => l.Contains(fragment, StringComparison.Ordinal) && l.Contains($":{line}:", StringComparison.Ordinal));
        }

        HostileInput.AssertOnly(folder, "scenario.yaml");
        Assert.False(string.IsNullOrEmpty(name));
    }

    /// <summary>Binary and non-UTF-8 files, told plainly, not in YAML parser words.</summary>
    public static TheoryData<string, byte[], string> Binaries => new()
    {
        { "PNG header", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "binary data" },
        { "UTF-16 text", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("name: t\n")).ToArray(), "binary data" },
        { "Latin-1 text", Encoding.Latin1.GetBytes("name: café\n"), "not UTF-8" },
        { "a NUL in the middle", Encoding.UTF8.GetBytes("name: t\0\nhorizon_days: 5\n"), "binary data" },
        { "gzip", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03], "binary data" },
    };

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task BinaryInput_IsToldPlainly(string name, byte[] bytes, string fragment)
    {
        var (folder, file) = HostileInput.Write("scenario.yaml", bytes);

        var result = await HostileInput.Run("run", file, "--out", Path.Combine(folder, "out"));

        HostileInput.AssertRefused(result, fragment);
        Assert.DoesNotContain("While scanning", result.Error, StringComparison.Ordinal);
        HostileInput.AssertOnly(folder, "scenario.yaml");
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public async Task ExtendsEtcPasswd_DoesNotPrintTheFile()
    {
        var (_, file) = HostileInput.Write("scenario.yaml", "extends: /etc/passwd\nname: t\n");

        var result = await HostileInput.Run("validate", file);

        HostileInput.AssertRefused(result, "is this a scenario file?");
        Assert.DoesNotContain("root:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/bin/", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedFile_IsRefusedBeforeParsing()
    {
        var (folder, file) = HostileInput.Write("scenario.yaml", "name: t\n# " + new string('x', 17 * 1024 * 1024) + "\n");

        var result = await HostileInput.Run("run", file, "--out", Path.Combine(folder, "out"));

        HostileInput.AssertRefused(result, "at most 16 MB");
        HostileInput.AssertOnly(folder, "scenario.yaml");
    }

    [Fact]
    public async Task MissingImportedTable_IsTheFirstErrorListed()
    {
        // Buyers source from the imported group; without the table those links fail too, but after.
        var (_, file) = HostileInput.Write("scenario.yaml", Base + "import:\n  - file: missing.csv\n    group: extra\nsuppliers:\n  - id: cmt-01\n    stock:\n      sources: [{group: extra}]\n");

        var result = await HostileInput.Run("validate", file);

        Assert.Equal(2, result.Code);
        Assert.Contains("missing.csv", result.Error.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("no such file", result.Error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenarioPathThatIsAFolder_IsNamedAsAFolder()
    {
        string folder = Cli.CliHarness.TempFolder();
        Directory.CreateDirectory(folder);

        var result = await HostileInput.Run("run", folder, "--out", Path.Combine(folder, "out"));

        HostileInput.AssertRefused(result, "it is a folder, not a file");
        Assert.DoesNotContain("denied", result.Error, StringComparison.Ordinal);
        HostileInput.AssertOnly(folder);
    }

    [Fact]
    public async Task MissingScenario_IsOneLocatedError()
    {
        string folder = Cli.CliHarness.TempFolder();
        Directory.CreateDirectory(folder);

        var result = await HostileInput.Run("run", Path.Combine(folder, "nope.yaml"), "--out", Path.Combine(folder, "out"));

        HostileInput.AssertRefused(result, "no such file");
        HostileInput.AssertOnly(folder);
    }

    [Theory]
    [InlineData("horizon_days=1e9", "horizon_days must be")]
    [InlineData("regions=[1, 2", "'[' opened here is not closed")]
    [InlineData("nonsense", "expected path=value")]
    [InlineData("suppliers[nope].capacity_per_day=1", "no item 'nope'")]
    public async Task HostileOverride_IsLocatedOnTheCommandLine(string set, string fragment)
    {
        var result = await HostileInput.Run("validate", HostileInput.Quickstart, "--set", set);

        HostileInput.AssertRefused(result, fragment);
        Assert.StartsWith("--set:1:", result.Error, StringComparison.Ordinal);
    }

    private static string AliasBomb()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++)
        {
            text.Append($"a{i}: &a{i} [").AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 9)).Append("]\n");
        }

        return text.ToString();
    }
}
