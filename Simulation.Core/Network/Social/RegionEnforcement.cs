// Time-phased labour-law enforcement (DESIGN.md section 5, "time-phased levers"; docs/model.md#time-phased).
//
//   a region's labour_inspections_per_supplier_year and inspection_detection_probability may follow a
//   schedule (RegionDefinition.LabourInspectionsChanges, InspectionDetectionChanges). A change on day d
//   applies at the end of day ceil(d), after that day's social events (all at times <= ceil(d)): from then
//   on each supplier of the region is inspected at the new rate (its next inspection redrawn from now,
//   exact because the Poisson process is memoryless) and finds violations with the new probability; the
//   hazard's enforcement factor and the risk score follow at the next social review. Nothing before the
//   change is touched, so every output before it is the same bytes as without the schedule.
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// The regions' enforcement timelines: owns one <see cref="ParameterTimeline{T}"/> per scheduled region
/// parameter and sets the inspection rate and detection probability of the region's suppliers when a
/// change is due. No cost without schedules.
/// </summary>
internal sealed class RegionEnforcement
{
    private const double DaysPerYear = 365;

    private readonly ParameterTimeline<double>?[] _inspections;
    private readonly ParameterTimeline<double>?[] _detection;
    private readonly Detection _schedule;
    private double _nextChange = double.PositiveInfinity;

    /// <exception cref="ArgumentException">A scheduled value is out of range.</exception>
    /// <param name="regions">The regions, with their schedules.</param>
    /// <param name="detection">Detection, which redraws a supplier's next inspection when its rate changes.</param>
    public RegionEnforcement(IReadOnlyList<RegionDefinition> regions, Detection detection)
    {
        _schedule = detection;
        _inspections = new ParameterTimeline<double>?[regions.Count];
        _detection = new ParameterTimeline<double>?[regions.Count];
        for (int r = 0; r < regions.Count; r++)
        {
            var region = regions[r];
            foreach (var change in region.LabourInspectionsChanges.Concat(region.InspectionDetectionChanges))
            {
                if (!(change.Value >= 0) || !double.IsFinite(change.Value))
                {
                    throw NetworkModel.Invalid($"Region '{region.Id}': an enforcement change on day {change.Day} needs a finite value >= 0, got {change.Value}.");
                }
            }

            if (region.InspectionDetectionChanges.Any(c => c.Value > 1))
            {
                throw NetworkModel.Invalid($"Region '{region.Id}': inspection detection probabilities must be in [0, 1].");
            }

            if (region.LabourInspectionsChanges.Count > 0)
            {
                _inspections[r] = new ParameterTimeline<double>(region.LabourInspectionsPerSupplierYear, region.LabourInspectionsChanges);
            }

            if (region.InspectionDetectionChanges.Count > 0)
            {
                _detection[r] = new ParameterTimeline<double>(region.InspectionDetectionProbability, region.InspectionDetectionChanges);
            }
        }

        _nextChange = NextChangeAfter(double.NegativeInfinity);
    }

    /// <summary>
    /// At the end of day <paramref name="now"/>, after its social events: applies every change due by
    /// then to the suppliers in the chain.
    /// </summary>
    public void ApplyDue(double now, IReadOnlyList<SupplierSocial> suppliers)
    {
        if (now < _nextChange)
        {
            return;
        }

        foreach (var s in suppliers)
        {
            int r = s.Node.Region;
            if (!s.InChain || (_inspections[r] is null && _detection[r] is null))
            {
                continue;
            }

            double rate = (_inspections[r]?.ValueAt(now) ?? (s.InspectionRatePerDay * DaysPerYear)) / DaysPerYear;
            double detection = _detection[r]?.ValueAt(now) ?? s.InspectionDetection;
            if (rate == s.InspectionRatePerDay && detection == s.InspectionDetection)
            {
                continue;
            }

            s.InspectionRatePerDay = rate;
            s.InspectionDetection = detection;
            _schedule.RescheduleInspection(s, now);
        }

        _nextChange = NextChangeAfter(now);
    }

    private double NextChangeAfter(double t)
    {
        double next = double.PositiveInfinity;
        for (int r = 0; r < _inspections.Length; r++)
        {
            next = Math.Min(next, Math.Min(_inspections[r]?.NextChangeAfter(t) ?? double.PositiveInfinity, _detection[r]?.NextChangeAfter(t) ?? double.PositiveInfinity));
        }

        return next;
    }
}
