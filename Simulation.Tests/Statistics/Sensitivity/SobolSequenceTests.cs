using Simulation.Core.Statistics.Sensitivity;

namespace Simulation.Tests.Statistics.Sensitivity;

public sealed class SobolSequenceTests
{
    [Fact]
    public void FirstEightPoints_InThreeDimensions_AreTheReferenceSobolPoints()
    {
        // The unscrambled Joe-Kuo sequence as scipy.stats.qmc.Sobol(d=3, scramble=False) gives it.
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ];

        var points = new SobolSequence(3).Points(8);

        Assert.Equal(expected, points);
    }

    [Fact]
    public void EveryDimension_PutsOnePointInEachOf1024Intervals_OverTheFirst1024Points()
    {
        var points = new SobolSequence(SobolSequence.MaxDimensions).Points(1024);
        for (int d = 0; d < SobolSequence.MaxDimensions; d++)
        {
            var cells = points.Select(p => (int)(p[d] * 1024)).ToHashSet();
            Assert.True(cells.Count == 1024, $"dimension {d + 1}: {cells.Count} distinct cells");
        }
    }

    [Fact]
    public void TwoDimensionalProjection_OfTheFirstTwoDimensions_IsANetWithTZero()
    {
        // t = 0 for dimensions 1 and 2: every 2^a x 2^b box with a + b = 8 holds exactly one of 256 points.
        var points = new SobolSequence(2).Points(256);
        for (int a = 0; a <= 8; a++)
        {
            int b = 8 - a;
            var boxes = points.Select(p => ((int)(p[0] * (1 << a)), (int)(p[1] * (1 << b)))).ToHashSet();
            Assert.Equal(256, boxes.Count);
        }
    }

    [Fact]
    public void StartingMidway_GivesTheSamePointsAsSkippingAhead()
    {
        var sequence = new SobolSequence(5);
        var all = sequence.Points(100);
        var tail = sequence.Points(37, start: 63);
        Assert.Equal(all[63..], tail);
    }

    [Fact]
    public void QuasiMonteCarloMean_OfAProductFunction_IsCloseToItsIntegral()
    {
        // The integral over [0, 1]^6 of prod(1 + (x_i - 0.5)) is 1. The points of the 4096-point net sit
        // at the left edges of their cells; centred (+ 1/8192) the QMC error is far below plain Monte
        // Carlo's ~5e-3 at this size.
        var points = new SobolSequence(6).Points(4096);
        double mean = points.Average(p => p.Aggregate(1.0, (product, x) => product * (1 + (x + (1.0 / 8192) - 0.5))));
        Assert.Equal(1, mean, 4);
    }
}
