using Simulation.Cli.Commands;
using Simulation.Scenarios.Experiments.Sweeps;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Experiments;

public sealed class SweepDesignTests
{
    [Fact]
    public async Task BadDesign_ReportsEveryErrorWithFileLineAndColumn_AndExitsWithCode2()
    {
        string design = SweepFixture.Design("""
            design: gird
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                values: [700, 800]
                range: [1, 2]
              - path: buyers[brand-a].payment_terms_days
                range: [30, 75]
            replications: 0
            kpis: [fill_rte]
            sed: 4
            """);

        var (code, _, error) = await CliHarness.RunAsync("sweep", design, "-o", CliHarness.TempFolder());

        Assert.Equal(2, code);
        Assert.Matches(@"design\.yaml:2:9: error: .*'gird' is not one of grid, latin_hypercube, sobol.*did you mean 'grid'", error);
        Assert.Matches(@"design\.yaml:4:5: error: .*give 'values' or 'range', not both", error);
        Assert.Matches(@"design\.yaml:9:15: error: .*replications must be between 1", error);
        Assert.Matches(@"design\.yaml:10:8: error: .*'fill_rte'.*did you mean 'fill_rate'", error);
        Assert.Matches(@"design\.yaml:7:5: error: missing required key 'steps' in parameters\[1\]", error);
        Assert.Matches(@"design\.yaml:11:1: error: unknown key 'sed' in the sweep design", error);
    }

    [Fact]
    public async Task DesignValueTheScenarioRejects_IsReportedBeforeAnythingRuns()
    {
        string design = SweepFixture.Design("""
            design: grid
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                values: [800, -5]
            """);
        string folder = CliHarness.TempFolder();

        var (code, _, error) = await CliHarness.RunAsync("sweep", design, "-o", folder);

        Assert.Equal(2, code);
        Assert.Contains("capacity_per_day", error, StringComparison.Ordinal);
        Assert.Contains("= -5)", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Grid_IsRowMajor_WithRangesSplitIntoSteps_AndWholeNumberTypesInferred()
    {
        var (design, errors) = SweepDesignReader.Read(SweepFixture.Grid());
        Assert.Empty(errors);
        var plan = SweepPlan.Create(design!);

        Assert.Equal(12, plan.PointCount);
        Assert.Equal(ParameterType.Whole, design!.Parameters[0].Type);
        Assert.Equal(ParameterType.Real, design.Parameters[1].Type);
        Assert.Equal("suppliers_cmt_01_capacity_per_day", design.Parameters[0].Name);
        Assert.Equal(["suppliers[cmt-01].capacity_per_day=700", "buyers[brand-a].payment_terms_days=30"], plan.Overrides(0).Skip(1));
        Assert.Equal(["suppliers[cmt-01].capacity_per_day=700", "buyers[brand-a].payment_terms_days=45"], plan.Overrides(1).Skip(1));
        Assert.Equal(["suppliers[cmt-01].capacity_per_day=900", "buyers[brand-a].payment_terms_days=75"], plan.Overrides(11).Skip(1));
    }

    [Fact]
    public void LatinHypercube_PutsOnePointInEachStratumOfEveryParameter()
    {
        string path = SweepFixture.Design("""
            design: latin_hypercube
            samples: 20
            parameters:
              - path: suppliers[cmt-01].capacity_per_day
                range: [600, 1000]
              - path: buyers[brand-a].payment_terms_days
                range: [0, 100]
            """);
        var (design, errors) = SweepDesignReader.Read(path);
        Assert.Empty(errors);
        var plan = SweepPlan.Create(design!);

        Assert.Equal(20, plan.PointCount);
        var capacityStrata = Enumerable.Range(0, 20).Select(p => (int)(((double)plan.Value(p, 0) - 600) / 20)).ToHashSet();
        var termStrata = Enumerable.Range(0, 20).Select(p => (int)((double)plan.Value(p, 1) / 5)).ToHashSet();
        Assert.Equal(20, capacityStrata.Count);
        Assert.Equal(20, termStrata.Count);
    }

    [Theory]
    [InlineData("2/4", null, null, null, null, 2, 4)]
    [InlineData(null, "5", "4", "2", null, 3, 4)]
    [InlineData(null, null, null, null, "1", 1, 3)]
    public void Shard_ComesFromTheOptionOrTheClusterEnvironment(string? option, string? slurmId, string? slurmCount, string? slurmMin, string? jobIndex, int index, int count)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SLURM_ARRAY_TASK_ID"] = slurmId,
            ["SLURM_ARRAY_TASK_COUNT"] = slurmCount,
            ["SLURM_ARRAY_TASK_MIN"] = slurmMin,
            ["JOB_COMPLETION_INDEX"] = jobIndex,
            ["SIM_SHARD_COUNT"] = jobIndex is null ? null : "3",
        };
        Assert.Equal(new Shard(index, count), ShardOption.Resolve(option, name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("1-4")]
    [InlineData("-1/4")]
    public void Shard_OutOfRangeOrMalformed_IsABadInputError(string option) =>
        Assert.Throws<Simulation.Scenarios.ScenarioInputException>(() => ShardOption.Resolve(option, _ => null));

    [Fact]
    public void Shards_CoverEveryPointOnce_InContiguousRanges()
    {
        var covered = Enumerable.Range(0, 7).SelectMany(i => Enumerable.Range(new Shard(i, 7).Start(45), new Shard(i, 7).End(45) - new Shard(i, 7).Start(45))).ToList();
        Assert.Equal(Enumerable.Range(0, 45), covered);
    }

    [Theory]
    [InlineData("scenarios/sweeps/apparel-grid.yaml", 12)]
    [InlineData("scenarios/sweeps/quickstart-sobol.yaml", 256 * 6)]
    [InlineData("scenarios/sweeps/smart-mix-sobol.yaml", 512 * 6)]
    public void ShippedDesigns_AreValid_AgainstTheirScenarios(string file, int points)
    {
        var (design, errors) = SweepDesignReader.Read(Examples.ReadmeExampleTests.RepoFile(file));
        Assert.Empty(errors);
        Assert.Empty(ScenarioSweep.Check(design!));
        Assert.Equal(points, SweepPlan.Create(design!).PointCount);
    }
}
