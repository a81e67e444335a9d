namespace Simulation.Core.Replications;

/// <summary>
/// Runs independent replications of a model in parallel, with results that do not depend on the
/// number of threads: replication r is seeded from (master seed, r) only
/// (<see cref="Randomness.SeedSequence.ReplicationSeed"/>) and results come back in replication order.
/// </summary>
/// <remarks>
/// If a model throws, the run stops (running replications see their
/// <see cref="ReplicationContext.CancellationToken"/> cancelled) and a
/// <see cref="ReplicationFailedException"/> naming the replication is thrown. If the run is
/// cancelled through <see cref="ReplicationOptions.CancellationToken"/>, no further replication
/// starts and <see cref="OperationCanceledException"/> is thrown.
/// </remarks>
public static class ReplicationRunner
{
    /// <summary>Runs <paramref name="replications"/> replications and returns their results in replication order.</summary>
    /// <typeparam name="TResult">What one replication produces, e.g. its KPIs.</typeparam>
    /// <param name="replications">How many replications to run; &gt;= 0.</param>
    /// <param name="masterSeed">The scenario's master seed.</param>
    /// <param name="model">Runs one replication; called concurrently from several threads unless the degree of parallelism is 1.</param>
    /// <param name="options">Parallelism, progress and cancellation; defaults if null.</param>
    /// <returns>The results; element r is replication r's.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replications"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ReplicationFailedException">The model threw.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static TResult[] Run<TResult>(
        int replications,
        ulong masterSeed,
        Func<ReplicationContext, TResult> model,
        ReplicationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replications);
        var results = new TResult[replications];
        Run(replications, masterSeed, model, (r, result) => results[r] = result, options);
        return results;
    }

    /// <summary>
    /// Runs <paramref name="replications"/> replications and hands each result to
    /// <paramref name="consumeInOrder"/> in replication order (0, 1, 2, ...), for runs too large to
    /// keep every result in memory.
    /// </summary>
    /// <remarks>
    /// <paramref name="consumeInOrder"/> is never called by two threads at once, so it may write to
    /// a file or fold results into statistics without locking. Results that finish early wait in a
    /// reorder buffer, and no replication starts more than four times the degree of parallelism
    /// ahead of the oldest result not yet consumed, so memory stays flat however many replications
    /// are run. The price is that one very slow replication can briefly idle the other workers.
    /// </remarks>
    /// <typeparam name="TResult">What one replication produces, e.g. its KPIs.</typeparam>
    /// <param name="replications">How many replications to run; &gt;= 0.</param>
    /// <param name="masterSeed">The scenario's master seed.</param>
    /// <param name="model">Runs one replication; called concurrently from several threads unless the degree of parallelism is 1.</param>
    /// <param name="consumeInOrder">Receives (replication index, result) in index order, one call at a time; what it throws ends the run and is rethrown as is.</param>
    /// <param name="options">Parallelism, progress and cancellation; defaults if null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replications"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="consumeInOrder"/> is null.</exception>
    /// <exception cref="ReplicationFailedException">The model threw.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static void Run<TResult>(
        int replications,
        ulong masterSeed,
        Func<ReplicationContext, TResult> model,
        Action<int, TResult> consumeInOrder,
        ReplicationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        RunInSteps(replications, masterSeed, context => new OneStep<TResult>(model, context), consumeInOrder, options);
    }

    /// <summary>
    /// Runs <paramref name="replications"/> replications in steps and hands each result to
    /// <paramref name="consumeInOrder"/> in replication order, as
    /// <see cref="Run{TResult}(int, ulong, Func{ReplicationContext, TResult}, Action{int, TResult}, ReplicationOptions?)"/>
    /// does; between steps a worker may move on to another replication, so that the workers finish the
    /// last replications together rather than one running the last alone.
    /// </summary>
    /// <remarks>
    /// With a degree of parallelism d above 1, the last d - 1 replications are started together, and up
    /// to 2 d - 1 replications are in flight at once.
    /// </remarks>
    /// <typeparam name="TResult">What one replication produces.</typeparam>
    /// <param name="replications">How many replications to run; &gt;= 0.</param>
    /// <param name="masterSeed">The scenario's master seed.</param>
    /// <param name="start">Builds one replication, not yet run; called concurrently from several threads unless the degree of parallelism is 1.</param>
    /// <param name="consumeInOrder">Receives (replication index, result) in index order, one call at a time; what it throws ends the run and is rethrown as is.</param>
    /// <param name="options">Parallelism, progress and cancellation; defaults if null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replications"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="start"/> or <paramref name="consumeInOrder"/> is null.</exception>
    /// <exception cref="ReplicationFailedException">Building or stepping a replication threw.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static void RunInSteps<TResult>(
        int replications,
        ulong masterSeed,
        Func<ReplicationContext, ISteppedReplication<TResult>> start,
        Action<int, TResult> consumeInOrder,
        ReplicationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replications);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(consumeInOrder);
        options ??= new ReplicationOptions();
        options.CancellationToken.ThrowIfCancellationRequested();
        if (replications == 0)
        {
            return;
        }

        using var pipeline = new OrderedReplicationPipeline<TResult>(replications, masterSeed, start, consumeInOrder, options);
        pipeline.Run();
    }

    /// <summary>A replication run whole, as its one step.</summary>
    private sealed class OneStep<TResult>(Func<ReplicationContext, TResult> model, ReplicationContext context) : ISteppedReplication<TResult>
    {
        private TResult? _result;

        public TResult Result => _result!;

        public bool Step()
        {
            _result = model(context);
            return false;
        }

        public void Dispose()
        {
        }
    }
}
