using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Evaluates a scenario's alerts (DESIGN.md section 8) on one replication's outputs, over the
/// measured period [warm-up, horizon]:
/// <list type="bullet">
/// <item>time-series metric: the rows with day &gt;= warm-up in order; it fires on the first row whose value
/// crosses the threshold, and that row's day is the first day (the same rows as timeseries.parquet, so a
/// count over that file reproduces it);</item>
/// <item>supplier exits: the running count of exits (day &gt;= warm-up) of the suppliers matching the filter,
/// starting at 0 at the warm-up; it fires at the first count that crosses;</item>
/// <item>KPI or supplier flow (summed over the matching suppliers): the end-of-run value; no first day.</item>
/// </list>
/// </summary>
internal static class AlertEvaluator
{
    public static AlertOutcome[] Evaluate(NetworkDefinition definition, NetworkRunResult result)
    {
        var alerts = definition.Alerts;
        var outcomes = new AlertOutcome[alerts.Count];
        for (int i = 0; i < alerts.Count; i++)
        {
            outcomes[i] = Evaluate(alerts[i], definition.WarmupDays, result);
        }

        return outcomes;
    }

    private static AlertOutcome Evaluate(AlertDefinition alert, double warmup, NetworkRunResult result) => alert.Source switch
    {
        AlertSource.TimeSeries => OnSeries(alert, warmup, result.Daily),
        AlertSource.SupplierExits => OnExits(alert, warmup, result.Suppliers),
        AlertSource.Kpi => new AlertOutcome(alert.Id, alert.Crosses(result.Kpi(alert.Metric)), null),
        _ => new AlertOutcome(alert.Id, alert.Crosses(SupplierFlow(alert, result.Suppliers)), null),
    };

    private static AlertOutcome OnSeries(AlertDefinition alert, double warmup, TimeSeries series)
    {
        var column = series.Column(alert.Metric);
        var days = series.Days;
        for (int row = 0; row < days.Count; row++)
        {
            if (days[row] >= warmup && alert.Crosses(column[row]))
            {
                return new AlertOutcome(alert.Id, true, days[row]);
            }
        }

        return new AlertOutcome(alert.Id, false, null);
    }

    private static AlertOutcome OnExits(AlertDefinition alert, double warmup, IReadOnlyList<SupplierOutcome> suppliers)
    {
        if (alert.Crosses(0))
        {
            return new AlertOutcome(alert.Id, true, warmup);
        }

        var exitDays = new List<double>();
        foreach (var s in suppliers)
        {
            if (s.ExitDay is double day && day >= warmup && Matches(alert.Filter, s))
            {
                exitDays.Add(day);
            }
        }

        exitDays.Sort();
        for (int i = 0; i < exitDays.Count; i++)
        {
            if (alert.Crosses(i + 1))
            {
                return new AlertOutcome(alert.Id, true, exitDays[i]);
            }
        }

        return new AlertOutcome(alert.Id, false, null);
    }

    private static double SupplierFlow(AlertDefinition alert, IReadOnlyList<SupplierOutcome> suppliers)
    {
        double sum = 0;
        foreach (var s in suppliers)
        {
            if (Matches(alert.Filter, s))
            {
                sum += SupplierFlowNames.Value(alert.Metric, s);
            }
        }

        return sum;
    }

    private static bool Matches(SupplierTarget filter, SupplierOutcome s) =>
        s.Tier >= filter.MinTier && s.Tier <= filter.MaxTier
        && (filter.Sizes.Count == 0 || filter.Sizes.Contains(s.Size))
        && (filter.Regions.Count == 0 || filter.Regions.Contains(s.RegionId, StringComparer.Ordinal))
        && (filter.Suppliers.Count == 0 || filter.Suppliers.Contains(s.Id, StringComparer.Ordinal));
}

/// <summary>The flows of <see cref="SupplierOutcome"/> an alert may sum over a filter, by their column names in suppliers.parquet.</summary>
public static class SupplierFlowNames
{
    /// <summary>The names, in column order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "units_produced", "revenue", "liquidity_stress_days", "disrupted_days", "units_to_buyers", "landed_cost", "worker_exposure_days",
    ];

    internal static double Value(string name, SupplierOutcome s) => name switch
    {
        "units_produced" => s.UnitsProduced,
        "revenue" => s.Revenue,
        "liquidity_stress_days" => s.LiquidityStressDays,
        "disrupted_days" => s.DisruptedDays,
        "units_to_buyers" => s.UnitsToBuyers,
        "landed_cost" => s.LandedCost,
        "worker_exposure_days" => s.WorkerExposureDays,
        _ => throw new ArgumentException($"No supplier flow is named '{name}'.", nameof(name)),
    };
}
