using Simulation.Benchmarks.Kernel;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// One kernel workload written twice, once on our <see cref="Simulation.Core.Engine.Simulator"/> and once
/// in Sim#'s own idiom, so both run the same model. Both sides draw every random number from our
/// <see cref="Simulation.Core.Randomness.RandomStream"/> with the same seed, in the same order, so the
/// only difference left is the kernel, and the model outputs must agree (up to Sim#'s rounding of times
/// to 100-ns ticks: <see cref="AgreementTolerance"/>).
/// </summary>
public abstract class SideBySideWorkload
{
    /// <summary>
    /// The workload's short name (at most 20 characters, which BenchmarkDotNet shows in full): the
    /// parameter of the benchmark and the row of the CPU table, e.g. <c>timeouts 1000p</c> for 1,000
    /// processes, <c>store 10x60k</c> for 10 producers of 60,000 items.
    /// </summary>
    public abstract string Name { get; }

    /// <summary>Relative difference allowed between the two model outputs.</summary>
    public virtual double AgreementTolerance => 1e-6;

    /// <summary>Builds a fresh model on our kernel (not measured) and returns its run (measured).</summary>
    public abstract Func<RunOutcome> PrepareOurs();

    /// <summary>Builds the same model on Sim# (not measured) and returns its run (measured).</summary>
    public abstract Func<RunOutcome> PrepareSimSharp();

    /// <summary>Whether two runs' model outputs agree, so both kernels did the same work.</summary>
    public bool Agree(RunOutcome ours, RunOutcome simSharp) =>
        Math.Abs(ours.Value - simSharp.Value) <= AgreementTolerance * Math.Max(1, Math.Abs(ours.Value));

    /// <inheritdoc />
    public override string ToString() => Name;
}
