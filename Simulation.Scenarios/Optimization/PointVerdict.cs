using System.Globalization;
using Simulation.Core.Optimization;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// Judges a simulated point against today's mix and the caps (docs/optimizer.md, "Flags"):
/// <code>
///   difference_k       = paired difference point - today, mean and 95% CI (same random numbers)
///   breaks cap k       = simulated 95% CI of k lies above the cap (low > cap)
///   worse than today   = for the objective or a capped KPI, the paired CI lies above 0 (low > 0); a
///                        continuity cap (CVaR) judges the mean shortfall too, the steadier figure of the two
/// </code>
/// A point with either flag is not a safe recommendation, and every output says so first.
/// </summary>
public static class PointVerdict
{
    /// <summary>The point with its paired differences from today's mix and its flags.</summary>
    public static OptimizedPoint Judge(OptimizedPoint point, OptimizedPoint baseline, SourcingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(settings);
        if (point.Simulated is not { } simulated || baseline.Simulated is not { } today)
        {
            return point;
        }

        var differences = SourcingKpis.All.ToDictionary(k => k, k => SimulatedRisk.PairedDifference(simulated, today, k, settings.CvarAlpha));
        var broken = settings.Caps
            .Where(c => simulated.Kpis[c.Key].Ci95Low > c.Value)
            .Select(c => c.Key)
            .OrderBy(k => k)
            .ToList();
        // A CVaR cap asks for continuity; its simulated tail rests on few outcomes, so the mean
        // shortfall (every outcome) is judged with it.
        var continuity = settings.Caps.ContainsKey(SourcingKpi.Cvar) ? new[] { SourcingKpi.Shortfall } : [];
        var judged = new[] { settings.Objective }.Concat(settings.Caps.Keys).Concat(continuity).Distinct();
        var worse = judged.Where(k => differences[k].Ci95Low > 0).OrderBy(k => k).ToList();
        return point with { Differences = differences, BrokenCaps = broken, WorseThanBaseline = worse };
    }

    /// <summary>What is wrong with a flagged point, in words: <c>breaks --max-cvar 0.07 (simulated 0.36 [0.28, 0.44]); is worse than today's mix on shortfall (+0.29 [0.21, 0.37])</c>.</summary>
    public static string Describe(OptimizedPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var parts = new List<string>();
        foreach (var kpi in point.BrokenCaps)
        {
            var s = point.Simulated!.Kpis[kpi];
            parts.Add(Invariant($"breaks its cap {CapName(kpi)} (simulated {s.Mean:G3} [{s.Ci95Low:G3}, {s.Ci95High:G3}])"));
        }

        foreach (var kpi in point.WorseThanBaseline)
        {
            var d = point.Differences[kpi];
            parts.Add($"is worse than today's mix on {SourcingKpis.Name(kpi)} ({WithSign(d.Mean)} [{WithSign(d.Ci95Low)}, {WithSign(d.Ci95High)}])");
        }

        return string.Join("; ", parts);
    }

    /// <summary>A difference with its sign, three significant figures.</summary>
    public static string WithSign(double value) => (value >= 0 ? "+" : "") + value.ToString("G3", CultureInfo.InvariantCulture);

    private static string CapName(SourcingKpi kpi) => kpi == SourcingKpi.Cvar ? "--max-cvar" : "--cap " + SourcingKpis.Name(kpi);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
