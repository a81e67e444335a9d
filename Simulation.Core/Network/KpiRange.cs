namespace Simulation.Core.Network;

/// <summary>
/// The values a KPI can take by its definition, e.g. [0, 1] for a fraction. A Student t interval
/// around a mean knows nothing of this: for a count that is mostly 0 it reaches below 0. Reports clip
/// the interval they show to this range; the Parquet files keep the raw interval (docs/outputs.md).
/// </summary>
/// <param name="Minimum">The smallest possible value.</param>
/// <param name="Maximum">The largest possible value; positive infinity when there is no upper bound.</param>
public readonly record struct KpiRange(double Minimum, double Maximum)
{
    /// <summary>Counts, amounts of money, units, days: 0 or more, no upper bound.</summary>
    public static KpiRange NonNegative { get; } = new(0, double.PositiveInfinity);

    /// <summary>A fraction or share, [0, 1].</summary>
    public static KpiRange Fraction { get; } = new(0, 1);

    /// <summary>An index on a 0-100 scale.</summary>
    public static KpiRange Index100 { get; } = new(0, 100);

    /// <summary>
    /// The range a unit implies: <c>fraction</c> and <c>0..1</c> are [0, 1], <c>0-100</c> is [0, 100],
    /// every other unit is 0 or more. A KPI that can be negative (a net balance, say) must say so with
    /// <see cref="Kpi.Range"/>; none of today's can.
    /// </summary>
    /// <param name="unit">A KPI unit as in <see cref="KpiCatalog"/>.</param>
    /// <returns>The range.</returns>
    public static KpiRange ForUnit(string unit) => unit switch
    {
        "fraction" or "0..1" => Fraction,
        "0-100" => Index100,
        _ => NonNegative,
    };

    /// <summary>Moves <paramref name="value"/> into the range; NaN stays NaN (an interval that is not defined).</summary>
    /// <param name="value">A value, e.g. a confidence bound.</param>
    /// <returns>The nearest value in the range, or NaN.</returns>
    public double Clamp(double value) => double.IsNaN(value) ? value : Math.Clamp(value, Minimum, Maximum);

    /// <summary>A confidence interval as reports show it: both bounds moved into the range.</summary>
    /// <param name="low">The raw lower bound (NaN when undefined).</param>
    /// <param name="high">The raw upper bound (NaN when undefined).</param>
    /// <returns>The clipped bounds.</returns>
    public (double Low, double High) Clip(double low, double high) => (Clamp(low), Clamp(high));
}
