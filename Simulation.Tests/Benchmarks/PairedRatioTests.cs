using Simulation.Benchmarks.VersusSimSharp;

namespace Simulation.Tests.Benchmarks;

/// <summary>
/// The distribution-free interval of the benchmark tables (<see cref="PairedRatio"/>): the order
/// statistics k and n + 1 - k of the rounds' ratios, k the largest with 1 - 2 P(Binomial(n, 1/2) &lt; k)
/// of at least 95 %. The expected k are worked out by hand from the binomial sums below.
/// </summary>
public sealed class PairedRatioTests
{
    /// <summary>With ratios 1..n the interval's ends are the ranks themselves. Each k was worked out by
    /// hand: the largest with 1 - 2 P(X &lt; k) &gt;= 0.95, X ~ Binomial(n, 1/2).</summary>
    [Theory]
    [InlineData(6, 1)] // P(X < 1) = 1/64: coverage 0.969; k = 2 would cover 1 - 2 * 7/64 = 0.781
    [InlineData(7, 1)] // 1/128: 0.984; k = 2 would cover 1 - 2 * 8/128 = 0.875
    [InlineData(15, 4)] // P(X <= 3) = 576/32768: 0.965; k = 5 would cover 1 - 2 * 1941/32768 = 0.882
    [InlineData(20, 6)] // P(X <= 5) = 21700/2^20: 0.959; k = 7 would cover 1 - 2 * 60460/2^20 = 0.885
    public void TheInterval_IsTheKthSmallestAndKthLargestRatio(int rounds, int k)
    {
        // The ratios 1..n in a scrambled order: a step prime to n visits every rank once.
        int step = rounds % 7 == 0 ? 3 : 7;
        var ours = Enumerable.Range(0, rounds).Select(i => (double)((i * step % rounds) + 1)).ToArray();
        var theirs = Enumerable.Repeat(1.0, rounds).ToArray();

        var paired = PairedRatio.Of(ours, theirs);

        Assert.Equal((rounds + 1) / 2.0, paired.Median, 12);
        Assert.Equal(k, paired.Low, 12);
        Assert.Equal(rounds + 1 - k, paired.High, 12);
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
