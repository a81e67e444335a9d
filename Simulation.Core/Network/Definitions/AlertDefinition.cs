namespace Simulation.Core.Network.Definitions;

/// <summary>What an alert watches.</summary>
public enum AlertSource
{
    /// <summary>A metric of the time series (<see cref="TimeSeriesCatalog"/>), row by row: fires on the first row that crosses.</summary>
    TimeSeries,

    /// <summary>A KPI (<see cref="KpiCatalog"/>) of the replication: fires when its value crosses; no first day.</summary>
    Kpi,

    /// <summary>
    /// Supplier exits among the suppliers matching the filter: the running count of exits by day;
    /// fires on the day of the exit that makes the count cross.
    /// </summary>
    SupplierExits,

    /// <summary>
    /// A flow of the supplier outcomes (<c>suppliers.parquet</c>) summed over the suppliers matching
    /// the filter (<c>worker_exposure_days</c>, <c>units_produced</c>, ...): fires when the sum crosses; no first day.
    /// </summary>
    Suppliers,
}

/// <summary>How an alert compares its metric with the threshold.</summary>
public enum AlertComparison
{
    /// <summary>value &gt; threshold.</summary>
    Above,

    /// <summary>value &gt;= threshold.</summary>
    AtLeast,

    /// <summary>value &lt; threshold.</summary>
    Below,

    /// <summary>value &lt;= threshold.</summary>
    AtMost,
}

/// <summary>
/// An early-warning threshold (DESIGN.md section 8): "open violations above 20", "fill rate below
/// 0.95", "any tier-3 exit". Evaluated on each replication's outputs after the run, over the measured
/// period [warm-up, horizon]; the run reports the share of replications in which it fired and the
/// distribution of the first day it fired.
/// </summary>
public sealed record AlertDefinition
{
    /// <summary>Unique id, used in column names (<c>alert_&lt;id&gt;_fired</c>).</summary>
    public required string Id { get; init; }

    /// <summary>What is watched.</summary>
    public required AlertSource Source { get; init; }

    /// <summary>The metric's name: a time-series metric, a KPI, or a supplier-outcome flow (unused for exits).</summary>
    public required string Metric { get; init; }

    /// <summary>The comparison.</summary>
    public AlertComparison Comparison { get; init; } = AlertComparison.Above;

    /// <summary>The threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>Which suppliers count (exits and supplier flows only); <see cref="SupplierTarget.All"/> by default.</summary>
    public SupplierTarget Filter { get; init; } = SupplierTarget.All;

    /// <summary>Whether <paramref name="value"/> crosses the threshold.</summary>
    public bool Crosses(double value) => Comparison switch
    {
        AlertComparison.Above => value > Threshold,
        AlertComparison.AtLeast => value >= Threshold,
        AlertComparison.Below => value < Threshold,
        _ => value <= Threshold,
    };
}
