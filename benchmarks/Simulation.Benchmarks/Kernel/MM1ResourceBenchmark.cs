using BenchmarkDotNet.Attributes;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// Process creation and a busy resource: an M/M/1 queue at utilisation 0.9 (arrival rate 1, mean
/// service 0.9) serving 1 million customers, one new process per customer, on a <see cref="Resource"/>.
/// </summary>
/// <remarks>
/// Measured: <c>Run()</c>, which includes creating every customer process (that is the workload).
/// The iteration setup only creates the simulator, the server and the arrival source. The model output
/// is the mean wait in queue, which theory puts at rho * mean service / (1 - rho) = 8.1.
/// </remarks>
[Config(typeof(KernelBenchmarkConfig))]
public class MM1ResourceBenchmark
{
    private MM1Queue _queue = null!;

    [IterationSetup]
    public void StartArrivals() => _queue = new MM1Queue(customers: 1_000_000);

    [Benchmark]
    public RunOutcome RunOneMillionCustomers()
    {
        long events = _queue.Run();
        return new RunOutcome(events, "mean wait", _queue.MeanWait);
    }

    /// <summary>The model: a source that starts one customer process per arrival.</summary>
    private sealed class MM1Queue
    {
        private const double MeanInterarrival = 1.0;
        private const double MeanService = 0.9;

        private readonly Simulator _simulator = new();
        private readonly Resource _server;
        private readonly RandomStream _arrivals = new(11);
        private readonly RandomStream _services = new(12);
        private readonly int _customers;
        private double _totalWait;
        private long _served;

        public MM1Queue(int customers)
        {
            _customers = customers;
            _server = new Resource(_simulator, capacity: 1, name: "server");
            _simulator.Start(Source(), "source");
        }

        public double MeanWait => _totalWait / _served;

        public long Run()
        {
            long before = _simulator.ProcessedCount;
            _simulator.Run();
            return _simulator.ProcessedCount - before;
        }

        private IEnumerable<Step> Source()
        {
            for (int i = 0; i < _customers; i++)
            {
                yield return _simulator.Delay(_arrivals.NextExponential(MeanInterarrival));
                _simulator.Start(Customer());
            }
        }

        private IEnumerable<Step> Customer()
        {
            double arrivedAt = _simulator.Now;
            var request = _server.Request();
            yield return request;
            _totalWait += _simulator.Now - arrivedAt;
            yield return _simulator.Delay(_services.NextExponential(MeanService));
            _server.Release(request);
            _served++;
        }
    }
}
