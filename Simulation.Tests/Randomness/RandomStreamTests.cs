using Simulation.Core.Randomness;

namespace Simulation.Tests.Randomness;

public sealed class RandomStreamTests
{
    // Two-sided 99.9% standard normal quantile.
    private const double Z999 = 3.2905;

    [Fact]
    public void Core_FromState1234_MatchesTheReferenceXoshiro256StarStarOutputs()
    {
        var stream = new RandomStream(1, 2, 3, 4);

        Assert.Equal(11520UL, stream.NextUInt64());
        Assert.Equal(0UL, stream.NextUInt64());
        Assert.Equal(1509978240UL, stream.NextUInt64());
        Assert.Equal(1215971899390074240UL, stream.NextUInt64());
    }

    [Fact]
    public void NextDouble_Seed42_GivesPinnedValues()
    {
        var stream = new RandomStream(42);

        double[] expected = [0.08386297105988216, 0.3789802506626686, 0.6800434110281394, 0.9246929453253876, 0.9918039142821028];
        foreach (double value in expected)
        {
            Assert.Equal(value, stream.NextDouble());
        }
    }

    [Fact]
    public void Seed_IsTheSeedTheStreamWasCreatedFrom()
    {
        Assert.Equal(42UL, new RandomStream(42).Seed);
    }

    [Fact]
    public void SameSeed_GivesTheSameSequence_DifferentSeedsDiffer()
    {
        var a = new RandomStream(7);
        var b = new RandomStream(7);
        var c = new RandomStream(8);

        double[] fromA = Draw(a, 100);
        Assert.Equal(fromA, Draw(b, 100));
        Assert.Empty(fromA.Intersect(Draw(c, 100)));
    }

    [Fact]
    public void NextDouble_100000Draws_PassChiSquareUniformityOver10Bins()
    {
        var stream = new RandomStream(2024);
        int[] counts = new int[10];
        for (int i = 0; i < 100_000; i++)
        {
            double u = stream.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            counts[(int)(u * 10)]++;
        }

        double expected = 10_000;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        // Critical value of chi-square with 9 degrees of freedom at 0.999.
        Assert.True(chiSquare < 27.877, $"chi-square {chiSquare} exceeds 27.877; counts {string.Join(',', counts)}");
    }

    [Fact]
    public void NextInt_Of3_HasMeanOneWithinTheConfidenceInterval()
    {
        var stream = new RandomStream(99);
        const int n = 100_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            int value = stream.Next(3);
            Assert.InRange(value, 0, 2);
            sum += value;
        }

        // Uniform on {0, 1, 2}: mean 1, variance 2/3.
        double halfWidth = Z999 * Math.Sqrt(2.0 / 3.0 / n);
        Assert.InRange(sum / n, 1 - halfWidth, 1 + halfWidth);
    }

    [Fact]
    public void NextInt_WithARangeThatModuloWouldBias_IsUnbiased()
    {
        // With 32-bit draws reduced modulo 3 * 2^29, values below 2^30 would come up 3 times in 8
        // and the rest 2 times in 8, so 56.25% of draws would land in the lower half.
        const int range = 3 << 29;
        var stream = new RandomStream(5);
        const int n = 100_000;
        int lowerHalf = 0;
        for (int i = 0; i < n; i++)
        {
            if (stream.Next(range) < range / 2)
            {
                lowerHalf++;
            }
        }

        double halfWidth = Z999 * Math.Sqrt(0.25 / n);
        Assert.InRange((double)lowerHalf / n, 0.5 - halfWidth, 0.5 + halfWidth);
    }

    [Fact]
    public void BoundedDraws_StayInTheirRanges()
    {
        var stream = new RandomStream(11);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.InRange(stream.Next(-5, 5), -5, 4);
            Assert.InRange(stream.Next(), 0, int.MaxValue - 1);
            Assert.InRange(stream.NextInt64(1_000_000_000_000), 0, 999_999_999_999);
            Assert.InRange(stream.NextInt64(-3, 3), -3, 2);
            Assert.InRange(stream.NextInt64(), 0, long.MaxValue - 1);
            Assert.InRange(stream.NextSingle(), 0f, 0.99999994f);
        }
    }

    [Fact]
    public void BoundedDraws_OverTheFullRange_CoverBothSigns()
    {
        var stream = new RandomStream(12);
        int[] ints = Enumerable.Range(0, 1000).Select(_ => stream.Next(int.MinValue, int.MaxValue)).ToArray();
        long[] longs = Enumerable.Range(0, 1000).Select(_ => stream.NextInt64(long.MinValue, long.MaxValue)).ToArray();

        Assert.Contains(ints, x => x < 0);
        Assert.Contains(ints, x => x > 0);
        Assert.Contains(longs, x => x < int.MinValue);
        Assert.Contains(longs, x => x > int.MaxValue);
    }

    [Fact]
    public void BoundedDraws_WithASingleValue_ReturnItWithoutDrawing()
    {
        var stream = new RandomStream(13);
        var reference = new RandomStream(13);

        Assert.Equal(0, stream.Next(1));
        Assert.Equal(0, stream.Next(0));
        Assert.Equal(5, stream.Next(5, 5));
        Assert.Equal(5, stream.Next(5, 6));
        Assert.Equal(-9L, stream.NextInt64(-9, -8));
        Assert.Equal(reference.NextDouble(), stream.NextDouble());
    }

    [Fact]
    public void BoundedDraws_WithInvalidBounds_Throw()
    {
        var stream = new RandomStream(14);

        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Next(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.NextInt64(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.NextInt64(3, 2));
    }

    [Fact]
    public void NextUnitOpen_WhenTheCoreOutputsZero_IsStillPositive()
    {
        // The second output from state {1, 2, 3, 4} is exactly 0.
        var open = new RandomStream(1, 2, 3, 4);
        var closed = new RandomStream(1, 2, 3, 4);
        open.NextUInt64();
        closed.NextUInt64();

        Assert.Equal(0.0, closed.NextDouble());
        Assert.Equal(Math.Pow(2, -53), open.NextUnitOpen());
    }

    [Fact]
    public void NextUnitOpen_IsUniformOnTheOpenInterval()
    {
        var stream = new RandomStream(15);
        const int n = 100_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double u = stream.NextUnitOpen();
            Assert.True(u > 0 && u < 1, $"draw {u} is outside (0, 1)");
            sum += u;
        }

        double halfWidth = Z999 * Math.Sqrt(1.0 / 12 / n);
        Assert.InRange(sum / n, 0.5 - halfWidth, 0.5 + halfWidth);
    }

    [Fact]
    public void NextExponential_HasTheRequestedMean()
    {
        var stream = new RandomStream(16);
        const int n = 200_000;
        const double mean = 3.5;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += stream.NextExponential(mean);
        }

        double halfWidth = Z999 * mean / Math.Sqrt(n);
        Assert.InRange(sum / n, mean - halfWidth, mean + halfWidth);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NextExponential_WithAnInvalidMean_Throws(double mean)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStream(1).NextExponential(mean));
    }

    [Fact]
    public void NextBytes_WritesCoreOutputsLittleEndian()
    {
        var stream = new RandomStream(1, 2, 3, 4);
        byte[] buffer = new byte[10];

        stream.NextBytes(buffer);

        // 11520 = 0x2D00, then the first two bytes of the second output, 0.
        Assert.Equal(new byte[] { 0x00, 0x2D, 0, 0, 0, 0, 0, 0, 0, 0 }, buffer);
        Assert.Equal(1509978240UL, stream.NextUInt64());
    }

    [Fact]
    public void MathNetSamplers_AreDrivenOnlyByTheStream()
    {
        var a = new RandomStream(17);
        var b = new RandomStream(17);

        double[] fromA = Enumerable.Range(0, 50).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(a, 0, 1)).ToArray();
        double[] fromB = Enumerable.Range(0, 50).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(b, 0, 1)).ToArray();

        Assert.Equal(fromA, fromB);
    }

    private static double[] Draw(RandomStream stream, int count) =>
        Enumerable.Range(0, count).Select(_ => stream.NextDouble()).ToArray();
}
