using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Core.Optimization.Internal;
using Simulation.Core.Randomness;
using Simulation.Core.Statistics;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Optimization;

/// <summary>With a social section, the estimate is the compliance mechanisms' own expectation (Little's law).</summary>
public sealed class SocialRiskEstimateTests
{
    private const int Suppliers = 20;
    private const double Capacity = 10;
    private const int Workers = 50;

    /// <summary>
    /// Twenty suppliers at capacity (each asked for exactly its 10 units a day), capability 0.5, in a
    /// region with 2 inspections a year finding a violation with probability 0.5; an audit programme
    /// every 90 days (detection 0.4); grievances escalated (capability below local resolution) at 3
    /// reports a violation-year x trust 0.5; remediation 20 days; one category (20 a year, 60% of the
    /// workers exposed); no purchasing pressure.
    /// </summary>
    private static NetworkDefinition SteadyState(double horizon, double warmup)
    {
        var builder = new Network.NetworkBuilder(horizon, warmup);
        var sources = new SourceLink[Suppliers];
        for (int i = 0; i < Suppliers; i++)
        {
            string id = "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Supplier(id, capacityPerDay: Capacity, configure: n => n with { Workers = Workers, Capability = 0.5, Size = SizeClass.Large });
            sources[i] = From(id, 1.0 / Suppliers);
        }

        builder.Buyer("b", DailyDemand(Suppliers * Capacity), BaseStock(Suppliers * Capacity * 2), initialStock: Suppliers * Capacity * 2, sources);
        var social = new SocialDefinition
        {
            Compliance = new ComplianceDefinition
            {
                Categories = [new ViolationCategoryDefinition(ViolationCategory.OccupationalSafety, 20, 0.6)],
                CapabilityReduction = 0.8,
                EnforcementDeterrence = 0.5,
                UtilisationWeight = 0,
                LiquidityStressWeight = 0,
                SqueezeWeight = 0,
                RemediationDays = Distribution.Constant(20),
            },
            CorrectiveActions = new CorrectiveActionDefinition { DeadlineDays = 1e6 },
            Grievances = new GrievanceMechanismDefinition { ReportsPerViolationYear = 3, Trust = 0.5, LocalResolutionCapability = 0.9 },
            AuditProgrammes =
            [
                new AuditProgrammeDefinition { Id = "a", Buyers = ["b"], DetectionProbability = 0.4, IntervalDaysHigh = 90, IntervalDaysMedium = 90, IntervalDaysLow = 90 },
            ],
        };
        var definition = builder.Build();
        return definition with
        {
            Regions = [new RegionDefinition { Id = "r", LabourInspectionsPerSupplierYear = 2, InspectionDetectionProbability = 0.5 }],
            Social = social,
        };
    }

    /// <summary>
    /// Mean time to detection by audits every I days at a uniform phase, each finding the violation with
    /// probability p, and Poisson channels of rate nu (integrating the survival over each audit period):
    /// E[T] = (1 - E) / nu + (1 - p) E (1 - e^(-nu I)) / (nu (1 - (1 - p) e^(-nu I))),  E = (1 - e^(-nu I)) / (nu I).
    /// </summary>
    private static double TimeToDetection(double nu, double interval, double p)
    {
        double e = -double.ExpM1(-nu * interval) / (nu * interval);
        double decay = Math.Exp(-nu * interval);
        return ((1 - e) / nu) + ((1 - p) * e * (1 - decay) / (nu * (1 - ((1 - p) * decay))));
    }

    [Theory]
    [InlineData(365, 0.5, 60, 1095, 1 - ((1095 - 365) / 1035.0 * 0.5))]   // smart-mix: in force for 730 of 1,035 days
    [InlineData(0, 0.5, 60, 1095, 0.5)]                                  // in force throughout
    [InlineData(2000, 0.5, 60, 1095, 1)]                                 // never in force
    public void AuditIntervals_ShrinkByTheLawsFactor_ForTheShareOfTheWindowItIsInForce(double start, double factor, double warmup, double horizon, double expected) =>
        Assert.Equal(expected, ComplianceExpectation.MeanAuditIntervalFactor(new DueDiligenceDefinition { StartDay = start, AuditIntervalFactor = factor }, warmup, horizon), 12);

    [Fact]
    public void MeanTimeToDetection_MatchesTheClosedFormForOneAuditProgrammeAndPoissonChannels()
    {
        // As nu -> 0 the closed form tends to I / 2 + I (1 - p) / p (SocialClosedFormTests).
        const double interval = 90, p = 0.4;
        double nu = (2 / 365.0 * 0.5) + (3 * 0.5 / 365);

        Assert.Equal(TimeToDetection(nu, interval, p), ComplianceExpectation.MeanTimeToDetection(nu, [(interval, 1 - p)], 1e5), 6);
        Assert.Equal((interval / 2) + (interval * (1 - p) / p), ComplianceExpectation.MeanTimeToDetection(0, [(interval, 1 - p)], 1e5), 6);
        Assert.Equal(1 / nu, ComplianceExpectation.MeanTimeToDetection(nu, [], 1e9), 9);
    }

    [Fact]
    public void OwnPerUnit_IsHazardTimesExposedWorkersTimesDaysOpen_OverCapacity()
    {
        var estimate = new SocialRiskEstimate(SteadyState(3000, 300));

        // lambda = 20 / 365 x (1 - 0.8 x 0.5) x (1 - 0.5 x min(1, 2 x 0.5)); days open = E[T] + 20.
        double toDetection = TimeToDetection((2 / 365.0 * 0.5) + (3 * 0.5 / 365), 90, 0.4);
        double lambda = 20 / 365.0 * 0.6 * 0.5;
        double expected = lambda * Workers * 0.6 * (toDetection + 20) / Capacity;

        Assert.Equal(expected, estimate.OwnPerUnit("s0", 0.5), 6);
        Assert.Equal(expected, estimate.PerUnit("s0"), 6);
        Assert.True(estimate.OwnPerUnit("s0", 0.9) < expected * 0.5, "capability cuts the hazard");
    }

    [Fact]
    public void Prediction_MatchesTheSimulatedExposurePerUnit_AtCapacityInSteadyState()
    {
        // The estimate is exact for this network up to the simulation's noise: Poisson arrivals at a
        // constant hazard, every channel as the estimate models it, suppliers working at capacity. The
        // tolerance is 4 standard errors of the mean over replications (about 3% here) plus 1% for the
        // estimate's own approximations (the phase of audits relative to a violation is uniform only on
        // average, and violations open at day 0 are part of the window's first days).
        var definition = SteadyState(3000, 300);
        double predicted = new SocialRiskEstimate(definition).PerUnit("s0");
        var simulated = new RunningStatistics();
        for (int r = 0; r < 8; r++)
        {
            var result = Network.NetworkBuilder.Run(definition, r);
            double exposure = result.Suppliers.Sum(s => s.WorkerExposureDays);
            double units = result.Suppliers.Sum(s => s.UnitsProduced);
            Assert.Equal(Suppliers * Capacity * 2700, units, 0.01 * units);
            simulated.Add(exposure / units);
        }

        double standardError = simulated.StandardDeviation / Math.Sqrt(simulated.Count);
        Assert.InRange(predicted, simulated.Mean - (4 * standardError) - (0.01 * predicted), simulated.Mean + (4 * standardError) + (0.01 * predicted));
        Assert.InRange(standardError / simulated.Mean, 0, 0.02);
    }
}
