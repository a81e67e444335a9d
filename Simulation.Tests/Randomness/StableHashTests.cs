using System.Text;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Randomness;

public sealed class StableHashTests
{
    [Fact]
    public void Of_SingleLetter_IsTheReferenceFnv1aVectorMixed()
    {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (reference test vectors of the FNV authors).
        Assert.Equal(SplitMix64.Mix(0xAF63DC4C8601EC8CUL), StableHash.Of("a"));
    }

    [Fact]
    public void Of_EntityId_IsPinned()
    {
        // Any change here re-seeds every stream of every saved run.
        Assert.Equal(14567425794480355328UL, StableHash.Of("supplier:acme-3"));
        Assert.Equal(17665956581633026203UL, StableHash.Of(string.Empty));
    }

    [Theory]
    [InlineData("café")]
    [InlineData("Zulieferer Müller GmbH")]
    [InlineData("供应商-7")]
    [InlineData("emoji 🚚 in id")]
    public void Of_NonAsciiText_HashesItsUtf8Bytes(string text)
    {
        Assert.Equal(ReferenceHash(text), StableHash.Of(text));
    }

    [Fact]
    public void Of_LongNonAsciiText_HashesItsUtf8Bytes()
    {
        string text = "a" + string.Concat(Enumerable.Repeat("Ünïcödé ", 100));

        Assert.Equal(ReferenceHash(text), StableHash.Of(text));
    }

    [Fact]
    public void Of_SimilarIds_Differ()
    {
        var hashes = Enumerable.Range(0, 10_000).Select(i => StableHash.Of("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();

        Assert.Equal(10_000, hashes.Count);
    }

    private static ulong ReferenceHash(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 0x100000001B3UL);
        }

        return SplitMix64.Mix(hash);
    }
}
