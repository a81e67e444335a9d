using System.Globalization;

namespace Simulation.Cli.Rendering;

/// <summary>
/// Numbers as people read them in a KPI table: invariant culture, three significant figures for large
/// values with an SI suffix (k, M, G) so a row fits an 80-column terminal. Exact values are in Parquet.
/// </summary>
internal static class NumberFormat
{
    public static string Compact(double value)
    {
        if (double.IsNaN(value))
        {
            return "-";
        }

        double magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 1e9 => Scaled(value / 1e9, "G"),
            >= 1e6 => Scaled(value / 1e6, "M"),
            >= 1e4 => Scaled(value / 1e3, "k"),
            >= 100 => value.ToString("N1", CultureInfo.InvariantCulture),
            >= 1 => value.ToString("N2", CultureInfo.InvariantCulture),
            _ => value.ToString("0.###", CultureInfo.InvariantCulture),
        };
    }

    private static string Scaled(double value, string suffix) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : Math.Abs(value) >= 10 ? "N1" : "N2", CultureInfo.InvariantCulture) + " " + suffix;
}
