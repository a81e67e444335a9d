using Simulation.Core.Randomness;
using Simulation.Scenarios;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Hostile;

/// <summary>
/// Seeded fuzzing of the two inputs users hand the tool: scenario files (mutated line by line) and run
/// folders (Parquet files with bytes overwritten). Each case must end as a scenario, as located errors,
/// or as a one-line input error; never as another exception. The seeds are fixed, so a failure names
/// a case that fails again.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Garbage =
    [
        "-1", "0", "1e308", "-1e308", "NaN", ".inf", "\"x\"", "[]", "{}", "null", "~", "99999999999999999999",
        "\"é中\"", "[1, 2", "{a: ", "*anchor", "&a [1]", "!!binary AA==", "2024-13-45", "true", "\"\"", "'", "0x10",
    ];

    [Fact]
    public void MutatedQuickstart_IsAScenarioOrLocatedErrors_NeverAnException()
    {
        string[] original = File.ReadAllLines(HostileInput.Quickstart);
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Path.GetDirectoryName(HostileInput.Quickstart)!, "quickstart-suppliers.csv"), Path.Combine(folder, "quickstart-suppliers.csv"));
        var random = new RandomStream(20261202);
        int refused = 0;

        for (int i = 0; i < 200; i++)
        {
            var lines = original.ToList();
            for (int m = 0; m <= random.Next(3); m++)
            {
                Mutate(lines, random);
            }

            string path = Path.Combine(folder, $"case-{i}.yaml");
            File.WriteAllLines(path, lines);
            ScenarioLoadResult result = ScenarioLoader.Load(path);

            Assert.True(result.Succeeded || result.Errors.Count > 0, $"case {i}: neither a scenario nor errors");
            Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1 && e.Message.Length > 0, $"case {i}: {e}"));
            refused += result.Succeeded ? 0 : 1;
        }

        // The mutations must mostly break the file, or the test would check little.
        Assert.InRange(refused, 100, 200);
    }

    [Fact]
    public void MutatedSupplierTable_IsAScenarioOrItsOwnErrors_NeverAnExceptionOrACascade()
    {
        string shipped = Path.GetDirectoryName(HostileInput.Quickstart)!;
        string[] rows = File.ReadAllLines(Path.Combine(shipped, "quickstart-suppliers.csv"));
        string[] cells = ["", "-1", "NaN", "1e400", "abc", "\"unterminated", "x\"y", "0", "\t", "4e2", "\"a\"\"b\"", "Infinity"];
        var random = new RandomStream(20261204);
        int unreadable = 0;

        for (int i = 0; i < 100; i++)
        {
            string folder = CliHarness.TempFolder();
            Directory.CreateDirectory(folder);
            File.Copy(HostileInput.Quickstart, Path.Combine(folder, "quickstart.yaml"));
            var table = rows.ToList();
            int k = random.Next(table.Count);
            switch (random.Next(4))
            {
                case 0: // a cell replaced (in the header too: a mapped column then goes missing)
                    string[] fields = table[k].Split(',');
                    fields[random.Next(fields.Length)] = cells[random.Next(cells.Length)];
                    table[k] = string.Join(',', fields);
                    break;
                case 1:
                    table.RemoveAt(k);
                    break;
                case 2:
                    table[k] = table[k][..random.Next(table[k].Length + 1)];
                    break;
                default:
                    table[k] = table[k].Replace(',', ';');
                    break;
            }

            File.WriteAllLines(Path.Combine(folder, "quickstart-suppliers.csv"), table);
            ScenarioLoadResult result = ScenarioLoader.Load(Path.Combine(folder, "quickstart.yaml"));

            Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Message.Length > 0, $"case {i}: {e}"));
            // The import itself failed: a mapped column is missing, or the table's header is malformed.
            bool importFailed = result.Errors.Any(e =>
                e.Field.Contains(".columns", StringComparison.Ordinal) || (e.File.EndsWith(".csv", StringComparison.Ordinal) && e.Line == 1));
            if (importFailed)
            {
                unreadable++;
                Assert.DoesNotContain(result.Errors, e => e.Message.StartsWith("unknown supplier 'mill-", StringComparison.Ordinal));
            }
        }

        Assert.InRange(unreadable, 5, 100); // header damage happens often enough to check the cascade
    }

    [Fact]
    public async Task GarbledRunFolder_ReportsOrRefusesNamingTheFile_NeverAnException()
    {
        string run = CliHarness.TempFolder();
        var made = await CliHarness.RunAsync("run", HostileInput.Quickstart, "-r", "2", "--set", "horizon_days=120", "--out", run, "--quiet");
        Assert.True(made.ExitCode == 0, made.Error);
        var random = new RandomStream(20261203);
        int refused = 0;

        foreach (string file in Directory.GetFiles(run, "*.parquet").Order(StringComparer.Ordinal))
        {
            for (int i = 0; i < 6; i++)
            {
                string copy = CliHarness.TempFolder();
                Directory.CreateDirectory(copy);
                foreach (string shipped in Directory.GetFiles(run))
                {
                    File.Copy(shipped, Path.Combine(copy, Path.GetFileName(shipped)));
                }

                string garbled = Path.Combine(copy, Path.GetFileName(file));
                byte[] bytes = File.ReadAllBytes(garbled);
                int changes = new[] { 1, 3, 10, 50 }[random.Next(4)];
                for (int c = 0; c < changes; c++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                File.WriteAllBytes(garbled, bytes);
                var (code, _, error) = await CliHarness.RunAsync("report", copy, "--quiet");

                string label = $"{Path.GetFileName(file)}, case {i}";
                Assert.True(code is 0 or 2, $"{label}: exit {code}: {error}");
                Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
                if (code == 2)
                {
                    Assert.StartsWith("error: '", error, StringComparison.Ordinal);
                    refused++;
                }
            }
        }

        Assert.True(refused > 0, "no garbled file was refused: the cases did not reach the decoder");
    }

    /// <summary>One edit of the kinds that break YAML and scenario files: delete, duplicate, re-indent, truncate, or replace a value.</summary>
    private static void Mutate(List<string> lines, RandomStream random)
    {
        int k = random.Next(lines.Count);
        string line = lines[k];
        switch (random.Next(5))
        {
            case 0:
                lines.RemoveAt(k);
                break;
            case 1:
                lines.Insert(k, lines[random.Next(lines.Count)]);
                break;
            case 2:
                lines[k] = new string(' ', random.Next(7)) + line.TrimStart();
                break;
            case 3:
                lines[k] = line[..random.Next(line.Length + 1)];
                break;
            default:
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                lines[k] = colon < 0 ? line : line[..(colon + 1)] + " " + Garbage[random.Next(Garbage.Length)];
                break;
        }
    }
}
