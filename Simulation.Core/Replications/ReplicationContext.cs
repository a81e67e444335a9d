using Simulation.Core.Randomness;

namespace Simulation.Core.Replications;

/// <summary>
/// What a model receives for one replication: its index, its seed, the factory of its random
/// streams, and a token to stop early.
/// </summary>
/// <remarks>
/// Everything random in a replication must come from <see cref="Streams"/>; that is what makes
/// replication r the same bytes whether it runs alone, in parallel or on another machine. To rerun
/// replication r of a run by itself (e.g. to debug it), create
/// <c>new ReplicationContext(r, SeedSequence.ReplicationSeed(masterSeed, r))</c>.
/// </remarks>
public sealed class ReplicationContext
{
    /// <summary>Creates the context of one replication.</summary>
    /// <param name="index">The zero-based replication index.</param>
    /// <param name="seed">The replication seed, normally <see cref="SeedSequence.ReplicationSeed"/> of the run's master seed and <paramref name="index"/>.</param>
    /// <param name="cancellationToken">Signals that the run is being cancelled or has failed elsewhere.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public ReplicationContext(int index, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
        Seed = seed;
        Streams = new StreamFactory(seed);
        CancellationToken = cancellationToken;
    }

    /// <summary>The zero-based replication index.</summary>
    public int Index { get; }

    /// <summary>The replication seed from which all its streams are derived.</summary>
    public ulong Seed { get; }

    /// <summary>Creates the replication's random streams, one per (entity, purpose).</summary>
    public StreamFactory Streams { get; }

    /// <summary>
    /// Signals that the run is being cancelled, or that another replication failed; long models
    /// should check it now and then (for example every simulated day) and stop by throwing
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; }
}
