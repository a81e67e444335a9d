using System.Globalization;

namespace Simulation.Scenarios.Reporting;

/// <summary>
/// The one number format of tables, reports and charts: three significant figures, k / M / G above
/// ten thousand, never scientific notation, invariant culture, trailing zeros dropped (so a row
/// never reads "1 .. 1.00"). Values within 1e-12 of zero (rounding noise such as 1.11e-16) print as 0.
/// Exact values are in the Parquet files.
/// </summary>
public static class NumberText
{
    private const double Noise = 1e-12;

    /// <summary>The value in at most three significant figures, e.g. 0.938, 4.79, 596, 3,428, 41.3 k, 2.97 M.</summary>
    public static string Compact(double value)
    {
        if (!double.IsFinite(value))
        {
            return "-";
        }

        double magnitude = Math.Abs(value);
        return magnitude switch
        {
            < Noise => "0",
            >= 1e9 => Significant(value / 1e9) + " G",
            >= 1e6 => Significant(value / 1e6) + " M",
            >= 1e4 => Significant(value / 1e3) + " k",
            >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
            _ => Significant(value),
        };
    }

    /// <summary>A value of magnitude below 1000 in three significant figures, trailing zeros dropped.</summary>
    private static string Significant(double value)
    {
        int decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 12);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        string text = rounded.ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
