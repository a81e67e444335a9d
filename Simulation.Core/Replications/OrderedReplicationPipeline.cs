using System.Runtime.ExceptionServices;
using Simulation.Core.Randomness;

namespace Simulation.Core.Replications;

/// <summary>
/// The machinery behind <see cref="ReplicationRunner"/>: workers claim replication indices in
/// increasing order, and finished results pass through a bounded reorder buffer to a consumer that
/// sees them strictly in order, one call at a time.
/// </summary>
/// <remarks>
/// <para>
/// Workers claim indices from a shared counter rather than taking ranges from
/// <see cref="Parallel.For(int, int, Action{int})"/>, whose range partitioning would let a worker
/// start far ahead of the consumer and then wait forever for a window slot held by results that
/// cannot be consumed yet. Every claimed replication is being run by a live worker, so the
/// replication the consumer waits for always finishes and the window always moves on.
/// </para>
/// <para>
/// A worker takes a window slot before claiming an index and the consumer frees it after
/// consuming, so fewer than <c>window</c> indices separate any claimed replication from the next
/// one to consume. Result r therefore has ring position r % window to itself.
/// </para>
/// <para>
/// Whichever worker stores the result the consumer is waiting for delivers it, and keeps
/// delivering while the next results are ready; the <c>_delivering</c> flag, read and written under
/// the lock, hands that role from thread to thread, so consumption is serial without a dedicated
/// consumer thread.
/// </para>
/// </remarks>
internal sealed class OrderedReplicationPipeline<TResult> : IDisposable
{
    private const int WindowPerWorker = 4;

    private readonly int _replications;
    private readonly ulong _masterSeed;
    private readonly Func<ReplicationContext, TResult> _model;
    private readonly Action<int, TResult> _consumeInOrder;
    private readonly IProgress<int>? _progress;
    private readonly CancellationToken _userToken;
    private readonly int _workers;

    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _windowSlots;
    private readonly Lock _gate = new();
    private readonly TResult[] _ring;
    private readonly bool[] _ready;

    private long _nextToClaim; // long, so the workers' final over-claims cannot wrap around
    private int _nextToConsume;
    private bool _delivering;
    private Exception? _failure;

    public OrderedReplicationPipeline(
        int replications,
        ulong masterSeed,
        Func<ReplicationContext, TResult> model,
        Action<int, TResult> consumeInOrder,
        ReplicationOptions options)
    {
        _replications = replications;
        _masterSeed = masterSeed;
        _model = model;
        _consumeInOrder = consumeInOrder;
        _progress = options.Progress;
        _userToken = options.CancellationToken;
        _workers = Math.Min(options.MaxDegreeOfParallelism, replications);

        int window = (int)Math.Min(replications, (long)WindowPerWorker * _workers);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(_userToken);
        _windowSlots = new SemaphoreSlim(window, window);
        _ring = new TResult[window];
        _ready = new bool[window];
    }

    /// <summary>Runs every replication, then rethrows the first failure or reports cancellation.</summary>
    public void Run()
    {
        // Each worker lives for the whole run, so the others get dedicated threads (LongRunning)
        // rather than pool threads, which the pool would hand out slowly (about two a second once
        // its minimum is busy) and which would then be blocked for minutes. The calling thread is
        // worker 0, so a degree of 1 runs everything on it.
        var others = new Task[_workers - 1];
        for (int i = 0; i < others.Length; i++)
        {
            others[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Work();
        Task.WaitAll(others);

        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }

        if (_nextToConsume < _replications)
        {
            throw new OperationCanceledException(_userToken);
        }
    }

    public void Dispose()
    {
        _windowSlots.Dispose();
        _stop.Dispose();
    }

    // Never throws: a failure is recorded, stops the other workers, and is rethrown by Run.
    private void Work()
    {
        try
        {
            while (true)
            {
                _windowSlots.Wait(_stop.Token);
                long claimed = Interlocked.Increment(ref _nextToClaim) - 1;
                if (claimed >= _replications)
                {
                    return;
                }

                int replication = (int)claimed;
                Store(replication, RunOne(replication));
                DeliverReadyResults();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Cancelled by the user or because another worker failed; Run reports which.
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                _failure ??= exception;
            }

            _stop.Cancel();
        }
    }

    private TResult RunOne(int replication)
    {
        var context = new ReplicationContext(
            replication,
            SeedSequence.ReplicationSeed(_masterSeed, replication),
            _stop.Token);
        try
        {
            return _model(context);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw new ReplicationFailedException(replication, exception);
        }
    }

    private void Store(int replication, TResult result)
    {
        lock (_gate)
        {
            int position = replication % _ring.Length;
            _ring[position] = result;
            _ready[position] = true;
        }
    }

    private void DeliverReadyResults()
    {
        lock (_gate)
        {
            if (_delivering)
            {
                return;
            }

            _delivering = true;
        }

        while (true)
        {
            int replication;
            TResult result;
            lock (_gate)
            {
                int position = _nextToConsume % _ring.Length;
                if (!_ready[position])
                {
                    _delivering = false;
                    return;
                }

                result = _ring[position];
                _ring[position] = default!;
                _ready[position] = false;
                replication = _nextToConsume++;
            }

            // Outside the lock: the consumer may be slow (writing a file) and workers must still
            // be able to store results meanwhile.
            _consumeInOrder(replication, result);
            _windowSlots.Release();
            _progress?.Report(replication + 1);
        }
    }
}
