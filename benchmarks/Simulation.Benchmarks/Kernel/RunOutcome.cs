namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// What a kernel benchmark returns: how many events its run fired, and one figure of the model's
/// output. Returning it keeps the run from being optimised away; the report columns read it to turn
/// BenchmarkDotNet's time and allocation per run into figures per event, and to show that the model
/// did what it should (a mean wait near theory, a plausible number of parts).
/// </summary>
/// <param name="EventsFired">
/// Entries the simulator fired during the measured run (<c>Simulator.ProcessedCount</c> after the
/// run minus before it): timeouts, process starts and ends, granted requests, interrupts.
/// </param>
/// <param name="Measure">What <paramref name="Value"/> is, e.g. "parts made"; a constant string.</param>
/// <param name="Value">The model's output.</param>
public readonly record struct RunOutcome(long EventsFired, string Measure, double Value);
