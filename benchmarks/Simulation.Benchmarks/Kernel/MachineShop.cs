using MathNet.Numerics.Distributions;
using Simulation.Core.Engine;
using Simulation.Core.Randomness;

namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// SimPy's machine shop example (simpy.readthedocs.io, "Machine Shop"), clock in minutes: machines make
/// parts (normal(10, 2) minutes each) and break down (exponential, mean 300 minutes, by a breaker
/// process per machine that interrupts the machine's work). One repairman, a
/// <see cref="PreemptiveResource"/>, repairs a broken machine in 30 minutes at priority 1, preempting
/// his own 30-minute "other jobs" at priority 2, which resume with their remaining time.
/// </summary>
public sealed class MachineShop
{
    /// <summary>Mean processing time of a part, minutes.</summary>
    public const double ProcessingMeanMinutes = 10.0;

    /// <summary>Standard deviation of the processing time, minutes.</summary>
    public const double ProcessingSdMinutes = 2.0;

    /// <summary>Mean time to failure of a machine, minutes.</summary>
    public const double MeanTimeToFailureMinutes = 300.0;

    /// <summary>Time to repair a machine, minutes.</summary>
    public const double RepairMinutes = 30.0;

    /// <summary>Duration of one of the repairman's other jobs, minutes.</summary>
    public const double OtherJobMinutes = 30.0;

    private const int RepairPriority = 1;
    private const int OtherJobPriority = 2;

    private readonly Machine[] _machines;

    /// <summary>Builds the shop and starts its processes at time 0.</summary>
    public MachineShop(Simulator simulator, int machines, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Simulator = simulator;
        Repairman = new PreemptiveResource(simulator, capacity: 1, name: "repairman");
        _machines = new Machine[machines];
        for (int i = 0; i < machines; i++)
        {
            // Two streams per machine, so a machine's failures do not depend on how many parts it made.
            ulong machineSeed = seed + (2 * (ulong)i);
            _machines[i] = new Machine(this, new RandomStream(machineSeed), new RandomStream(machineSeed + 1));
        }

        simulator.Start(OtherJobs(), "other jobs");
    }

    /// <summary>The simulation the shop runs in.</summary>
    public Simulator Simulator { get; }

    /// <summary>The repairman.</summary>
    public PreemptiveResource Repairman { get; }

    /// <summary>The machines.</summary>
    public IReadOnlyList<Machine> Machines => _machines;

    /// <summary>Parts made by all machines so far.</summary>
    public long PartsMade
    {
        get
        {
            long total = 0;
            foreach (var machine in _machines)
            {
                total += machine.PartsMade;
            }

            return total;
        }
    }

    /// <summary>Other jobs the repairman finished so far.</summary>
    public long OtherJobsDone { get; private set; }

    private IEnumerable<Step> OtherJobs()
    {
        var self = Simulator.ActiveProcess!;
        while (true)
        {
            double doneIn = OtherJobMinutes;
            while (doneIn > 0)
            {
                var request = Repairman.Request(OtherJobPriority, preempt: false);
                yield return request;
                if (self.TryGetInterrupt(out _))
                {
                    // Granted and preempted at the same instant, before the job could start.
                    Repairman.Release(request);
                    continue;
                }

                double start = Simulator.Now;
                yield return Simulator.Delay(doneIn);
                doneIn = self.TryGetInterrupt(out _) ? doneIn - (Simulator.Now - start) : 0;
                Repairman.Release(request);
            }

            OtherJobsDone++;
        }
    }

    /// <summary>One machine: a working process and a breaker process.</summary>
    public sealed class Machine
    {
        private readonly MachineShop _shop;
        private readonly RandomStream _processingRandom;
        private readonly RandomStream _failureRandom;
        private readonly Process _working;
        private bool _broken;
        private double _brokenSince;

        internal Machine(MachineShop shop, RandomStream processingRandom, RandomStream failureRandom)
        {
            _shop = shop;
            _processingRandom = processingRandom;
            _failureRandom = failureRandom;
            _working = shop.Simulator.Start(Working(), "machine");
            shop.Simulator.Start(Breaking(), "breaker");
        }

        /// <summary>Parts finished so far.</summary>
        public long PartsMade { get; private set; }

        /// <summary>Breakdowns so far.</summary>
        public long Failures { get; private set; }

        /// <summary>Minutes spent broken (waiting for and under repair), completed repairs only.</summary>
        public double BrokenMinutes { get; private set; }

        private IEnumerable<Step> Working()
        {
            var simulator = _shop.Simulator;
            var self = simulator.ActiveProcess!;
            while (true)
            {
                double doneIn = NextProcessingMinutes();
                while (doneIn > 0)
                {
                    double start = simulator.Now;
                    yield return simulator.Delay(doneIn);
                    if (!self.TryGetInterrupt(out _))
                    {
                        doneIn = 0;
                        continue;
                    }

                    _broken = true;
                    _brokenSince = simulator.Now;
                    Failures++;
                    doneIn -= simulator.Now - start;
                    var repair = _shop.Repairman.Request(RepairPriority, preempt: true);
                    yield return repair;
                    yield return simulator.Delay(RepairMinutes);
                    _shop.Repairman.Release(repair);
                    _broken = false;
                    BrokenMinutes += simulator.Now - _brokenSince;
                }

                PartsMade++;
            }
        }

        private IEnumerable<Step> Breaking()
        {
            var simulator = _shop.Simulator;
            while (true)
            {
                yield return simulator.Delay(_failureRandom.NextExponential(MeanTimeToFailureMinutes));
                if (!_broken)
                {
                    _working.Interrupt();
                }
            }
        }

        /// <summary>Normal(10, 2) minutes, redrawn when negative (about 3 draws in 10 million).</summary>
        private double NextProcessingMinutes()
        {
            double minutes;
            do
            {
                minutes = Normal.Sample(_processingRandom, ProcessingMeanMinutes, ProcessingSdMinutes);
            }
            while (minutes < 0);
            return minutes;
        }
    }
}
