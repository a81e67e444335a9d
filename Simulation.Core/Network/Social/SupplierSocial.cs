using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// One supplier as the social model sees it, owned by <see cref="Compliance"/>: its open violations,
/// hazard, exposure and chain membership (violations are a short list per supplier, not per-worker
/// entities; every draw comes from the supplier's own streams, one per purpose, so adding a programme
/// does not shift unrelated draws). Beside them it carries the few attributes every social part
/// reads, each with one writer: capability (capacity building while enrolled, the supplier's own
/// investment through <see cref="SupplierResponse"/>), risk score and segment
/// (<see cref="RiskSegmentation"/>), last detection (<see cref="CorrectiveActions"/>), inspection rate
/// and detection (<see cref="RegionEnforcement"/>), the next due time (the social clock). The parts'
/// own per-supplier state lives in the parts, indexed by <see cref="Index"/>.
/// </summary>
internal sealed class SupplierSocial
{
    public SupplierSocial(Node node, double capability, int index = 0)
    {
        Node = node;
        Capability = capability;
        StartCapability = capability;
        Index = index;
    }

    public readonly Node Node;

    /// <summary>Its position among the suppliers (definition order): the index into the parts' per-supplier arrays.</summary>
    public readonly int Index;

    /// <summary>Arrival times and categories of violations.</summary>
    public RandomStream ViolationStream = null!;

    /// <summary>False once the supplier has left the chain: its violations then stay open, unseen.</summary>
    public bool InChain = true;

    public double Capability;
    public readonly double StartCapability;
    public double RiskScore;
    public RiskSegment Segment;
    public double LastDetectionAt = double.NegativeInfinity;

    // Hazard: violations per day by category (cumulative, for the category draw) and in total.
    public double[] CumulativeHazard = [];
    public double HazardPerDay;
    public double NextViolationAt = double.PositiveInfinity;

    // Regional labour inspections: a Poisson process of this rate, each finding a violation with this probability.
    public double InspectionRatePerDay;
    public double InspectionDetection;

    public readonly List<Violation> Open = [];

    /// <summary>When the current run of time with at least one open violation began.</summary>
    public double NonCompliantSince;

    /// <summary>Workers exposed by this supplier's own violations and its time integral (worker-exposure-days).</summary>
    public LevelIntegral Exposure;

    /// <summary>The integral at the end of the warm-up.</summary>
    public double ExposureAtWarmup;

    /// <summary>The earliest pending event time; the daily tick skips the supplier until then.</summary>
    public double NextDue = double.PositiveInfinity;

    /// <summary>Labour-law enforcement at the supplier: min(1, inspections per year * inspection detection probability).</summary>
    public double Enforcement => Math.Min(1, InspectionRatePerDay * 365 * InspectionDetection);
}

/// <summary>
/// One open violation. Times are absolute days; infinity = not scheduled. Each stage has one writer:
/// category, arising and exposure compliance; the report grievances; detection, deadline, fix and
/// notice corrective actions; the certificate suspension certification.
/// </summary>
internal sealed class Violation
{
    public int Category;
    public double AriseAt;
    public double ExposedWorkers;
    public double DetectedAt = double.NaN;

    /// <summary>When the buyer or the supplier learnt of it: detection, or a grievance resolved locally.</summary>
    public double DiscoveredAt = double.NaN;
    public double GrievanceAt = double.PositiveInfinity;
    public double DeadlineAt = double.PositiveInfinity;
    public double RemediatedAt = double.PositiveInfinity;
    public double GrievanceFiledAt = double.NaN;
    public bool Overdue;

    /// <summary>Under response exit with a notice: the buyers gave notice; the deadline is now the termination day.</summary>
    public bool ExitNoticeGiven;

    /// <summary>Its detection suspended the supplier's certificate (released at the fix or when the supplier leaves).</summary>
    public bool SuspendsCertificate;

    public bool Detected => !double.IsNaN(DetectedAt);

    public double NextAt => Math.Min(RemediatedAt, Math.Min(GrievanceAt, DeadlineAt));
}

/// <summary>The per-supplier random streams of the social parts.</summary>
internal static class SupplierStreams
{
    /// <summary>One stream per supplier for <paramref name="purpose"/>, keyed by the supplier's id (so adding a supplier or a purpose shifts no other draws).</summary>
    public static RandomStream[] Create(SupplierSocial[] suppliers, StreamFactory streams, ulong purpose) =>
        Array.ConvertAll(suppliers, s => streams.Create(StableHash.Of(s.Node.Id), purpose));
}
