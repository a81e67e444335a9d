using Simulation.Core.Engine;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;
using Simulation.Core.Statistics;

namespace Simulation.Tests.Engine;

/// <summary>What one replication of a queue model measured after its warm-up.</summary>
/// <param name="MeanWaitInQueue">Mean time from arrival to service start, over customers who arrived after the warm-up.</param>
/// <param name="WaitAboveFiveFraction">Fraction of those customers who waited more than 5 time units.</param>
/// <param name="MeanQueueLength">Time-average number waiting, from the resource's <see cref="ResourceBase.QueueLength"/>.</param>
/// <param name="Utilisation">Busy unit time over window length times servers, from <see cref="ResourceBase.BusyUnitTime"/>.</param>
/// <param name="Servers">The number of servers.</param>
/// <param name="ArrivalRate">Arrivals in the window over its length.</param>
/// <param name="MeanTimeInSystem">Mean time from arrival to departure of customers who arrived in the window.</param>
/// <param name="Customers">How many customers arrived in the window.</param>
internal sealed record QueueKpis(
    double MeanWaitInQueue,
    double WaitAboveFiveFraction,
    double MeanQueueLength,
    double Utilisation,
    int Servers,
    double ArrivalRate,
    double MeanTimeInSystem,
    long Customers)
{
    /// <summary>Time-average number in the system, read from the resource alone: waiting plus units in use.</summary>
    public double MeanNumberInSystem => MeanQueueLength + (Utilisation * Servers);
}

/// <summary>
/// An M/G/c queue built the way a user of the kernel would: Poisson arrivals from one process, one
/// process per customer that requests one of <c>servers</c> units of a FIFO <see cref="Resource"/>,
/// holds it for its service time and releases it. Measurement starts after a warm-up (initial-
/// transient deletion), so each replication estimates the steady state.
/// </summary>
internal sealed class QueueModel
{
    private readonly Simulator _sim = new();
    private readonly Resource _servers;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _services;
    private readonly double _meanInterarrival;
    private readonly Func<RandomStream, double> _serviceTime;

    private bool _measuring;
    private double _busyAtWindowStart;
    private long _arrived;
    private long _waitedAboveFive;
    private RunningStatistics _waits;
    private RunningStatistics _timesInSystem;
    private TimeWeightedStatistics _queueLength;

    private QueueModel(ReplicationContext context, int servers, double arrivalRate, Func<RandomStream, double> serviceTime)
    {
        _servers = new Resource(_sim, servers, "servers");
        _arrivals = context.Streams.Create("arrivals", "interarrival");
        _services = context.Streams.Create("servers", "service");
        _meanInterarrival = 1 / arrivalRate;
        _serviceTime = serviceTime;
        _queueLength = new TimeWeightedStatistics(0, 0);
    }

    /// <summary>Exponential service with rate <paramref name="rate"/>.</summary>
    public static Func<RandomStream, double> Exponential(double rate) => rng => rng.NextExponential(1 / rate);

    /// <summary>Deterministic service of <paramref name="duration"/>.</summary>
    public static Func<RandomStream, double> Deterministic(double duration) => _ => duration;

    /// <summary>Runs one replication: <paramref name="warmUp"/> time units discarded, then <paramref name="window"/> measured.</summary>
    public static QueueKpis Run(
        ReplicationContext context, int servers, double arrivalRate, Func<RandomStream, double> serviceTime, double warmUp, double window)
    {
        var model = new QueueModel(context, servers, arrivalRate, serviceTime);
        return model.Run(warmUp, window);
    }

    private QueueKpis Run(double warmUp, double window)
    {
        _sim.Start(Arrivals(), "arrivals");
        _sim.Run(warmUp);
        StartMeasuring();
        _sim.Run(warmUp + window);

        double end = _sim.Now;
        return new QueueKpis(
            _waits.Mean,
            (double)_waitedAboveFive / _waits.Count,
            _queueLength.Mean(end),
            (_servers.BusyUnitTime - _busyAtWindowStart) / (window * _servers.Capacity),
            _servers.Capacity,
            _arrived / window,
            _timesInSystem.Mean,
            _arrived);
    }

    private void StartMeasuring()
    {
        _measuring = true;
        _busyAtWindowStart = _servers.BusyUnitTime;
        _queueLength = new TimeWeightedStatistics(_sim.Now, _servers.QueueLength);
    }

    private IEnumerable<Step> Arrivals()
    {
        while (true)
        {
            yield return _sim.Delay(_arrivals.NextExponential(_meanInterarrival));
            _sim.Start(Customer());
        }
    }

    private IEnumerable<Step> Customer()
    {
        double arrivedAt = _sim.Now;
        bool counted = _measuring;
        if (counted)
        {
            _arrived++;
        }

        var request = _servers.Request();
        _queueLength.Update(_sim.Now, _servers.QueueLength);
        yield return request;

        double wait = _sim.Now - arrivedAt;
        if (counted)
        {
            _waits.Add(wait);
            if (wait > 5)
            {
                _waitedAboveFive++;
            }
        }

        yield return _sim.Delay(_serviceTime(_services));
        _servers.Release(request);
        _queueLength.Update(_sim.Now, _servers.QueueLength);
        if (counted)
        {
            _timesInSystem.Add(_sim.Now - arrivedAt);
        }
    }
}
