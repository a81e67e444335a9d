using Simulation.Core.Statistics;

namespace Simulation.Tests.Statistics;

public sealed class SummaryTests
{
    [Fact]
    public void Of_OneToTen_GivesR7QuantilesAndTheStudentTInterval()
    {
        double[] values = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];

        Summary summary = Summary.Of(values);

        double sd = Math.Sqrt(55.0 / 6.0);
        double halfWidth = 2.262157 * sd / Math.Sqrt(10);
        Assert.Equal(10, summary.N);
        Assert.Equal(5.5, summary.Mean, 1e-12);
        Assert.Equal(sd, summary.StandardDeviation, 1e-12);
        Assert.Equal(5.5 - halfWidth, summary.Ci95Low, 1e-5);
        Assert.Equal(5.5 + halfWidth, summary.Ci95High, 1e-5);
        Assert.Equal(1.45, summary.P5, 1e-12);
        Assert.Equal(5.5, summary.P50, 1e-12);
        Assert.Equal(9.55, summary.P95, 1e-12);
    }

    [Fact]
    public void Of_ValuesWhoseSquaresOverflow_GiveAnInfiniteSpreadAndInterval()
    {
        Summary summary = Summary.Of([1e200, -1e200, 0]);

        Assert.Equal(0, summary.Mean);
        Assert.Equal(double.PositiveInfinity, summary.StandardDeviation);
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity), (summary.Ci95Low, summary.Ci95High));
        Assert.Equal(0, summary.P50);
        Assert.Equal(-9e199, summary.P5, 9e199 * 1e-12);
    }

    [Fact]
    public void Of_DoesNotReorderTheCallersValues()
    {
        double[] values = [3, 1, 2];

        Summary.Of(values);

        Assert.Equal([3.0, 1, 2], values);
    }

    [Theory]
    [InlineData(10, 0.95, 2.262157)]
    [InlineData(10, 0.99, 3.249836)]
    [InlineData(2, 0.95, 12.706205)]
    [InlineData(31, 0.95, 2.042272)]
    [InlineData(100_000, 0.95, 1.959988)]
    public void ConfidenceInterval_UsesTheStudentTQuantile(int n, double level, double t)
    {
        // With sd = sqrt(n) the half-width is exactly the t quantile.
        (double low, double high) = Summary.ConfidenceInterval(100, Math.Sqrt(n), n, level);

        Assert.Equal(100 - t, low, 1e-5);
        Assert.Equal(100 + t, high, 1e-5);
    }

    [Fact]
    public void Of_SingleValue_HasZeroSdAndAnUndefinedInterval()
    {
        Summary summary = Summary.Of([4.2]);

        Assert.Equal(1, summary.N);
        Assert.Equal(4.2, summary.Mean);
        Assert.Equal(0, summary.StandardDeviation);
        Assert.True(double.IsNaN(summary.Ci95Low));
        Assert.True(double.IsNaN(summary.Ci95High));
        Assert.Equal(4.2, summary.P5);
        Assert.Equal(4.2, summary.P50);
        Assert.Equal(4.2, summary.P95);
    }

    [Fact]
    public void Of_IdenticalValues_HasAZeroWidthInterval()
    {
        Summary summary = Summary.Of([2.0, 2.0, 2.0]);

        Assert.Equal(2, summary.Ci95Low);
        Assert.Equal(2, summary.Ci95High);
    }

    [Fact]
    public void Of_NoValues_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => Summary.Of([]));

        Assert.Equal("values", exception.ParamName);
    }

    [Fact]
    public void Of_ANaNValue_ThrowsNamingIt()
    {
        var exception = Assert.Throws<ArgumentException>(() => Summary.Of([1.0, double.NaN]));

        Assert.StartsWith("A summary needs finite values, but value 1 is NaN.", exception.Message);
    }

    [Theory]
    [InlineData(0, 0.95)]
    [InlineData(5, 0.0)]
    [InlineData(5, 1.0)]
    [InlineData(5, double.NaN)]
    public void ConfidenceInterval_WithInvalidArguments_Throws(int n, double level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Summary.ConfidenceInterval(0, 1, n, level));
    }
}
