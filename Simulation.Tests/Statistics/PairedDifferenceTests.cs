using Simulation.Core.Statistics;

namespace Simulation.Tests.Statistics;

public sealed class PairedDifferenceTests
{
    [Fact]
    public void ConstantShift_HasZeroWidthPairedCi_FullVarianceReduction_AndWelchUnpairedCi()
    {
        double[] baseline = [1, 2, 3, 4, 5];
        double[] variant = [3, 4, 5, 6, 7];

        var d = PairedDifference.Of(baseline, variant);

        Assert.Equal(2, d.Difference.Mean, 12);
        Assert.Equal(0, d.PairedCiWidth, 12);
        Assert.Equal(1, d.VarianceReduction, 12);
        // Var = 2.5 each, n = 5: standard error sqrt(0.5 + 0.5) = 1; Welch df = 1 / ((0.25 + 0.25) / 4) = 8;
        // t(8, 0.975) = 2.306004.
        Assert.Equal(2 * 2.306004, d.UnpairedCiWidth, 5);
        Assert.Equal(3, d.BaseMean, 12);
        Assert.Equal(5, d.VariantMean, 12);
    }

    [Fact]
    public void IndependentLookingPairs_MatchTheTextbookPairedTInterval()
    {
        double[] baseline = [10, 12, 9, 11];
        double[] variant = [11, 12, 11, 10];

        var d = PairedDifference.Of(baseline, variant);

        // d = [1, 0, 2, -1]: mean 0.5, sd sqrt(5/3), t(3, 0.975) = 3.182446.
        double halfWidth = 3.182446 * Math.Sqrt(5.0 / 3) / 2;
        Assert.Equal(0.5 - halfWidth, d.Difference.Ci95Low, 5);
        Assert.Equal(0.5 + halfWidth, d.Difference.Ci95High, 5);
        // Var(base) = 5/3, Var(variant) = 2/3: reduction 1 - (5/3) / (7/3) = 2/7.
        Assert.Equal(2.0 / 7, d.VarianceReduction, 12);
    }

    [Fact]
    public void SeriesOfDifferentLength_AreRejected() =>
        Assert.Throws<ArgumentException>(() => PairedDifference.Of([1.0, 2.0], [1.0]));
}
