using System.Collections.Concurrent;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Tests.Replications;

public sealed class ReplicationRunnerTests
{
    private const ulong MasterSeed = 20240601;

    [Fact]
    public void Run_GivesIdenticalResultsWhateverTheDegreeOfParallelism()
    {
        Outcome[] sequential = ReplicationRunner.Run(200, MasterSeed, Model, new ReplicationOptions { MaxDegreeOfParallelism = 1 });
        Outcome[] parallel = ReplicationRunner.Run(200, MasterSeed, Model, new ReplicationOptions { MaxDegreeOfParallelism = 4 });
        Outcome[] odd = ReplicationRunner.Run(200, MasterSeed, Model, new ReplicationOptions { MaxDegreeOfParallelism = 3 });

        Assert.Equal(sequential, parallel);
        Assert.Equal(sequential, odd);
        Assert.Equal(Enumerable.Range(0, 200), sequential.Select(o => o.Index));
        Assert.Equal(200, sequential.Select(o => o.LeadTime).Distinct().Count());
    }

    [Fact]
    public void Run_SeedsReplicationFromTheMasterSeedAndItsIndexOnly()
    {
        Outcome[] results = ReplicationRunner.Run(20, MasterSeed, Model, new ReplicationOptions { MaxDegreeOfParallelism = 4 });

        Outcome alone = Model(new ReplicationContext(13, SeedSequence.ReplicationSeed(MasterSeed, 13)));

        Assert.Equal(alone, results[13]);
        Assert.Equal(SeedSequence.ReplicationSeed(MasterSeed, 13), results[13].Seed);
    }

    [Fact]
    public void Run_WithNoReplications_ReturnsEmptyWithoutCallingTheModel()
    {
        int calls = 0;

        int[] results = ReplicationRunner.Run(0, MasterSeed, _ => Interlocked.Increment(ref calls));

        Assert.Empty(results);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void RunStreaming_ConsumesInOrderOneCallAtATimeWithABoundedWindow()
    {
        const int degree = 4;
        var consumed = new List<int>();
        int consumedCount = 0;
        int activeConsumers = 0;
        int maxActiveConsumers = 0;
        int maxAhead = 0;

        ReplicationRunner.Run(
            500,
            MasterSeed,
            context =>
            {
                int ahead = context.Index - Volatile.Read(ref consumedCount);
                InterlockedMax(ref maxAhead, ahead);

                // Uneven durations, so that replications finish out of order; replication 5 is
                // slow enough that, without the bound, the others would run hundreds ahead of it.
                Thread.SpinWait(context.Streams.Create("model", "work").Next(20_000));
                if (context.Index == 5)
                {
                    Thread.Sleep(200);
                }
                return context.Index;
            },
            (index, result) =>
            {
                InterlockedMax(ref maxActiveConsumers, Interlocked.Increment(ref activeConsumers));
                Assert.Equal(index, result);
                consumed.Add(index);
                Thread.SpinWait(100);
                Interlocked.Increment(ref consumedCount);
                Interlocked.Decrement(ref activeConsumers);
            },
            new ReplicationOptions { MaxDegreeOfParallelism = degree });

        Assert.Equal(Enumerable.Range(0, 500), consumed);
        Assert.Equal(1, maxActiveConsumers);
        Assert.InRange(maxAhead, 0, (4 * degree) - 1);
    }

    [Fact]
    public void RunStreaming_HundredThousandReplications_AllArriveInOrder()
    {
        long expected = 0;
        bool inOrder = true;

        ReplicationRunner.Run(
            100_000,
            MasterSeed,
            context => context.Index,
            (index, result) =>
            {
                inOrder &= index == expected && result == expected;
                expected++;
            },
            new ReplicationOptions { MaxDegreeOfParallelism = 8 });

        Assert.True(inOrder);
        Assert.Equal(100_000, expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Run_ReportsProgressOncePerReplicationInIncreasingOrder(int degree)
    {
        var progress = new RecordingProgress();

        ReplicationRunner.Run(100, MasterSeed, Model, new ReplicationOptions { MaxDegreeOfParallelism = degree, Progress = progress });

        Assert.Equal(Enumerable.Range(1, 100), progress.Reports);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Run_WhenAReplicationThrows_NamesTheReplication(int degree)
    {
        var exception = Assert.Throws<ReplicationFailedException>(() => ReplicationRunner.Run(
            50,
            MasterSeed,
            context => context.Index == 7 ? throw new InvalidOperationException("supplier s1 has no capacity") : context.Index,
            new ReplicationOptions { MaxDegreeOfParallelism = degree }));

        Assert.Equal(7, exception.Replication);
        Assert.Equal("Replication 7 failed: supplier s1 has no capacity", exception.Message);
        Assert.IsType<InvalidOperationException>(exception.InnerException);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void RunStreaming_WhenTheConsumerThrows_RethrowsItUnwrapped(int degree)
    {
        var exception = Assert.Throws<IOException>(() => ReplicationRunner.Run(
            50,
            MasterSeed,
            context => context.Index,
            (index, _) =>
            {
                if (index == 3)
                {
                    throw new IOException("disk full");
                }
            },
            new ReplicationOptions { MaxDegreeOfParallelism = degree }));

        Assert.Equal("disk full", exception.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Run_WhenCancelled_StopsEarly(int degree)
    {
        using var cancellation = new CancellationTokenSource();
        int started = 0;
        int startedOnceCancelled = -1;

        Assert.ThrowsAny<OperationCanceledException>(() => ReplicationRunner.Run(
            10_000,
            MasterSeed,
            context =>
            {
                if (Interlocked.Increment(ref started) == 10)
                {
                    cancellation.Cancel();
                    Volatile.Write(ref startedOnceCancelled, Volatile.Read(ref started));
                }

                context.CancellationToken.ThrowIfCancellationRequested();
                return context.Index;
            },
            new ReplicationOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellation.Token }));

        // The worker that cancels may be preempted between starting replication 10 and cancelling while
        // the others go on (four workers on CI's two cores), so the bound counts from the moment Cancel
        // returned: after it, each other worker is inside at most the replication it had started.
        Assert.True(startedOnceCancelled >= 10);
        Assert.InRange(started, startedOnceCancelled, startedOnceCancelled + degree - 1);
    }

    [Fact]
    public void Run_WhenAlreadyCancelled_RunsNothing()
    {
        int calls = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => ReplicationRunner.Run(
            10,
            MasterSeed,
            _ => Interlocked.Increment(ref calls),
            new ReplicationOptions { CancellationToken = new CancellationToken(canceled: true) }));

        Assert.Equal(0, calls);
    }

    [Fact]
    public void Options_WithANonPositiveDegreeOfParallelism_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicationOptions { MaxDegreeOfParallelism = 0 });
    }

    [Fact]
    public void Options_ByDefault_UseEveryProcessor()
    {
        Assert.Equal(Environment.ProcessorCount, new ReplicationOptions().MaxDegreeOfParallelism);
    }

    // A stand-in for a replication of the supply network: draws from two entities' streams.
    private static Outcome Model(ReplicationContext context)
    {
        RandomStream leadTimes = context.Streams.Create("supplier:acme-3", "lead_time");
        RandomStream demand = context.Streams.Create("dc:north", "demand");
        double leadTime = 0;
        double units = 0;
        for (int day = 0; day < 100; day++)
        {
            leadTime += Distribution.Lognormal(1, 0.4).Sample(leadTimes);
            units += Distribution.Poisson(12).Sample(demand);
        }

        return new Outcome(context.Index, context.Seed, leadTime, units);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed record Outcome(int Index, ulong Seed, double LeadTime, double Units);

    // Records synchronously, unlike Progress<T>, which posts to the thread pool.
    private sealed class RecordingProgress : IProgress<int>
    {
        private readonly ConcurrentQueue<int> _reports = new();

        public IEnumerable<int> Reports => _reports;

        public void Report(int value) => _reports.Enqueue(value);
    }
}
