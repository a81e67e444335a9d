using System.Collections.Concurrent;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Tests.Replications;

/// <summary>
/// <see cref="ReplicationRunner.RunInSteps{TResult}"/>: replications run in steps, workers taking turns
/// at one more replication than there are workers.
/// </summary>
public sealed class SteppedReplicationRunnerTests
{
    private const ulong MasterSeed = 20261201;
    private const int Steps = 12;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RunInSteps_GivesTheResultsOfWholeRunsInReplicationOrder(int degree)
    {
        double[] whole = ReplicationRunner.Run(40, MasterSeed, context => Walk.Whole(context, Steps), new ReplicationOptions { MaxDegreeOfParallelism = 1 });
        var stepped = new List<(int Index, double Value)>();

        ReplicationRunner.RunInSteps(
            40,
            MasterSeed,
            context => new Walk(context, Steps, new Ledger()),
            (index, value) => stepped.Add((index, value)),
            new ReplicationOptions { MaxDegreeOfParallelism = degree });

        Assert.Equal(Enumerable.Range(0, 40), stepped.Select(s => s.Index));
        Assert.Equal(whole, stepped.Select(s => s.Value));
        Assert.Equal(40, whole.Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void RunInSteps_StepsEachReplicationOnceAtATime_ClaimingTheLastOnesTogether(int degree)
    {
        // The last degree + 1 replications may not finish before every replication has started: a
        // runner that ran them whole, one per worker, would time out.
        const int replications = 60;
        int lastFrom = replications - degree;
        var ledger = new Ledger { FinishOnceStarted = replications, GatedFrom = degree == 1 ? replications : lastFrom - 1 };

        ReplicationRunner.RunInSteps(
            replications,
            MasterSeed,
            context => new Walk(context, Steps, ledger),
            (_, _) => { },
            new ReplicationOptions { MaxDegreeOfParallelism = degree });

        Assert.Equal(0, ledger.Overlaps);
        Assert.False(ledger.GateTimedOut);
        Assert.InRange(ledger.MostInFlight, degree, Math.Max(1, (2 * degree) - 1));
        Assert.InRange(ledger.MostInFlightBefore(lastFrom), 1, degree);
        Assert.Equal(Enumerable.Repeat(1, replications), ledger.DisposalsByReplication());
        Assert.Equal(Enumerable.Repeat(Steps, replications), ledger.StepsByReplication());
    }

    [Fact]
    public void RunInSteps_WithTwoWorkers_TakesTurnsAtTheLastThree()
    {
        // Three replications on two workers: the second and third are claimed together, after a step,
        // instead of the third after one of the first two finished (their last steps wait for it).
        var ledger = new Ledger { FinishOnceStarted = 3, GatedFrom = 0 };

        ReplicationRunner.RunInSteps(
            3,
            MasterSeed,
            context => new Walk(context, 50, ledger),
            (_, _) => { },
            new ReplicationOptions { MaxDegreeOfParallelism = 2 });

        Assert.False(ledger.GateTimedOut);
        Assert.Equal(3, ledger.MostInFlight);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void RunInSteps_WhenAStepThrows_NamesTheReplicationAndDisposesEveryStartedOne(int degree)
    {
        var ledger = new Ledger();

        var exception = Assert.Throws<ReplicationFailedException>(() => ReplicationRunner.RunInSteps(
            30,
            MasterSeed,
            context => new Walk(context, Steps, ledger, failAtStep: context.Index == 9 ? 5 : -1),
            (_, _) => { },
            new ReplicationOptions { MaxDegreeOfParallelism = degree }));

        Assert.Equal(9, exception.Replication);
        Assert.Equal("Replication 9 failed: step 5 of replication 9 failed", exception.Message);
        Assert.All(ledger.DisposalsByReplication(), n => Assert.Equal(1, n));
        Assert.InRange(ledger.DisposalsByReplication().Count(), 10, 30);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void RunInSteps_WhenCancelledBetweenSteps_StopsAndDisposesEveryStartedOne(int degree)
    {
        using var cancellation = new CancellationTokenSource();
        int stepsOnceCancelled = -1;
        int startedOnceCancelled = -1;
        Ledger ledger = null!;
        ledger = new Ledger
        {
            OnStep = total =>
            {
                if (total == 40)
                {
                    cancellation.Cancel();
                    Volatile.Write(ref stepsOnceCancelled, ledger.TotalSteps);
                    Volatile.Write(ref startedOnceCancelled, ledger.StartedCount);
                }
            },
        };

        Assert.ThrowsAny<OperationCanceledException>(() => ReplicationRunner.RunInSteps(
            1_000,
            MasterSeed,
            context => new Walk(context, Steps, ledger),
            (_, _) => { },
            new ReplicationOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellation.Token }));

        Assert.All(ledger.DisposalsByReplication(), n => Assert.Equal(1, n));
        // The worker that cancels may be preempted between counting step 40 and cancelling, while the
        // others go on stepping (three workers on CI's two cores), so the bound counts from the moment
        // Cancel returned: after it, each other worker finishes at most the step it is in.
        Assert.True(stepsOnceCancelled >= 40);
        Assert.InRange(ledger.TotalSteps, stepsOnceCancelled, stepsOnceCancelled + degree - 1);
        Assert.InRange(ledger.StartedCount, startedOnceCancelled, startedOnceCancelled + degree - 1);
        Assert.Equal(ledger.StartedCount, ledger.DisposalsByReplication().Count());
        Assert.InRange(ledger.DisposalsByReplication().Count(), 4, 8 * degree);
    }

    [Fact]
    public void RunInSteps_WithNoReplications_StartsNone()
    {
        int started = 0;

        ReplicationRunner.RunInSteps<double>(0, MasterSeed, context =>
        {
            started++;
            return new Walk(context, Steps, new Ledger());
        }, (_, _) => { });

        Assert.Equal(0, started);
    }

    /// <summary>What the replications of one run did, recorded from every worker.</summary>
    private sealed class Ledger
    {
        private readonly ConcurrentDictionary<int, int> _running = new();
        private readonly ConcurrentDictionary<int, int> _disposals = new();
        private readonly ConcurrentDictionary<int, int> _steps = new();
        private int _inFlight;
        private int _mostInFlight;
        private int _overlaps;
        private int _totalSteps;
        private readonly object _startedGate = new();
        private readonly ConcurrentDictionary<int, int> _inFlightAtStart = new();
        private int _started;

        public Action<int>? OnStep { get; init; }

        /// <summary>The last step of a replication from <see cref="GatedFrom"/> on waits (at most 30 s) until this many have started.</summary>
        public int FinishOnceStarted { get; init; }

        /// <summary>The first replication whose last step waits for <see cref="FinishOnceStarted"/>.</summary>
        public int GatedFrom { get; init; } = int.MaxValue;

        public bool GateTimedOut { get; private set; }

        public int MostInFlight
        {
            get
            {
                lock (_startedGate)
                {
                    return _mostInFlight;
                }
            }
        }

        public int Overlaps => _overlaps;

        public int TotalSteps => Volatile.Read(ref _totalSteps);

        public int StartedCount
        {
            get
            {
                lock (_startedGate)
                {
                    return _started;
                }
            }
        }

        public IEnumerable<int> DisposalsByReplication() => _disposals.OrderBy(d => d.Key).Select(d => d.Value);

        public IEnumerable<int> StepsByReplication() => _steps.OrderBy(d => d.Key).Select(d => d.Value);

        public void Started(int index)
        {
            lock (_startedGate)
            {
                _started++;
                int now = ++_inFlight;
                _mostInFlight = Math.Max(_mostInFlight, now);
                _inFlightAtStart[index] = now;
                Monitor.PulseAll(_startedGate);
            }
        }

        public int MostInFlightBefore(int index) => _inFlightAtStart.Where(s => s.Key < index).Max(s => s.Value);

        public void BeforeLastStep(int index)
        {
            if (index < GatedFrom)
            {
                return;
            }

            lock (_startedGate)
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (_started < FinishOnceStarted)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_startedGate, left))
                    {
                        GateTimedOut = true;
                        return;
                    }
                }
            }
        }

        public void StepBegins(int index)
        {
            if (_running.AddOrUpdate(index, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }
        }

        public void StepEnds(int index)
        {
            _running.AddOrUpdate(index, 0, (_, n) => n - 1);
            _steps.AddOrUpdate(index, 1, (_, n) => n + 1);
            OnStep?.Invoke(Interlocked.Increment(ref _totalSteps));
        }

        public void Disposed(int index)
        {
            _disposals.AddOrUpdate(index, 1, (_, n) => n + 1);
            lock (_startedGate)
            {
                _inFlight--;
            }
        }
    }

    /// <summary>A random walk of <c>steps</c> stretches of draws from the replication's own stream.</summary>
    private sealed class Walk : ISteppedReplication<double>
    {
        private readonly ReplicationContext _context;
        private readonly RandomStream _stream;
        private readonly int _steps;
        private readonly Ledger _ledger;
        private readonly int _failAtStep;
        private int _stepsRun;
        private double _position;

        public Walk(ReplicationContext context, int steps, Ledger ledger, int failAtStep = -1)
        {
            _context = context;
            _stream = context.Streams.Create("walker", "steps");
            _steps = steps;
            _ledger = ledger;
            _failAtStep = failAtStep;
            ledger.Started(context.Index);
        }

        public double Result { get; private set; }

        public static double Whole(ReplicationContext context, int steps)
        {
            using var walk = new Walk(context, steps, new Ledger());
            while (walk.Step())
            {
            }

            return walk.Result;
        }

        public bool Step()
        {
            _ledger.StepBegins(_context.Index);
            try
            {
                if (_stepsRun == _failAtStep)
                {
                    throw new InvalidOperationException($"step {_stepsRun} of replication {_context.Index} failed");
                }

                for (int i = 0; i < 2_000; i++)
                {
                    _position += Distribution.Normal(0, 1).Sample(_stream);
                }

                bool more = ++_stepsRun < _steps;
                if (!more)
                {
                    _ledger.BeforeLastStep(_context.Index);
                    Result = _position;
                }

                return more;
            }
            finally
            {
                _ledger.StepEnds(_context.Index);
            }
        }

        public void Dispose() => _ledger.Disposed(_context.Index);
    }
}
