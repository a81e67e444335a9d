using System.Globalization;
using Simulation.Core.Network.Definitions;

namespace Simulation.Scenarios.Experiments;

/// <summary>An alert's condition in words, for tables and reports: <c>open_violations &gt; 20</c>, <c>supplier_exits &gt; 0 (tier 3)</c>.</summary>
public static class AlertText
{
    /// <summary>The condition of <paramref name="alert"/>, with its filter.</summary>
    public static string Condition(AlertDefinition alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        string op = alert.Comparison switch
        {
            AlertComparison.Above => ">",
            AlertComparison.AtLeast => ">=",
            AlertComparison.Below => "<",
            _ => "<=",
        };
        string text = string.Create(CultureInfo.InvariantCulture, $"{alert.Metric} {op} {alert.Threshold}");
        if (alert.Source == AlertSource.Kpi)
        {
            text += " (KPI)";
        }

        var f = alert.Filter;
        var parts = new List<string>();
        if (f.MinTier > 1 || f.MaxTier < int.MaxValue)
        {
            parts.Add(f.MinTier == f.MaxTier
                ? string.Create(CultureInfo.InvariantCulture, $"tier {f.MinTier}")
                : f.MaxTier == int.MaxValue
                    ? string.Create(CultureInfo.InvariantCulture, $"tier >= {f.MinTier}")
                    : string.Create(CultureInfo.InvariantCulture, $"tiers {f.MinTier}-{f.MaxTier}"));
        }

        if (f.Sizes.Count > 0)
        {
            parts.Add(string.Join('/', f.Sizes.Select(s => s.ToString().ToLowerInvariant())));
        }

        if (f.Regions.Count > 0)
        {
            parts.Add(string.Join('/', f.Regions));
        }

        if (f.Suppliers.Count > 0)
        {
            parts.Add(string.Join('/', f.Suppliers));
        }

        return parts.Count > 0 ? text + " (" + string.Join(", ", parts) + ")" : text;
    }
}
