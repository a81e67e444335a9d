using Simulation.Core.Statistics;

namespace Simulation.Tests.Statistics;

public sealed class MserTests
{
    [Fact]
    public void HandComputedSeries_DeletesTheFirstBatch()
    {
        // Batches of 5: Z = [10, 2, 1, 3]; the search runs over d = 0 .. 2.
        //   d = 0: mean 4, squares 36 + 4 + 9 + 1 = 50, / 4^2 = 3.125
        //   d = 1: mean 2, squares 0 + 1 + 1 = 2,        / 3^2 = 0.2222
        //   d = 2: mean 2, squares 1 + 1 = 2,            / 2^2 = 0.5
        // The two trailing observations (a partial batch) are left out.
        double[] series = [10, 10, 10, 10, 10, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 100, 100];

        MserResult result = Mser.Truncation(series);

        Assert.Equal(5, result.TruncationObservations);
        Assert.Equal(1, result.BatchesDeleted);
        Assert.Equal(4, result.Batches);
        Assert.Equal(2.0 / 9, result.Statistic, 12);
        Assert.False(result.AtSearchLimit);
    }

    [Fact]
    public void WithinABatch_TheValuesAreAveraged()
    {
        // Batches of 2: Z = [5, 1, 1, 1] from pairs (9, 1), (0, 2), (1, 1), (2, 0). d = 1 leaves a constant: MSER 0.
        double[] series = [9, 1, 0, 2, 1, 1, 2, 0];

        MserResult result = Mser.Truncation(series, batchSize: 2);

        Assert.Equal(2, result.TruncationObservations);
        Assert.Equal(0, result.Statistic, 12);
    }

    [Fact]
    public void ConstantSeries_DeletesNothing()
    {
        MserResult result = Mser.Truncation(Enumerable.Repeat(7.5, 100).ToArray());

        Assert.Equal(0, result.TruncationObservations);
    }

    [Fact]
    public void KnownTransient_IsCutWhereTheTransientFallsBelowTheNoise()
    {
        // y_t = 50 exp(-t / 20) + N(0, 1): the bias falls below the noise's sd after t = 20 ln 50 = 78
        // and below a tenth of it after t = 20 ln 500 = 124; the cut lies about there.
        var random = new Random(12);
        double[] series = new double[1000];
        for (int t = 0; t < series.Length; t++)
        {
            series[t] = (50 * Math.Exp(-t / 20.0)) + StandardNormal(random);
        }

        MserResult result = Mser.Truncation(series);

        Assert.InRange(result.TruncationObservations, 50, 160);
        Assert.False(result.AtSearchLimit);
    }

    [Fact]
    public void TransientLongerThanHalfTheRun_IsFlaggedAtTheSearchLimit()
    {
        // A straight decline never settles: the best deletion is the largest allowed.
        double[] series = [.. Enumerable.Range(0, 100).Select(t => 100.0 - t)];

        MserResult result = Mser.Truncation(series);

        Assert.Equal(50, result.TruncationObservations);
        Assert.True(result.AtSearchLimit);
    }

    [Fact]
    public void ShortSeries_DeletesNothing_AndNonFiniteValuesAreRefused()
    {
        Assert.Equal(0, Mser.Truncation([1, 2, 3, 4, 5, 6, 7, 8, 9]).TruncationObservations);
        Assert.Throws<ArgumentException>(() => Mser.Truncation([1, double.NaN, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mser.Truncation([1, 2], batchSize: 0));
    }

    private static double StandardNormal(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
