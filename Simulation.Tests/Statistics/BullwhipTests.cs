using Simulation.Core.Statistics;

namespace Simulation.Tests.Statistics;

public sealed class BullwhipTests
{
    [Fact]
    public void Periods_SumWholeWeeks_AndDropThePartialOne()
    {
        double[] daily = [.. Enumerable.Range(1, 16).Select(d => (double)d)];

        Assert.Equal([28, 77], Bullwhip.Periods(daily));
    }

    [Fact]
    public void Ratio_IsTheRatioOfSampleVariances()
    {
        // demand 10, 12, 8, 10: mean 10, variance (0 + 4 + 4 + 0) / 3 = 8/3;
        // orders 10, 16, 4, 10: variance (0 + 36 + 36 + 0) / 3 = 24; ratio 9.
        Assert.Equal(9, Bullwhip.Ratio([10, 16, 4, 10], [10, 12, 8, 10]), 12);
    }

    [Fact]
    public void Ratio_IsZeroWhenUndefined()
    {
        Assert.Equal(0, Bullwhip.Ratio([1, 2, 3], [5, 5, 5]));
        Assert.Equal(0, Bullwhip.Ratio([1], [1, 2]));
    }
}
