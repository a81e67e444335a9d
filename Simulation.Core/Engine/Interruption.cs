using System.Globalization;

namespace Simulation.Core.Engine;

/// <summary>Why and when a process was interrupted, as it sees it after <see cref="Process.TryGetInterrupt"/>.</summary>
/// <param name="Time">The simulated time of the interrupt.</param>
/// <param name="Cause">What the interrupter passed, e.g. a <see cref="Preemption"/>.</param>
public sealed record Interruption(double Time, object? Cause)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"at t={Time}, cause: {Cause ?? "none"}");
}
