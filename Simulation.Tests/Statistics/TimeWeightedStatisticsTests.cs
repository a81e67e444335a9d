using Simulation.Core.Statistics;

namespace Simulation.Tests.Statistics;

public sealed class TimeWeightedStatisticsTests
{
    [Fact]
    public void Mean_OfLevel2For3DaysThen5For1Day_Is2Point75()
    {
        var level = new TimeWeightedStatistics(startTime: 10, initialValue: 2);
        level.Update(13, 5);

        Assert.Equal(2.75, level.Mean(14), 1e-15);
        Assert.Equal(5, level.Max);
        Assert.Equal(5, level.Value);
    }

    [Fact]
    public void Mean_OfAQueueTrace_MatchesAHandComputation()
    {
        // 0 on [0,1), 1 on [1,2.5), 3 on [2.5,4), 0 on [4,10): area 1.5 + 4.5 = 6 over 10.
        var queue = new TimeWeightedStatistics(0, 0);
        queue.Update(1, 1);
        queue.Update(2.5, 3);
        queue.Update(4, 0);

        Assert.Equal(0.6, queue.Mean(10), 1e-15);
        Assert.Equal(0.75, queue.Mean(8), 1e-15);
        Assert.Equal(3, queue.Max);
    }

    [Fact]
    public void Update_AtTheSameTime_CountsTheMomentaryLevelOnlyInMax()
    {
        var queue = new TimeWeightedStatistics(0, 1);
        queue.Update(2, 7);
        queue.Update(2, 1);

        Assert.Equal(1, queue.Mean(4));
        Assert.Equal(7, queue.Max);
    }

    [Fact]
    public void Mean_OverAnEmptyWindow_IsTheCurrentLevel()
    {
        var level = new TimeWeightedStatistics(5, 3);

        Assert.Equal(3, level.Mean(5));
    }

    [Fact]
    public void Update_BackwardsInTime_ThrowsWithAClearMessage()
    {
        var level = new TimeWeightedStatistics(0, 0);
        level.Update(3, 1);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => level.Update(2.5, 4));

        Assert.StartsWith("Time must not go backwards: got 2.5, but the last update was at 3.", exception.Message);
        Assert.Equal("time", exception.ParamName);
    }

    [Fact]
    public void Mean_BeforeTheLastUpdate_Throws()
    {
        var level = new TimeWeightedStatistics(0, 0);
        level.Update(3, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => level.Mean(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => level.Update(double.NaN, 1));
    }
}
