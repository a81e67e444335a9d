using Simulation.Core.Randomness;

namespace Simulation.Tests.Randomness;

public sealed class SplitMix64Tests
{
    [Fact]
    public void Next_FromStateZero_GivesThePublishedFirstOutput()
    {
        ulong state = 0;

        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x9E3779B97F4A7C15UL, state);
    }

    [Fact]
    public void Mix_OfNeighbouringInputs_DiffersInAboutHalfTheBits()
    {
        int totalFlipped = 0;
        for (ulong z = 0; z < 1000; z++)
        {
            totalFlipped += System.Numerics.BitOperations.PopCount(SplitMix64.Mix(z) ^ SplitMix64.Mix(z + 1));
        }

        // 1000 pairs of 64 bits: expect 32,000 flipped bits, sd about 160.
        Assert.InRange(totalFlipped, 31_000, 33_000);
    }
}
