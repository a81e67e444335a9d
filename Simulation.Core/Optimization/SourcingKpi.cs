namespace Simulation.Core.Optimization;

/// <summary>
/// A quantity the sourcing optimizer can minimise or cap. Every one is per unit of buyer demand, so a
/// cap reads the same whatever the network's size (docs/optimizer.md gives each formula).
/// </summary>
public enum SourcingKpi
{
    /// <summary>Landed cost per unit: price, transport, certification premium, expected compliance cost and relationship costs (currency/unit).</summary>
    Cost,

    /// <summary>CO2e per unit through the whole chain, transport included (kg CO2e/unit).</summary>
    Co2e,

    /// <summary>Water per unit through the whole chain (L/unit).</summary>
    Water,

    /// <summary>Expected worker-exposure-days per unit through the whole chain (<see cref="SocialRiskEstimate"/>).</summary>
    SocialRisk,

    /// <summary>Expected share of demand lost to disruptions, averaged over the disruption scenarios (fraction).</summary>
    Shortfall,

    /// <summary>Conditional value at risk of the shortfall share at the level alpha: the mean of the worst (1 - alpha) of scenarios.</summary>
    Cvar,
}

/// <summary>Names and units of <see cref="SourcingKpi"/> as the command line and outputs spell them.</summary>
public static class SourcingKpis
{
    /// <summary>Every KPI, in output order.</summary>
    public static IReadOnlyList<SourcingKpi> All { get; } =
        [SourcingKpi.Cost, SourcingKpi.Co2e, SourcingKpi.Water, SourcingKpi.SocialRisk, SourcingKpi.Shortfall, SourcingKpi.Cvar];

    /// <summary>The command-line and column name: <c>cost</c>, <c>co2e</c>, <c>water</c>, <c>social</c>, <c>shortfall</c>, <c>cvar</c>.</summary>
    public static string Name(SourcingKpi kpi) => kpi switch
    {
        SourcingKpi.Cost => "cost",
        SourcingKpi.Co2e => "co2e",
        SourcingKpi.Water => "water",
        SourcingKpi.SocialRisk => "social",
        SourcingKpi.Shortfall => "shortfall",
        SourcingKpi.Cvar => "cvar",
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI."),
    };

    /// <summary>The unit, for tables and chart axes.</summary>
    public static string Unit(SourcingKpi kpi) => kpi switch
    {
        SourcingKpi.Cost => "currency/unit",
        SourcingKpi.Co2e => "kg CO2e/unit",
        SourcingKpi.Water => "L/unit",
        SourcingKpi.SocialRisk => "exposure-days/unit",
        SourcingKpi.Shortfall or SourcingKpi.Cvar => "fraction of demand",
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI."),
    };

    /// <summary>The values the KPI can take: shortfall and its CVaR are fractions, the others 0 or more (reports clip CIs to it).</summary>
    public static Network.KpiRange Range(SourcingKpi kpi) =>
        kpi is SourcingKpi.Shortfall or SourcingKpi.Cvar ? Network.KpiRange.Fraction : Network.KpiRange.NonNegative;

    /// <summary>Parses a name as <see cref="Name"/> spells it (ordinal, case-insensitive).</summary>
    /// <returns>True when <paramref name="name"/> is a KPI name.</returns>
    public static bool TryParse(string name, out SourcingKpi kpi)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kpi = candidate;
                return true;
            }
        }

        kpi = default;
        return false;
    }
}
