using Parquet;
using Parquet.Schema;
using Simulation.Scenarios;
using Simulation.Scenarios.Output;
using Simulation.Scenarios.Reporting;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>
/// <see cref="TimeSeriesBands"/> on hand-written <c>timeseries.parquet</c> files: two replications of
/// days 0 to 4, so every band value can be worked out by hand.
/// </summary>
public sealed class TimeSeriesBandsTests
{
    [Fact]
    public async Task Bands_AreTheMeanAndR7PercentilesOfEachDayAcrossReplications()
    {
        string path = await WriteAsync([1, 1, 0.9, 1, 1, /* replication 1 */ 1, 0.8, 0.7, 1, 1]);

        SeriesBand band = Assert.Single(await TimeSeriesBands.ReadAsync(path, Manifest(), ["fill_rate"], CancellationToken.None));

        Assert.Equal([0.0, 1, 2, 3, 4], band.Days);
        Assert.Equal([1, 0.9, 0.8, 1, 1], band.Mean, new Tolerance(1e-12));
        // R-7 with two values: p5 = low + 0.05 (high - low), p95 = low + 0.95 (high - low).
        Assert.Equal([1, 0.81, 0.71, 1, 1], band.P5, new Tolerance(1e-12));
        Assert.Equal([1, 0.99, 0.89, 1, 1], band.P95, new Tolerance(1e-12));
    }

    [Fact]
    public async Task ANonFiniteValue_IsADamagedFile_NamingTheColumnAndRow()
    {
        string path = await WriteAsync([1, 1, 0.9, 1, 1, 1, 0.8, double.NaN, 1, 1]);

        var error = await Assert.ThrowsAsync<ScenarioInputException>(
            () => TimeSeriesBands.ReadAsync(path, Manifest(), ["fill_rate"], CancellationToken.None));

        Assert.Equal($"'{path}' holds NaN in column 'fill_rate' at row 8, which a run never writes; the file is damaged or was edited.", error.Message);
    }

    private static Manifest Manifest() => new()
    {
        ToolVersion = "test",
        Scenario = "t",
        ScenarioHash = "",
        CommandLine = "",
        MasterSeed = 1,
        Replications = 2,
        ReplicationSeeds = [1, 2],
        Threads = 1,
        StartedUtc = DateTimeOffset.UnixEpoch,
        FinishedUtc = DateTimeOffset.UnixEpoch,
        WallSeconds = 0,
        Events = 0,
        HorizonDays = 4,
    };

    private static async Task<string> WriteAsync(double[] fillRate)
    {
        string folder = CliHarness.TempFolder();
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "timeseries.parquet");
        var field = new DataField<double>("fill_rate");
        await using (FileStream stream = File.Create(path))
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<double>(field, fillRate);
        }

        return path;
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
