using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Core.Statistics;
using Simulation.Scenarios.Optimization;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Optimization;

/// <summary><c>--refine</c> moves a used supplier's availability, cost and social risk to what the simulation showed.</summary>
public sealed class SimulationFeedbackTests
{
    /// <summary>
    /// Two cloth factories (price 5, transport 0.5 per unit and 20 per shipment, one shipment a day)
    /// share a yarn mill (2 yarn per cloth); one buyer of 100 a day; relationship cost 365 a year.
    /// </summary>
    private static (NetworkDefinition Network, SourcingProblem Problem) Small()
    {
        var network = new Network.NetworkBuilder(400, warmupDays: 40)
            .Product("cloth", new BomLine("yarn", 2))
            .Supplier("mill", product: "yarn", tier: 2, capacityPerDay: 400, configure: n => n with { Workers = 40, Capability = 0.3 })
            .Supplier("f1", product: "cloth", tier: 1, capacityPerDay: 200, configure: n => n with { Workers = 80, Price = 5 },
                inputs: Input("yarn", BaseStock(400), 400, From("mill")))
            .Supplier("f2", product: "cloth", tier: 1, capacityPerDay: 200, configure: n => n with { Workers = 60, Price = 5.5 },
                inputs: Input("yarn", BaseStock(400), 400, From("mill")))
            .Buyer("b", DailyDemand(100), BaseStock(300), initialStock: 300,
                [From("f1", 0.5) with { TransportCostPerUnit = 0.5, TransportCostPerOrder = 20 }, From("f2", 0.5) with { TransportCostPerUnit = 0.5, TransportCostPerOrder = 20 }],
                product: "cloth")
            .Build();
        var problem = SourcingProblemBuilder.Build(network, new SourcingBuildOptions { Scenarios = 4, RelationshipCostPerYear = 365 });
        return (network, problem);
    }

    /// <summary>What a simulation of "all to f1" might have shown, per replication.</summary>
    private static SimulatedMix AllToF1() => new(
        new Dictionary<SourcingKpi, Summary>(),
        [0.9, null],
        new Dictionary<string, SimulatedSupplier>(StringComparer.Ordinal)
        {
            ["f1"] = new(UnitsProduced: 36_000, UnitsToBuyers: 36_000, LandedCost: 216_000, WorkerExposureDays: 1_800),
            ["mill"] = new(UnitsProduced: 72_000, UnitsToBuyers: 0, LandedCost: 5_000, WorkerExposureDays: 2_160),
            ["f2"] = new(UnitsProduced: 0, UnitsToBuyers: 0, LandedCost: 0, WorkerExposureDays: 700),
        },
        "points/refine-01");

    [Fact]
    public void ARound_MovesTheUsedSuppliersAvailabilityCostAndSocialRiskToTheSimulatedValues()
    {
        var (network, problem) = Small();
        var estimate = new SocialRiskEstimate(network);
        Assert.Equal(["f1", "f2"], problem.Candidates.Select(c => c.SupplierId));
        var f1 = problem.Arcs.Single(a => a.CandidateIndex == 0);
        var f2 = problem.Arcs.Single(a => a.CandidateIndex == 1);
        Assert.Equal(5.5, f1.CostPerUnit, 12);                           // price + transport per unit
        Assert.Equal(21, f1.FixedCostPerDay, 12);                        // 20 per shipment x 1 a day + 365 / 365

        var refined = SimulationFeedback.Apply(problem, [1.0, 0.0], [], AllToF1(), network, estimate, relationshipCostPerDay: 1);

        var f1After = refined.Arcs.Single(a => a.CandidateIndex == 0);

        // Cost: simulated landed cost per unit 216,000 / 36,000 = 6, plus 2 yarn x the mill's audit and
        // other social costs 5,000 / 72,000 per yarn; predicted at this mix 5.5 + 20 / 100 = 5.7 (the
        // shipment cost spread over 100 units a day); the arc moves by the gap.
        Assert.Equal(5.5 + (6 + (2 * 5_000 / 72_000.0) - 5.7), f1After.CostPerUnit, 12);

        // Social: own 1,800 / 36,000 = 0.05 per cloth, plus 2 yarn x the mill's 2,160 / 72,000 = 0.03.
        Assert.Equal(0.05 + (2 * 0.03), f1After.SocialRiskPerUnit, 12);

        // Availability: mean moves to the delivery ratio.
        Assert.Equal(0.9, refined.Candidates[0].MeanAvailability, 12);

        // f2 was not used: the simulation says nothing about it.
        Assert.Equal(f2, refined.Arcs.Single(a => a.CandidateIndex == 1));
        Assert.Equal(problem.Candidates[1], refined.Candidates[1]);
        Assert.Equal(f1.FixedCostPerDay, f1After.FixedCostPerDay);
        Assert.NotEqual(estimate.PerUnit("f1"), f1After.SocialRiskPerUnit);
    }

    [Fact]
    public void ASupplierThatLeftOnMargin_NeedsMoreVolumeThanItHad_InTheReSolve()
    {
        // Half to each factory (50 a day each); f2 left on margin in 3 of 5 replications, f1 in 1 of 5.
        var (network, problem) = Small();
        var simulated = AllToF1() with
        {
            DeliveryRatio = [0.9, 0.5],
            Suppliers = new Dictionary<string, SimulatedSupplier>(StringComparer.Ordinal)
            {
                ["f1"] = new(36_000, 36_000, 216_000, 1_800, MarginExits: 0.2),
                ["f2"] = new(18_000, 18_000, 110_000, 700, MarginExits: 0.6),
            },
        };

        var refined = SimulationFeedback.Apply(problem, [0.5, 0.5], [], simulated, network, new SocialRiskEstimate(network), 1);

        // f2's minimum viable volume rises to 1.1 x 50 = 55 a day; f1 (one exit in five) keeps its estimate.
        Assert.Equal(55, refined.Candidates[1].MinViableUnitsPerDay, 12);
        Assert.Equal(problem.Candidates[0].MinViableUnitsPerDay, refined.Candidates[0].MinViableUnitsPerDay);

        // The re-solve gives f2 at least 55 a day or nothing; today's 50 a day is no longer allowed.
        var settings = new SourcingSettings { RelativeGap = 0 };
        Assert.Contains(SourcingEvaluation.Violations(refined, settings, [0.5, 0.5], []), v => v.StartsWith("f2: 50 units/day below the 55", StringComparison.Ordinal));
        var solution = SourcingSolver.Solve(refined, settings);
        double f2Units = solution.Shares[problem.Arcs.ToList().FindIndex(a => a.CandidateIndex == 1)] * 100;
        Assert.True(f2Units < 1e-6 || f2Units >= 55 - 1e-6, $"f2 gets {f2Units} a day");
    }

    [Fact]
    public void AnEnrolledSupplier_GetsItsProgrammesEffectsBack_SoTheReSolveDoesNotCountThemTwice()
    {
        // f1 was simulated enrolled: its 0.05 exposure per unit already includes a cut of 0.02 that the
        // option subtracts again, and its delivery ratio includes the capacity the option adds.
        var (network, problem) = Small();
        problem = problem with
        {
            Programmes = [new SourcingProgramme("score", 1)],
            ProgrammeOptions = [new ProgrammeOption { ProgrammeIndex = 0, CandidateIndex = 0, CostPerYear = 1_000, CapacityAddedPerDay = 10, SocialRiskCutPerUnit = 0.02 }],
        };

        var refined = SimulationFeedback.Apply(problem, [1.0, 0.0], [0], AllToF1(), network, new SocialRiskEstimate(network), 1);

        Assert.Equal(0.05 + 0.02 + (2 * 0.03), refined.Arcs.Single(a => a.CandidateIndex == 0).SocialRiskPerUnit, 12);
        Assert.Equal(problem.Candidates[0], refined.Candidates[0]);
    }

    [Fact]
    public void RepeatingWithAnUnchangedSimulation_LeavesTheProblemUnchanged()
    {
        var (network, problem) = Small();
        var estimate = new SocialRiskEstimate(network);
        var simulated = AllToF1();

        var once = SimulationFeedback.Apply(problem, [1.0, 0.0], [], simulated, network, estimate, 1);
        var twice = SimulationFeedback.Apply(once, [1.0, 0.0], [], simulated, network, estimate, 1);

        for (int a = 0; a < once.Arcs.Count; a++)
        {
            Assert.Equal(once.Arcs[a].CostPerUnit, twice.Arcs[a].CostPerUnit, 12);
            Assert.Equal(once.Arcs[a].SocialRiskPerUnit, twice.Arcs[a].SocialRiskPerUnit, 12);
        }

        for (int c = 0; c < once.Candidates.Count; c++)
        {
            Assert.Equal(once.Candidates[c].Availability, twice.Candidates[c].Availability, (x, y) => Math.Abs(x - y) < 1e-12);
        }
    }
}
