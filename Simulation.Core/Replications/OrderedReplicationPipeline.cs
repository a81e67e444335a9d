using System.Runtime.ExceptionServices;
using Simulation.Core.Randomness;

namespace Simulation.Core.Replications;

/// <summary>
/// The machinery behind <see cref="ReplicationRunner"/>: workers claim replication indices in
/// increasing order and run them step by step, and finished results pass through a bounded reorder
/// buffer to a consumer that sees them strictly in order, one call at a time.
/// </summary>
/// <remarks>
/// <para>
/// Replications run whole, one per worker, until fewer are left to claim than there are workers: then
/// those are all claimed at once, and a worker that finishes a step goes on with the least advanced
/// replication no worker is running (its own on a tie). So the last replications, with those still
/// running, finish within about a step of each other, where replications run whole leave one worker
/// running the last alone, for up to a whole replication, while the others idle (benchmarks/README.md,
/// "The whole command", twelfth look). Only the last ones: taking turns earlier would hold back the
/// oldest replications, so that finished results pile up behind them in the reorder buffer, each
/// holding its memory. At most 2 d - 1 replications are in flight for d workers. A worker that
/// finishes one of the last replications delivers results only once it has nothing to step. A
/// replication of one step
/// (<see cref="ReplicationRunner.Run{TResult}(int, ulong, Func{ReplicationContext, TResult}, Action{int, TResult}, ReplicationOptions?)"/>)
/// is simply run whole.
/// </para>
/// <para>
/// Workers claim indices from a shared counter rather than taking ranges from
/// <see cref="Parallel.For(int, int, Action{int})"/>, whose range partitioning would let a worker
/// start far ahead of the consumer and then wait forever for a window slot held by results that
/// cannot be consumed yet. Every claimed replication is run by a live worker or waits for the next
/// free one, so the replication the consumer waits for always finishes and the window always moves on.
/// </para>
/// <para>
/// An index is claimed only while fewer than <c>window</c> claimed replications are not yet consumed,
/// so result r has ring position r % window to itself.
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
    private readonly Func<ReplicationContext, ISteppedReplication<TResult>> _start;
    private readonly Action<int, TResult> _consumeInOrder;
    private readonly IProgress<int>? _progress;
    private readonly CancellationToken _userToken;
    private readonly int _workers;
    private readonly int _window;
    private readonly int _takingTurnsFrom; // the first index of the last replications, at which workers take turns

    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _wakeOnStop;
    private readonly object _gate = new(); // a monitor: workers wait on it for a replication to step
    private readonly TResult[] _ring;
    private readonly bool[] _ready;
    private readonly List<InFlight> _waiting = []; // started, between steps, run by no worker

    private int _nextToClaim;
    private int _inFlight;
    private int _nextToConsume;
    private int _consumed;
    private bool _delivering;
    private Exception? _failure;

    public OrderedReplicationPipeline(
        int replications,
        ulong masterSeed,
        Func<ReplicationContext, ISteppedReplication<TResult>> start,
        Action<int, TResult> consumeInOrder,
        ReplicationOptions options)
    {
        _replications = replications;
        _masterSeed = masterSeed;
        _start = start;
        _consumeInOrder = consumeInOrder;
        _progress = options.Progress;
        _userToken = options.CancellationToken;
        _workers = Math.Min(options.MaxDegreeOfParallelism, replications);

        _window = (int)Math.Min(replications, (long)WindowPerWorker * _workers);
        _takingTurnsFrom = _workers == 1 ? replications : Math.Max(0, replications - _workers + 1);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(_userToken);
        _wakeOnStop = _stop.Token.Register(WakeAll);
        _ring = new TResult[_window];
        _ready = new bool[_window];
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

        // Replications a stop left between steps.
        foreach (var unfinished in _waiting)
        {
            unfinished.Replication?.Dispose();
        }

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
        _wakeOnStop.Dispose();
        _stop.Dispose();
    }

    // Never throws: a failure is recorded, stops the other workers, and is rethrown by Run.
    private void Work()
    {
        InFlight? current = null;
        try
        {
            while (true)
            {
                current = Next(current, out bool deliver);
                if (deliver)
                {
                    DeliverReadyResults();
                    continue;
                }

                if (current is null)
                {
                    return;
                }

                if (Step(current))
                {
                    current.StepsRun++;
                    continue;
                }

                var result = current.Replication!.Result;
                current.Replication.Dispose();
                bool deliverNow = Store(current.Index, result);
                current = null;
                if (deliverNow)
                {
                    DeliverReadyResults();
                }
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
        finally
        {
            current?.Replication?.Dispose();
        }
    }

    /// <summary>
    /// The replication to step next, given the one this worker just stepped (null if none or it
    /// finished): its own, until the last replications; among those, a new one while any is left to
    /// claim, else the least advanced one waiting if it is behind <paramref name="current"/>. Null with
    /// <paramref name="deliver"/> set when there is nothing to step but results to deliver; null once
    /// nothing is left to do or the run stops. Waits while every replication in flight is run by
    /// another worker and nothing is to be delivered.
    /// </summary>
    private InFlight? Next(InFlight? current, out bool deliver)
    {
        deliver = false;
        lock (_gate)
        {
            while (true)
            {
                if (_stop.IsCancellationRequested)
                {
                    ParkLocked(current); // disposed by Run
                    return null;
                }

                bool takingTurns = _nextToClaim >= _takingTurnsFrom;
                if ((takingTurns || (current is null && _inFlight < _workers)) && _nextToClaim < _replications && _nextToClaim - _consumed < _window)
                {
                    ParkLocked(current);
                    _inFlight++;
                    return new InFlight(_nextToClaim++);
                }

                InFlight? behind = LeastAdvancedWaitingLocked();
                if (current is not null && (behind is null || behind.StepsRun >= current.StepsRun))
                {
                    return current;
                }

                if (behind is not null)
                {
                    _waiting.Remove(behind);
                    ParkLocked(current);
                    return behind;
                }

                if (!_delivering && _ready[_nextToConsume % _ring.Length])
                {
                    deliver = true;
                    return null;
                }

                if (_inFlight == 0 && _nextToClaim >= _replications)
                {
                    return null;
                }

                Monitor.Wait(_gate);
            }
        }
    }

    private InFlight? LeastAdvancedWaitingLocked()
    {
        InFlight? least = null;
        foreach (var waiting in _waiting)
        {
            if (least is null || waiting.StepsRun < least.StepsRun)
            {
                least = waiting;
            }
        }

        return least;
    }

    private void ParkLocked(InFlight? replication)
    {
        if (replication is not null)
        {
            _waiting.Add(replication);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Runs one step of <paramref name="replication"/> (its first starts it); false once it is complete.</summary>
    private bool Step(InFlight replication)
    {
        _stop.Token.ThrowIfCancellationRequested();
        try
        {
            replication.Replication ??= _start(new ReplicationContext(
                replication.Index,
                SeedSequence.ReplicationSeed(_masterSeed, replication.Index),
                _stop.Token));
            return replication.Replication.Step();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw new ReplicationFailedException(replication.Index, exception);
        }
    }

    /// <summary>
    /// Puts a finished replication's result in the reorder buffer; true if this worker should deliver
    /// now. Among the last replications it goes on stepping instead while any waits for a worker, and
    /// delivers once it has nothing to step (<see cref="Next"/>): delivering first would leave the
    /// others to be stepped by fewer workers, the last one alone.
    /// </summary>
    private bool Store(int replication, TResult result)
    {
        lock (_gate)
        {
            int position = replication % _ring.Length;
            _ring[position] = result;
            _ready[position] = true;
            _inFlight--;
            Monitor.PulseAll(_gate);
            return !(_nextToClaim >= _takingTurnsFrom && _waiting.Count > 0);
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
                    Monitor.PulseAll(_gate); // a worker waiting may now deliver what is stored next
                    return;
                }

                result = _ring[position];
                _ring[position] = default!;
                _ready[position] = false;
                replication = _nextToConsume++;
            }

            // Outside the lock: the consumer may be slow (writing a file) and workers must still
            // be able to store results and take steps meanwhile.
            _consumeInOrder(replication, result);
            lock (_gate)
            {
                _consumed++;
                Monitor.PulseAll(_gate);
            }

            _progress?.Report(replication + 1);
        }
    }

    private void WakeAll()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>A claimed replication: started by its first step, then stepped by one worker at a time.</summary>
    private sealed class InFlight(int index)
    {
        public int Index { get; } = index;

        public ISteppedReplication<TResult>? Replication { get; set; }

        public int StepsRun { get; set; }
    }
}
