using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Scenarios;
using Simulation.Tests.Examples;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Optimization;

public sealed class SourcingProblemBuilderTests
{
    [Fact]
    public void SocialRisk_IsOwnExposurePlusWhatTheInputsCarryThroughTheBillOfMaterials()
    {
        var definition = new Network.NetworkBuilder(100)
            .Product("cloth", new BomLine("yarn", 2))
            .Supplier("mill", product: "yarn", tier: 2, capacityPerDay: 100,
                configure: n => n with { Workers = 10, Capability = 0.5, WageToLivingWage = 0.6 })
            .Supplier("factory", product: "cloth", tier: 1, capacityPerDay: 100,
                configure: n => n with { Workers = 20, Capability = 0.8, WageToLivingWage = 0.9, Certifications = ["bsci"] },
                inputs: Input("yarn", BaseStock(10), 10, From("mill")))
            .Build();
        definition = definition with { Regions = [new RegionDefinition { Id = "r", LabourInspectionsPerSupplierYear = 1, InspectionDetectionProbability = 0.5 }] };

        var estimate = new SocialRiskEstimate(definition);

        double unenforced = Math.Exp(-0.5);                              // 1 - enforcement, 1 - (1 - e^-0.5)
        double mill = 10.0 / 100 * 0.5 * unenforced * (0.5 + (0.5 * 0.4));
        double factory = 20.0 / 100 * 0.2 * unenforced * (0.5 + (0.5 * 0.1)) * 0.75;
        Assert.Equal(mill, estimate.PerUnit("mill"), 12);
        Assert.Equal(factory + (2 * mill), estimate.PerUnit("factory"), 12);
    }

    [Fact]
    public void Quickstart_GivesOneBuyer_FiveTierOneCandidates_AndLinkPricedArcs()
    {
        var load = ScenarioLoader.Load(ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml"));
        var definition = load.Definition!;

        var problem = SourcingProblemBuilder.Build(definition, new SourcingBuildOptions { Scenarios = 10, RelationshipCostPerYear = 3650 });

        var buyer = Assert.Single(problem.Buyers);
        Assert.Equal(("brand-a", 1000.0), (buyer.Id, buyer.DemandPerDay));
        Assert.Equal(["cmt-01", "cmt-small-1", "cmt-small-2", "cmt-small-3", "cmt-small-4"], problem.Candidates.Select(c => c.SupplierId));
        var cmt01 = problem.Arcs.Single(a => problem.Candidates[a.CandidateIndex].SupplierId == "cmt-01");
        Assert.Equal(4.5 + 0.3, cmt01.CostPerUnit, 12);                 // price + transport per unit
        Assert.Equal(10, cmt01.FixedCostPerDay, 12);                    // no per-shipment cost; 3,650 a year
        Assert.True(cmt01.Co2eKgPerUnit > 0.2 + 1.6, "transport + own CO2e + the mills' share");
        // 730 - 60 = 670 days of measured window: seven 91-day periods, the last absorbing the 33 left over.
        Assert.Equal(7, problem.PeriodsPerReplication);
        Assert.Equal(70, problem.ScenarioCount);
        Assert.All(problem.Candidates, c => Assert.Equal(70, c.Availability.Count));
        Assert.Equal([0.6, 0.1, 0.1, 0.1, 0.1], problem.BaselineShares.Select(s => Math.Round(s, 12)));
        Assert.Equal(12 - 4.8, cmt01.LostMarginPerUnit, 12);            // selling price - landed cost
        Assert.InRange(problem.ScenarioDemandFactors.Average(), 0.97, 1.03);  // the seasonality over 670 days of a 365-day cycle: about 1
        Assert.Contains(problem.Candidates[0].Availability, a => a < 1);  // cmt-01 has its own disruption process
        Assert.Equal(SourcingStatus.Optimal, SourcingSolver.Solve(problem, new SourcingSettings()).Status);
    }
}
