using System.Runtime.InteropServices;
using Simulation.Cli;

// Ctrl-C and SIGTERM (Slurm's scancel or time limit, Kubernetes' pod stop) cancel the command, which
// then removes what it had half-written and exits 130 with one message, the same in every output mode.
// A second signal ends the process at once; the next run cleans up the staging folder it leaves.
using var interrupt = new CancellationTokenSource();
int signals = 0;
void OnSignal(PosixSignalContext signal)
{
    if (Interlocked.Increment(ref signals) == 1)
    {
        signal.Cancel = true;
        interrupt.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
return await SimApp.RunAsync(args, CliContext.ForProcess(), interrupt.Token).ConfigureAwait(false);
