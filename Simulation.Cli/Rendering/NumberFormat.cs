using Simulation.Scenarios.Reporting;

namespace Simulation.Cli.Rendering;

/// <summary>Numbers in console tables: the same format as the report and charts (<see cref="NumberText"/>).</summary>
internal static class NumberFormat
{
    public static string Compact(double value) => NumberText.Compact(value);
}
