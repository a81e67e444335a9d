namespace Simulation.Core.Replications;

/// <summary>How <see cref="ReplicationRunner"/> runs replications. None of these options changes any result.</summary>
public sealed record ReplicationOptions
{
    private readonly int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>
    /// The most replications run at once; 1 runs them one after another on the calling thread.
    /// Defaults to <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxDegreeOfParallelism));
            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>
    /// Receives the number of replications completed so far, once per replication, in increasing
    /// order (1, 2, ..., n). Called on a worker thread, one call at a time; a
    /// <see cref="Progress{T}"/> posts each report to the synchronisation context it was created on.
    /// </summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Stops the run early; the runner then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}
