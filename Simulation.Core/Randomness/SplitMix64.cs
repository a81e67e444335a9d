namespace Simulation.Core.Randomness;

/// <summary>
/// The SplitMix64 generator and its output finaliser (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014).
/// </summary>
/// <remarks>
/// We use it for two jobs where its properties matter: turning one seed into the four words of
/// xoshiro256** state (the seeding its authors recommend), and deriving independent seeds from
/// (seed, key) pairs in <see cref="SeedSequence"/>. <see cref="Mix"/> is a bijection on 64-bit words
/// with full avalanche, so distinct inputs can never collide and nearby inputs look unrelated.
/// </remarks>
public static class SplitMix64
{
    /// <summary>The odd increment of the SplitMix64 state: 2^64 divided by the golden ratio.</summary>
    internal const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Scrambles a 64-bit word; a bijection, so distinct inputs give distinct outputs.</summary>
    /// <param name="z">The word to scramble.</param>
    /// <returns>The scrambled word.</returns>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Advances <paramref name="state"/> by the golden gamma and returns the mixed new state.</summary>
    /// <param name="state">The generator state, updated in place.</param>
    /// <returns>The next output of the generator.</returns>
    public static ulong Next(ref ulong state)
    {
        state = unchecked(state + GoldenGamma);
        return Mix(state);
    }
}
