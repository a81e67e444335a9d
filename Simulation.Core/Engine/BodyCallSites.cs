using System.Runtime.CompilerServices;

namespace Simulation.Core.Engine;

/// <summary>
/// Gives each process body type (a compiler-generated iterator class) a copy of the resumption loop of
/// its own, so that the two interface calls of every resumption, <c>MoveNext</c> and <c>Current</c>, are
/// made from call sites that see that type only.
/// </summary>
/// <remarks>
/// <para>Why: with one loop shared by every body type, a model with several process types makes its call
/// sites polymorphic. The just-in-time compiler then guesses (from its profile) the type seen first and
/// inlines that body behind a type check, and every other type fails the check and is dispatched through
/// the runtime's resolve stub (a hash lookup). In the side-by-side suite that stub was a third of the
/// events workload's samples once the earlier workloads' bodies had passed through the same loop (and
/// that row took 59 ms instead of 43). Here each of the first <see cref="SiteCount"/> body types started
/// in the operating-system process gets its own call site
/// (an instantiation of <c>Process.Resume&lt;TSite&gt;</c> over one of the tags below: value-type
/// arguments are never shared, so each is its own code with its own profile); later types share one
/// last site, as every type did before. Natively compiled, the copies are compiled ahead of time like
/// any generic instantiation over a value type, and each keeps its own interface dispatch cells.</para>
/// <para>Exact: which copy runs a body changes only how its calls are dispatched, never what is called.
/// The table is process-wide (the sites are code, shared by every simulator) and filled once per type
/// with a compare-and-swap, so simulators on different threads may race for a slot safely. Collectible
/// types are not kept (the table would keep their assembly loaded).</para>
/// </remarks>
internal sealed class BodyCallSites
{
    /// <summary>How many body types get a site of their own.</summary>
    public const int SiteCount = 16;

    private readonly Type?[] _types = new Type?[SiteCount];

    /// <summary>The process-wide table that <see cref="Process"/> uses.</summary>
    public static BodyCallSites Default { get; } = new();

    /// <summary>The site (0 to <see cref="SiteCount"/> - 1, or <see cref="SiteCount"/> for the shared one)
    /// for bodies of <paramref name="type"/>: the first free site when the type is new.</summary>
    public int SiteOf(Type type)
    {
        for (int site = 0; site < SiteCount; site++)
        {
            var known = Volatile.Read(ref _types[site]);
            if (known is null)
            {
                if (type.IsCollectible)
                {
                    break;
                }

                known = Interlocked.CompareExchange(ref _types[site], type, null) ?? type;
            }

            if (ReferenceEquals(known, type))
            {
                return site;
            }
        }

        return SiteCount;
    }

    /// <summary>
    /// A number that names <paramref name="body"/>'s type: the type pointer in its header, read without
    /// the call that <see cref="object.GetType"/> is (a few per cent of the M/M/1 row, a process per
    /// customer). The object is reached through a managed reference, so a collection may move it safely.
    /// </summary>
    /// <remarks>Only a cache key: a wrong key could only pick another copy of the loop, which runs the
    /// body the same.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint TypeKey(object body) =>
        Unsafe.Add(ref Unsafe.As<byte, nint>(ref Unsafe.As<RawObject>(body).FirstByte), -1);

    /// <summary>A simulator's last body type (its type handle) and that type's resumption loop.</summary>
    internal readonly struct Recent(nint typeHandle, nint resume)
    {
        public readonly nint TypeHandle = typeHandle;
        public readonly nint Resume = resume;
    }

    /// <summary>Any object's fields seen as bytes: the first follows the type pointer (as in the runtime's own
    /// <c>RuntimeHelpers.GetMethodTable</c>).</summary>
#pragma warning disable CA1812, CS0649 // never created or written: objects are only viewed through it
    private sealed class RawObject
    {
        public byte FirstByte;
    }
#pragma warning restore CA1812, CS0649

#pragma warning disable CA1812, CA1034 // Tags name instantiations only; they are never created.
    internal struct Site0;
    internal struct Site1;
    internal struct Site2;
    internal struct Site3;
    internal struct Site4;
    internal struct Site5;
    internal struct Site6;
    internal struct Site7;
    internal struct Site8;
    internal struct Site9;
    internal struct Site10;
    internal struct Site11;
    internal struct Site12;
    internal struct Site13;
    internal struct Site14;
    internal struct Site15;
    internal struct Shared;
#pragma warning restore CA1812, CA1034
}
