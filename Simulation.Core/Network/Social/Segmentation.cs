// Mechanism 9, risk-based segmentation (docs/architecture.md; docs/model.md).
//
//   score = 0.25 * region + 0.15 * tier + 0.15 * size + 0.25 * (1 - capability) + 0.20 * history, in [0, 1]
//     region  = 1 - min(1, inspections per supplier-year * inspection detection probability)
//     tier    = min(1, (tier - 1) / 3)           size = micro 1, small 2/3, medium 1/3, large 0
//     history = 1 if a violation was detected at the supplier in the last 365 days, else 0
//   method expected_harm (likelihood x severity, OECD Due Diligence Guidance for Responsible Business Conduct, 2018):
//     h = sum_c lambda_c * workers * exposed_worker_share_c   (the hazard of Compliance.cs with every driver:
//         capability, enforcement, purchasing pressure, certification), score = h / max over the chain of h
//   segment = high if score >= high_threshold, medium if >= medium_threshold, else low; recomputed at
//   every review. The segment sets audit intervals and capacity-building targeting (engagement).
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Risk-based segmentation: scores each supplier and sets its segment at every social review (the
/// score and segment live on the supplier's <see cref="SupplierSocial"/>, written only here), and
/// decides whether a supplier is in a programme's or policy's target. Reads the supplier's region
/// enforcement, tier, size, capability and detection history; changes nothing else.
/// </summary>
internal sealed class RiskSegmentation(SegmentationDefinition segmentation)
{
    private const double DaysPerYear = 365;

    /// <summary>Scores the supplier as of <paramref name="now"/> and sets its segment.</summary>
    public void Update(SupplierSocial s, double now)
    {
        double enforcement = s.Enforcement;
        double history = now - s.LastDetectionAt <= DaysPerYear ? 1 : 0;
        s.RiskScore = RiskScore(enforcement, s.Node.Tier, s.Node.Definition.Size, s.Capability, history);
        s.Segment = SegmentOf(s.RiskScore, segmentation);
    }

    /// <summary>Whether scores come from the expected harm (set by <see cref="RescoreByExpectedHarm"/> after the hazards).</summary>
    public bool ByExpectedHarm => segmentation.Method == RiskScoreMethod.ExpectedHarm;

    /// <summary>
    /// With method expected_harm: scores every supplier in the chain by its expected new worker exposure per
    /// day (its current hazard by category times the workers each exposes), relative to the largest, and sets
    /// the segments. Call after the hazards are set. No-op for the indicator score.
    /// </summary>
    public void RescoreByExpectedHarm(IReadOnlyList<SupplierSocial> suppliers, double[] categoryExposure)
    {
        if (!ByExpectedHarm)
        {
            return;
        }

        double largest = 0;
        foreach (var s in suppliers)
        {
            double previous = 0;
            double harm = 0;
            for (int k = 0; k < s.CumulativeHazard.Length; k++)
            {
                harm += (s.CumulativeHazard[k] - previous) * s.Node.Definition.Workers * categoryExposure[k];
                previous = s.CumulativeHazard[k];
            }

            s.RiskScore = s.InChain ? harm : 0;
            largest = Math.Max(largest, s.RiskScore);
        }

        foreach (var s in suppliers)
        {
            s.RiskScore = largest > 0 ? s.RiskScore / largest : 0;
            s.Segment = SegmentOf(s.RiskScore, segmentation);
        }
    }

    /// <summary>The segmentation score (header formula); <paramref name="enforcement"/> = min(1, inspections per year x detection probability).</summary>
    public static double RiskScore(double enforcement, int tier, SizeClass size, double capability, double history)
    {
        double region = 1 - enforcement;
        double tierScore = Math.Min(1, Math.Max(0, tier - 1) / 3.0);
        double sizeScore = size switch
        {
            SizeClass.Micro => 1,
            SizeClass.Small => 2 / 3.0,
            SizeClass.Medium => 1 / 3.0,
            _ => 0,
        };
        return (0.25 * region) + (0.15 * tierScore) + (0.15 * sizeScore) + (0.25 * (1 - capability)) + (0.2 * history);
    }

    /// <summary>The segment of a score.</summary>
    public static RiskSegment SegmentOf(double score, SegmentationDefinition segmentation) =>
        score >= segmentation.HighThreshold
            ? RiskSegment.High
            : score >= segmentation.MediumThreshold ? RiskSegment.Medium : RiskSegment.Low;

    /// <summary>Whether the supplier is in <paramref name="target"/> now (its segment as of the last review).</summary>
    public static bool Matches(SupplierTarget target, SupplierSocial s)
    {
        var d = s.Node.Definition;
        if (d.Tier < target.MinTier || d.Tier > target.MaxTier)
        {
            return false;
        }

        if (target.Sizes.Count > 0 && !Contains(target.Sizes, d.Size))
        {
            return false;
        }

        if (target.Segments.Count > 0 && !Contains(target.Segments, s.Segment))
        {
            return false;
        }

        if (target.Regions.Count > 0 && !ContainsText(target.Regions, d.RegionId))
        {
            return false;
        }

        return target.Suppliers.Count == 0 || ContainsText(target.Suppliers, d.Id);
    }

    /// <summary>Whether <paramref name="list"/> holds <paramref name="value"/> (no LINQ, no boxing).</summary>
    public static bool Contains<T>(IReadOnlyList<T> list, T value)
        where T : struct, Enum
    {
        // An index loop: foreach over the interface boxes an enumerator on every call.
        for (int i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="list"/> holds <paramref name="value"/>, compared ordinally.</summary>
    public static bool ContainsText(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
