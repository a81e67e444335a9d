using Simulation.Core.Randomness;
using Simulation.Core.Statistics;

namespace Simulation.Tests.Statistics;

public sealed class RunningStatisticsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e6)]
    [InlineData(1e9)]
    public void Add_AgreesWithATwoPassComputation(double offset)
    {
        double[] values = Sample(1000, seed: 1).Select(x => offset + x).ToArray();
        var statistics = default(RunningStatistics);
        foreach (double value in values)
        {
            statistics.Add(value);
        }

        double mean = values.Sum() / values.Length;
        double variance = values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1);

        Assert.Equal(1000, statistics.Count);
        Assert.Equal(mean, statistics.Mean, Math.Abs(mean) * 1e-14);
        Assert.Equal(variance, statistics.Variance, variance * 1e-7);
        Assert.Equal(Math.Sqrt(variance), statistics.StandardDeviation, Math.Sqrt(variance) * 1e-7);
        Assert.Equal(values.Min(), statistics.Min);
        Assert.Equal(values.Max(), statistics.Max);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(500)]
    [InlineData(1000)]
    public void Merge_EqualsAddingEverythingSequentially(int split)
    {
        double[] values = Sample(1000, seed: 2);
        var sequential = default(RunningStatistics);
        var left = default(RunningStatistics);
        var right = default(RunningStatistics);
        for (int i = 0; i < values.Length; i++)
        {
            sequential.Add(values[i]);
            if (i < split)
            {
                left.Add(values[i]);
            }
            else
            {
                right.Add(values[i]);
            }
        }

        left.Merge(right);

        Assert.Equal(sequential.Count, left.Count);
        Assert.Equal(sequential.Mean, left.Mean, 1e-12);
        Assert.Equal(sequential.Variance, left.Variance, 1e-10);
        Assert.Equal(sequential.Min, left.Min);
        Assert.Equal(sequential.Max, left.Max);
    }

    [Fact]
    public void Empty_HasNaNStatistics()
    {
        var statistics = default(RunningStatistics);

        Assert.Equal(0, statistics.Count);
        Assert.True(double.IsNaN(statistics.Mean));
        Assert.True(double.IsNaN(statistics.Variance));
        Assert.True(double.IsNaN(statistics.Min));
        Assert.True(double.IsNaN(statistics.Max));
    }

    [Fact]
    public void SingleObservation_HasZeroVariance()
    {
        var statistics = default(RunningStatistics);
        statistics.Add(-4);

        Assert.Equal(-4, statistics.Mean);
        Assert.Equal(0, statistics.Variance);
        Assert.Equal(-4, statistics.Min);
        Assert.Equal(-4, statistics.Max);
    }

    private static double[] Sample(int count, ulong seed)
    {
        var stream = new RandomStream(seed);
        return Enumerable.Range(0, count).Select(_ => Distribution.Normal(5, 3).Sample(stream)).ToArray();
    }
}
