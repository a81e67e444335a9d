using Simulation.Core.Engine;
using Simulation.Core.Replications;

namespace Simulation.Tests.Engine;

/// <summary>
/// A machine that fails after exponential up times and is repaired in exponential times, built on a
/// <see cref="PreemptiveResource"/>: production always wants the machine (jobs at priority 1); a
/// breakdown takes it at priority 0, preempting the job in progress, and holds it for the repair.
/// Productive time is credited from each job's grant to its end or to its preemption
/// (<see cref="Preemption.UsageSince"/> to the interrupt time), so the measured availability depends on
/// preemption, interrupts and the preemption record being right.
/// </summary>
internal static class MachineAvailabilityModel
{
    private const double MeanJobLength = 0.5;

    /// <summary>Returns the productive fraction of the window [warmUp, warmUp + window].</summary>
    public static double Run(ReplicationContext context, double meanTimeToFailure, double meanTimeToRepair, double warmUp, double window)
    {
        var sim = new Simulator();
        var machine = new PreemptiveResource(sim, capacity: 1, name: "machine");
        var jobLengths = context.Streams.Create("machine", "job_length");
        var upTimes = context.Streams.Create("machine", "time_to_failure");
        var repairTimes = context.Streams.Create("machine", "repair_time");
        double windowEnd = warmUp + window;
        double productive = 0;

        void Credit(double from, double to) =>
            productive += Math.Max(0, Math.Min(to, windowEnd) - Math.Max(from, warmUp));

        IEnumerable<Step> Production()
        {
            var self = sim.ActiveProcess!;
            while (true)
            {
                var job = machine.Request(priority: 1, preempt: false);
                yield return job;
                double started = sim.Now;
                yield return sim.Delay(jobLengths.NextExponential(MeanJobLength));
                if (self.TryGetInterrupt(out var interruption))
                {
                    var preemption = (Preemption)interruption.Cause!;
                    Credit(preemption.UsageSince, interruption.Time);
                }
                else
                {
                    Credit(started, sim.Now);
                }

                machine.Release(job);
            }
        }

        IEnumerable<Step> Breakdowns()
        {
            while (true)
            {
                yield return sim.Delay(upTimes.NextExponential(meanTimeToFailure));
                var repair = machine.Request(priority: 0, preempt: true);
                yield return repair;
                yield return sim.Delay(repairTimes.NextExponential(meanTimeToRepair));
                machine.Release(repair);
            }
        }

        sim.Start(Production(), "production");
        sim.Start(Breakdowns(), "breakdowns");
        sim.Run(windowEnd);
        return productive / window;
    }
}
