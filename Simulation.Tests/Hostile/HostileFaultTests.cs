using System.Diagnostics;
using Simulation.Cli.Commands;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments.Sweeps;
using Simulation.Scenarios.Output;
using Simulation.Tests.Cli;
using Simulation.Tests.Experiments;
using Simulation.Tests.Outputs;

namespace Simulation.Tests.Hostile;

/// <summary>
/// Faults around the input: bad flags, output paths that escape or belong to somebody else, runs and
/// shards racing for one folder, dead processes' leftovers, changed imports, damaged parts, interrupts.
/// </summary>
public sealed class HostileFaultTests
{
    private static readonly int[] SlurmStepTasks = [0, 4, 8, 12];

    [Theory]
    [InlineData("--seed", "-1", "a whole number from 0 to 18446744073709551615")]
    [InlineData("--seed", "abc", "a whole number from 0")]
    [InlineData("--replications", "many", "expected a whole number")]
    [InlineData("--timeseries-every", "1.5", "expected a whole number")]
    public async Task UnparsableFlag_NamesWhatItTakes_WithoutDotNetTypeNames(string flag, string value, string fragment)
    {
        string folder = CliHarness.TempFolder();

        var result = await HostileInput.Run("run", HostileInput.Quickstart, flag, value, "--out", folder);

        HostileInput.AssertRefused(result, fragment, located: false);
        Assert.DoesNotContain("Nullable", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task FullDisk_IsOneLineInTheSystemsWords_WithoutAnExceptionType()
    {
        var output = new FullDiskWriter();
        var error = new StringWriter();

        int code = await Simulation.Cli.SimApp.RunAsync(["schema"], new Simulation.Cli.CliContext(CliHarness.PlainConsole(output), output, error));

        Assert.Equal(1, code);
        Assert.Equal("error: reading or writing failed: No space left on device", error.ToString().Trim());
    }

    /// <summary>Fails every write as a full disk does (ENOSPC), like writing to /dev/full.</summary>
    private sealed class FullDiskWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void WriteLine(string? value) => throw new IOException("No space left on device");
    }

    [Fact]
    public async Task BareSetFlag_IsRefused_NotTakenAsNoOverrides()
    {
        string folder = CliHarness.TempFolder();

        var result = await HostileInput.Run("run", HostileInput.Quickstart, "--out", folder, "--set");

        HostileInput.AssertRefused(result, "Required argument missing for option: '--set'", located: false);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("run", "--out", "Cannot create the run folder '/proc/sim-test-out'")]
    [InlineData("sweep", "-o", "Cannot create the sweep folder '/proc/sim-test-out'")]
    public async Task OutputFolderThatCannotBeCreated_IsRefusedNamingIt(string command, string flag, string fragment)
    {
        // Linux's /proc takes no new folders, even from root (which a permission test cannot rely on).
        string input = command == "run" ? HostileInput.Quickstart : SweepFixture.Grid();

        var result = await HostileInput.Run(command, input, flag, "/proc/sim-test-out", "--quiet");

        HostileInput.AssertRefused(result, fragment, located: false);
        Assert.Contains("choose another", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--replications", "0", "--replications must be")]
    [InlineData("--threads", "0", "--threads must be")]
    [InlineData("--timeseries-every", "0", "--timeseries-every must be")]
    public async Task OutOfRangeFlag_IsRefusedBeforeAnyWork(string flag, string value, string fragment)
    {
        string folder = CliHarness.TempFolder();

        var result = await HostileInput.Run("run", HostileInput.Quickstart, flag, value, "--out", folder, "-q");

        HostileInput.AssertRefused(result, fragment, located: false);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("3")]
    public void BadShard_IsRefused(string shard) =>
        Assert.Throws<ScenarioInputException>(() => ShardOption.Resolve(shard, _ => null));

    [Fact]
    public void SlurmStepArray_GivesConsecutiveShards()
    {
        // --array=0-15:4 runs tasks 0, 4, 8, 12: Slurm sets MIN=0, STEP=4, COUNT=4.
        var shards = SlurmStepTasks.Select(id => ShardOption.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", $"{id}"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_STEP", "4"), ("SLURM_ARRAY_TASK_COUNT", "4"))));

        Assert.Equal([new Shard(0, 4), new Shard(1, 4), new Shard(2, 4), new Shard(3, 4)], shards);
    }

    [Fact]
    public void SlurmRerunOfSomeTasks_IsRefusedWithTheExplicitShardToUse()
    {
        // sbatch --array=3,7: COUNT=2, MIN=3; task 7 would be "shard 4 of 2".
        var error = Assert.Throws<ScenarioInputException>(() => ShardOption.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "7"), ("SLURM_ARRAY_TASK_MIN", "3"), ("SLURM_ARRAY_TASK_COUNT", "2"))));

        Assert.Contains("--shard \"$SLURM_ARRAY_TASK_ID/N\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../x", "x")]
    [InlineData("/etc", "etc")]
    [InlineData("..", "scenario")]
    [InlineData("", "scenario")]
    [InlineData("a/b\\c d", "a-b-c-d")]
    [InlineData("Quick Start: v2", "Quick-Start-v2")]
    public void DefaultFolder_IsASlugUnderRuns(string name, string slug)
    {
        string path = OutputPaths.DefaultPath(name, "-1");

        Assert.Equal(Path.Combine("runs", slug + "-1"), path);
        Assert.StartsWith(Path.GetFullPath("runs") + Path.DirectorySeparatorChar, Path.GetFullPath(path), StringComparison.Ordinal);
    }

    [Fact]
    public void LongName_GivesAShortSlug() => Assert.Equal(64, OutputPaths.Slug(new string('a', 10_000)).Length);

    [Fact]
    public async Task Force_DoesNotDeleteAFolderThatIsNotARunFolder()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "thesis.tex"), "years of work");

        var result = await HostileInput.Run("run", HostileInput.Quickstart, "--set", "horizon_days=90", "-r", "2", "--out", folder, "--force", "-q", "--no-report");

        HostileInput.AssertRefused(result, "is not a run folder", located: false);
        Assert.Equal("years of work", File.ReadAllText(Path.Combine(folder, "thesis.tex")));
    }

    [Fact]
    public async Task SweepForce_DoesNotDeleteAFolderThatIsNotASweepFolder()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "keep");

        var result = await HostileInput.Run("sweep", SweepFixture.Grid(), "--out", folder, "--force", "-q");

        HostileInput.AssertRefused(result, "is not a sweep folder", located: false);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(folder, "notes.txt")));
    }

    [Fact]
    public async Task Force_ReplacesARunFolderOfOurs()
    {
        string folder = CliHarness.TempFolder();
        string[] args = ["run", HostileInput.Quickstart, "--set", "horizon_days=90", "-r", "2", "--out", folder, "-q", "--no-report"];
        Assert.Equal(0, (await HostileInput.Run(args)).Code);

        var again = await HostileInput.Run([.. args, "--force"]);

        Assert.True(again.Code == 0, again.Error);
        Assert.True(File.Exists(Path.Combine(folder, RunFolder.Marker)));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(folder)!, "." + Path.GetFileName(folder) + ".*"));
    }

    [Fact]
    public async Task TwoRunsRacingForOneFolder_OneWins_TheOtherExits2()
    {
        for (int trial = 0; trial < 3; trial++)
        {
            string parent = CliHarness.TempFolder();
            string folder = Path.Combine(parent, "race");
            string[] args = ["run", HostileInput.Quickstart, "--set", "horizon_days=90", "-r", "4", "--out", folder, "-q", "--no-report", "--threads", "1"];

            var results = await Task.WhenAll(Task.Run(() => HostileInput.Run(args)), Task.Run(() => HostileInput.Run(args)));

            Assert.Equal([0, 2], results.Select(r => r.Code).Order());
            Assert.Contains(results, r => r.Error.Contains("already exists", StringComparison.Ordinal) || r.Error.Contains("created by another run", StringComparison.Ordinal));
            HostileInput.AssertOnly(parent, "race");
        }
    }

    [Fact]
    public async Task StagingFoldersOfDeadProcesses_AreCleanedByTheNextRun_OthersAreKept()
    {
        string parent = CliHarness.TempFolder();
        Directory.CreateDirectory(parent);
        string host = Environment.MachineName;
        string dead = Path.Combine(parent, $".old.partial-{DeadPid()}@{host}.{Guid.NewGuid():N}");
        string live = Path.Combine(parent, $".other.partial-{Environment.ProcessId}@{host}.{Guid.NewGuid():N}");
        string elsewhere = Path.Combine(parent, $".far.partial-{DeadPid()}@another-node.{Guid.NewGuid():N}");
        foreach (string folder in new[] { dead, live, elsewhere })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "timeseries.parquet"), "half");
        }

        var result = await HostileInput.Run("run", HostileInput.Quickstart, "--set", "horizon_days=90", "-r", "2", "--out", Path.Combine(parent, "new"), "-q", "--no-report");

        Assert.True(result.Code == 0, result.Error);
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(elsewhere));
    }

    [Fact]
    public void TemporaryFilesOfDeadProcesses_AreDeleted_LiveWritersFilesAreNot()
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string dead = Path.Combine(folder, $"point-0000001.parquet{AtomicFile.TemporaryMarker}{DeadPid()}@{Environment.MachineName}.{Guid.NewGuid():N}");
        string live = AtomicFile.TemporaryPath(Path.Combine(folder, "point-0000002.parquet"));
        string legacy = Path.Combine(folder, "point-0000003.parquet.tmp-123-abc");
        File.WriteAllText(dead, "x");
        File.WriteAllText(live, "x");
        File.WriteAllText(legacy, "x");

        Assert.Equal(1, AtomicFile.DeleteLeftovers(folder));

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(legacy));
    }

    [Fact]
    public async Task FourShardsStartedAtOnceIntoOneFolder_Repeatedly_MergeToTheBytesOfOneProcess()
    {
        string design = SweepFixture.Grid();
        string single = CliHarness.TempFolder();
        Assert.Equal(0, (await HostileInput.Run("sweep", design, "-o", single, "--quiet")).Code);

        for (int trial = 0; trial < 4; trial++)
        {
            string shared = CliHarness.TempFolder();
            var shards = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                Task.Run(() => HostileInput.Run("sweep", design, "-o", shared, "--shard", $"{i}/4", "--threads", "1", "--quiet"))));
            Assert.All(shards, s => Assert.True(s.Code == 0, s.Error));

            var merge = await HostileInput.Run("merge", shared, "--quiet");

            Assert.True(merge.Code == 0, merge.Error);
            SweepFixture.AssertSameDataset(single, shared, "sweep.parquet", "points.parquet", "sweep.json");
            Assert.Empty(Directory.GetFiles(shared, "*" + AtomicFile.TemporaryMarker + "*", SearchOption.AllDirectories));
            string manifest = File.ReadAllText(Path.Combine(shared, "manifest.json"));
            Assert.Equal(4, manifest.Split("\"first_point\"").Length - 1);
        }
    }

    [Fact]
    public async Task Merge_NamesTheShardsThatHoldMissingPoints()
    {
        string design = SweepFixture.Grid();
        string shared = CliHarness.TempFolder();
        foreach (int i in (int[])[0, 1, 3])
        {
            Assert.Equal(0, (await HostileInput.Run("sweep", design, "-o", shared, "--shard", $"{i}/4", "--quiet")).Code);
        }

        var merge = await HostileInput.Run("merge", shared);

        HostileInput.AssertRefused(merge, "points 6-8 (shard 2 of 4)", located: false);
        Assert.False(File.Exists(Path.Combine(shared, "sweep.parquet")));
    }

    [Fact]
    public async Task Merge_NamesADamagedPart()
    {
        string design = SweepFixture.Grid();
        string shared = CliHarness.TempFolder();
        Assert.Equal(0, (await HostileInput.Run("sweep", design, "-o", shared, "--shard", "0/2", "--quiet")).Code);
        Assert.Equal(0, (await HostileInput.Run("sweep", design, "-o", shared, "--shard", "1/2", "--quiet")).Code);
        string part = ScenarioSweep.PartPath(shared, 5);
        File.WriteAllBytes(part, File.ReadAllBytes(part)[..100]);

        var merge = await HostileInput.Run("merge", shared);

        HostileInput.AssertRefused(merge, "point-0000005.parquet", located: false);
        Assert.Contains("is damaged", merge.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(shared, "sweep.parquet")));
        Assert.Empty(Directory.GetFiles(shared, "*" + AtomicFile.TemporaryMarker + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ResumeAfterAnImportedTableChanged_IsRefusedNamingTheTable()
    {
        // The quickstart imports its fabric mills from a CSV supplier master.
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string table = Path.Combine(folder, "quickstart-suppliers.csv");
        File.Copy(HostileInput.Quickstart, Path.Combine(folder, "scenario.yaml"));
        File.Copy(Path.Combine(Path.GetDirectoryName(HostileInput.Quickstart)!, "quickstart-suppliers.csv"), table);
        string design = Path.Combine(folder, "design.yaml");
        File.WriteAllText(design, $"scenario: scenario.yaml\nset: [horizon_days=90]\ndesign: grid\nparameters:\n  - path: suppliers[cmt-01].capacity_per_day\n    values: [700, 800]\nreplications: 2\nkpis: [fill_rate]\n");
        string output = Path.Combine(folder, "sweep");
        Assert.Equal(0, (await HostileInput.Run("sweep", design, "-o", output, "--shard", "0/2", "-q")).Code);

        File.AppendAllText(table, "\n");
        var resumed = await HostileInput.Run("sweep", design, "-o", output, "--shard", "1/2", "-q");

        HostileInput.AssertRefused(resumed, "quickstart-suppliers.csv", located: false);
        Assert.Contains("changed", resumed.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(output, "parts")));
    }

    [Fact]
    public async Task SweepDesignError_PointsAtTheDesignFile_NotAtASetTheUserNeverTyped()
    {
        string design = SweepFixture.Design("""
            set: [horizon_days=120]
            design: grid
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                values: [700, -5]
            replications: 2
            """);

        var result = await HostileInput.Run("sweep", design, "-o", CliHarness.TempFolder());

        HostileInput.AssertRefused(result, "capacity_per_day");
        Assert.StartsWith(design + ":5:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--set:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Interrupt_Exits130_WithTheSameMessage_InEveryMode_AndLeavesNothing(bool quiet)
    {
        string parent = CliHarness.TempFolder();
        Directory.CreateDirectory(parent);
        using var interrupt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        string[] args = ["run", HostileInput.Quickstart, "-r", "5000", "--out", Path.Combine(parent, "run"), "--threads", "1"];
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await Simulation.Cli.SimApp.RunAsync(quiet ? [.. args, "-q"] : args, new Simulation.Cli.CliContext(CliHarness.PlainConsole(output), output, error), interrupt.Token);

        Assert.Equal(130, code);
        Assert.Equal(Simulation.Cli.SimApp.InterruptedMessage, error.ToString().Trim());
        HostileInput.AssertOnly(parent);
    }

    [Fact]
    public async Task Sigterm_OfARunningProcess_Exits130_AndLeavesNoStagingFolder()
    {
        string parent = CliHarness.TempFolder();
        Directory.CreateDirectory(parent);
        using var process = SweepFixture.Start("run", HostileInput.Quickstart, "-r", "20000", "--out", Path.Combine(parent, "run"), "-q");
        while (!Directory.EnumerateDirectories(parent, ".run.partial-*").Any() && !process.HasExited)
        {
            await Task.Delay(50);
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        string stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(130, process.ExitCode);
        Assert.Equal(Simulation.Cli.SimApp.InterruptedMessage, stderr.Trim());
        HostileInput.AssertOnly(parent);
    }

    [Fact]
    public async Task SeedColumns_AreInt64_ForEveryParquetReader()
    {
        string folder = CliHarness.TempFolder();
        Assert.Equal(0, (await HostileInput.Run("run", HostileInput.Quickstart, "--set", "horizon_days=90", "-r", "3", "--seed", "18446744073709551615", "--out", folder, "-q", "--no-report")).Code);
        string sweep = CliHarness.TempFolder();
        Assert.Equal(0, (await HostileInput.Run("sweep", SweepFixture.Grid(), "-o", sweep, "-q")).Code);

        Assert.Equal("BIGINT", DuckDb.Types(Path.Combine(folder, "kpis.parquet"))["seed"]);
        Assert.Equal("BIGINT", DuckDb.Types(Path.Combine(sweep, "sweep.parquet"))["seed"]);
        var seeds = Simulation.Core.Randomness.SeedSequence.ReplicationSeed(ulong.MaxValue, 0);
        Assert.Equal(unchecked((long)seeds), DuckDb.Long($"SELECT seed FROM {DuckDb.File(Path.Combine(folder, "kpis.parquet"))} WHERE replication = 0"));
        Assert.Equal(seeds, Convert.ToUInt64(DuckDb.Scalar($"SELECT (CASE WHEN seed < 0 THEN seed::HUGEINT + 18446744073709551616 ELSE seed END)::UBIGINT FROM {DuckDb.File(Path.Combine(folder, "kpis.parquet"))} WHERE replication = 0"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ImportedTableThatIsAFolder_IsNamedAsAFolder()
    {
        var (folder, file) = HostileInput.Write("scenario.yaml", $"extends: {HostileInput.Quickstart}\nimport:\n  - file: rows.csv\n    group: g\n");
        Directory.CreateDirectory(Path.Combine(folder, "rows.csv"));

        var result = await HostileInput.Run("validate", file);

        HostileInput.AssertRefused(result, "it is a folder, not a file");
    }

    [Fact]
    public async Task DesignFileThatIsBinary_IsToldPlainly()
    {
        var (_, file) = HostileInput.Write("design.yaml", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);

        var result = await HostileInput.Run("sweep", file);

        HostileInput.AssertRefused(result, "binary data");
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    /// <summary>A process id that is not running now.</summary>
    private static int DeadPid()
    {
        int pid = 4_000_000;
        while (Directory.Exists($"/proc/{pid}"))
        {
            pid--;
        }

        return pid;
    }
}
