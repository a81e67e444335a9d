using System.Buffers;
using System.Text;

namespace Simulation.Core.Randomness;

/// <summary>
/// A 64-bit hash of text that is the same in every process, on every machine and in every .NET
/// version, so it can name random streams. <see cref="string.GetHashCode()"/> is randomised per
/// process and must never be used for that.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    // Non-ASCII text is rare (entity ids are mostly ASCII); up to this many UTF-8 bytes it is
    // encoded on the stack, beyond that into a pooled buffer.
    private const int StackBufferBytes = 256;

    /// <summary>
    /// Hashes the UTF-8 bytes of <paramref name="text"/> with FNV-1a 64 and finalises the result
    /// with <see cref="SplitMix64.Mix"/>.
    /// </summary>
    /// <remarks>
    /// FNV-1a alone spreads short, similar ids ("s1", "s2") poorly over the high bits; the
    /// SplitMix64 finaliser fixes that. ASCII text is hashed without allocating or encoding, since
    /// its UTF-8 bytes are its chars.
    /// </remarks>
    /// <param name="text">The text to hash.</param>
    /// <returns>The hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong hash = FnvOffsetBasis;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= 0x80)
            {
                return SplitMix64.Mix(HashUtf8(hash, text.AsSpan(i)));
            }

            hash = unchecked((hash ^ c) * FnvPrime);
        }

        return SplitMix64.Mix(hash);
    }

    private static ulong HashUtf8(ulong hash, ReadOnlySpan<char> rest)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(rest.Length);
        byte[]? rented = maxBytes > StackBufferBytes ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[StackBufferBytes];
            int count = Encoding.UTF8.GetBytes(rest, buffer);
            foreach (byte b in buffer[..count])
            {
                hash = unchecked((hash ^ b) * FnvPrime);
            }

            return hash;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
