using Simulation.Benchmarks.VersusSimSharp;

namespace Simulation.Tests.Benchmarks;

/// <summary>
/// The distribution-free interval of the benchmark tables (<see cref="PairedRatio"/>): the order
/// statistics k and n + 1 - k of the rounds' ratios, k the largest with 1 - 2 P(Binomial(n, 1/2) &lt; k)
/// of at least 95 %. The expected k are worked out by hand from the binomial sums below.
/// </summary>
public sealed class PairedRatioTests
{
    [Fact]
    public void FifteenRounds_GiveTheFourthAndTwelfthRatio()
    {
        // P(X <= 3) = 576 / 32768 = 0.0176, so k = 4 covers 0.965; P(X <= 4) = 1941 / 32768 = 0.0592,
        // so k = 5 would cover only 0.882.
        var ours = new double[] { 9, 3, 14, 1, 7, 12, 5, 15, 2, 10, 6, 13, 4, 11, 8 };
        var theirs = Enumerable.Repeat(10.0, 15).ToArray();

        var paired = PairedRatio.Of(ours, theirs);

        Assert.Equal(0.8, paired.Median, 12);
        Assert.Equal(0.4, paired.Low, 12);
        Assert.Equal(1.2, paired.High, 12);
    }

    [Fact]
    public void TwentyRounds_GiveTheSixthAndFifteenthRatio()
    {
        // P(X <= 5) = 21700 / 2^20 = 0.0207 (coverage 0.959); P(X <= 6) = 60460 / 2^20 = 0.0577 (0.885).
        var ours = Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToArray();
        var theirs = Enumerable.Repeat(1.0, 20).ToArray();

        var paired = PairedRatio.Of(ours, theirs);

        Assert.Equal(10.5, paired.Median, 12);
        Assert.Equal(6, paired.Low, 12);
        Assert.Equal(15, paired.High, 12);
    }

    [Theory]
    [InlineData(6)] // 1 - 2 / 64 = 0.969
    [InlineData(7)] // 1 - 2 / 128 = 0.984, and k = 2 would cover 1 - 2 * 8 / 128 = 0.875
    public void FewRounds_GiveTheSmallestAndLargestRatio(int rounds)
    {
        var ours = Enumerable.Range(1, rounds).Select(i => (double)i).ToArray();
        var theirs = ours.Select(o => o * o).ToArray(); // ratios 1 / i

        var paired = PairedRatio.Of(ours, theirs);

        Assert.Equal(1.0 / rounds, paired.Low, 12);
        Assert.Equal(1.0, paired.High, 12);
    }

    [Fact]
    public void FiveRounds_AreRefused_TheirWidestIntervalCoversOnlyNinetyFourPercent()
    {
        var five = new double[] { 1, 2, 3, 4, 5 };

        Assert.Equal(6, PairedRatio.MinimumRounds);
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedRatio.Of(five, five));
    }

    [Theory]
    [InlineData(0.30, 0.33, "yes")]
    [InlineData(0.30, 1.0 / 3, "yes")] // the whole interval within the target, its end on it
    [InlineData(0.30, 0.34, "at the line")]
    [InlineData(1.0 / 3, 0.34, "at the line")] // a ratio equal to the target meets it
    [InlineData(0.34, 0.36, "**no**")]
    public void Verdict_ComparesTheWholeIntervalWithTheTarget(double low, double high, string verdict) =>
        Assert.Equal(verdict, new PairedRatio((low + high) / 2, low, high).Verdict(1.0 / 3));
}
