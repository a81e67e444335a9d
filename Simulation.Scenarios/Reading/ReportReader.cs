using System.Globalization;
using Simulation.Core.Network;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Reporting;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Reading;

/// <summary>Reads and checks the scenario's <c>report</c> section: KPI names must exist, targets must parse.</summary>
internal static class ReportReader
{
    public static ReportSettings Read(MapReader root)
    {
        MapReader? report = root.Object("report");
        if (report is null)
        {
            return ReportSettings.Default;
        }

        var headline = report.Texts("headline");
        if (report.Has("headline") && headline.Count is 0 or > ReportFormat.MaxHeadline)
        {
            report.Errors.Inconsistent(report.At("headline"), report.FieldPathOf("headline"),
                InvariantText.Format($"expected 1 to {ReportFormat.MaxHeadline} KPI names, got {headline.Count}"));
        }

        foreach (string kpi in headline)
        {
            CheckKpi(report, report.At("headline"), "headline", kpi);
        }

        var targets = new Dictionary<string, KpiTarget>(StringComparer.Ordinal);
        foreach (var (key, value) in report.TextMap("targets"))
        {
            string field = FieldPath.Child(report.FieldPathOf("targets"), key.Value);
            if (!CheckKpi(report, key, "targets", key.Value))
            {
                continue;
            }

            if (ParseTarget(value.Value) is { } target)
            {
                targets[key.Value] = target;
            }
            else
            {
                report.Errors.WrongType(value, field, "a target \">= number\" or \"<= number\" (quoted), e.g. \">= 0.95\"");
            }
        }

        string currency = report.Text("currency") is { Length: > 0 } text ? text.Trim() : ReportSettings.Default.Currency;
        return new ReportSettings([.. headline.Distinct(StringComparer.Ordinal)], targets, currency);
    }

    /// <summary>Parses <c>&gt;= 0.95</c> or <c>&lt;= 5</c> (invariant culture); null when it is neither.</summary>
    internal static KpiTarget? ParseTarget(string text)
    {
        string t = text.Trim();
        TargetDirection? direction = t.StartsWith(">=", StringComparison.Ordinal) ? TargetDirection.AtLeast
            : t.StartsWith("<=", StringComparison.Ordinal) ? TargetDirection.AtMost
            : null;
        return direction is { } d
            && double.TryParse(t[2..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double bound)
            && double.IsFinite(bound)
            ? new KpiTarget(d, bound)
            : null;
    }

    private static bool CheckKpi(MapReader report, SNode at, string key, string kpi)
    {
        if (KpiCatalog.IndexOf(kpi) >= 0)
        {
            return true;
        }

        report.Errors.UnknownReference(at, report.FieldPathOf(key), "KPI", kpi, KpiCatalog.All.Select(k => k.Name));
        return false;
    }
}
