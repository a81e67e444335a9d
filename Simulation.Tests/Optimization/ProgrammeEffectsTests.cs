using Simulation.Core.Optimization;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Optimization;

/// <summary>Enrolment options derived from smart-mix's SCORE programme, against the capability curve integrated by hand.</summary>
public sealed class ProgrammeEffectsTests
{
    private static readonly string SmartMix = ReadmeExampleTests.RepoFile("scenarios/smart-mix.yaml");

    [Fact]
    public void Options_AreTheCapabilityCurvesMeanOverTheMeasuredWindow()
    {
        var definition = ScenarioLoader.Load(SmartMix).Definition!;
        var problem = SourcingProblemBuilder.Build(definition, new SourcingBuildOptions { Scenarios = 4, Programmes = true });
        var programme = definition.Social!.CapacityBuilding.Single();
        const double W = 60, H = 1095, D = 365;                     // warm-up, horizon; enrolled at day 0 for a year
        Assert.Equal((W, H, D), (definition.WarmupDays, definition.HorizonDays, programme.DurationDays));
        double k = programme.CapabilityGainPerYear / 365;

        // Every tier-1 candidate may enrol (the target's max_tier is 2; its segments are left to the optimizer).
        Assert.Equal(problem.Candidates.Count, problem.ProgrammeOptions.Count);
        Assert.Equal(["score"], problem.Programmes.Select(p => p.Id));
        var estimate = new SocialRiskEstimate(definition);
        foreach (var option in problem.ProgrammeOptions)
        {
            var node = definition.Nodes.Single(n => n.Id == problem.Candidates[option.CandidateIndex].SupplierId);
            double c0 = node.Capability;

            // (1 - C0) times the mean over [W, H] of 1 - e^(-k min(t, D)): the rising part, then the plateau.
            double rising = (D - W) - ((Math.Exp(-k * W) - Math.Exp(-k * D)) / k);
            double plateau = (H - D) * (1 - Math.Exp(-k * D));
            double meanGain = (1 - c0) * (rising + plateau) / (H - W);

            Assert.Equal(700 / 30.4375 * (D - W) / (H - W) * 365, option.CostPerYear, 9);
            Assert.Equal(programme.CarbonReduction * meanGain * node.Co2eKgPerUnit, option.Co2eCutKgPerUnit, 9);
            Assert.Equal(0, option.CapacityAddedPerDay);             // smart-mix's programme adds no capacity

            // The estimate may step at a capability threshold, so the cut is checked against a plain
            // midpoint sum over hundredths of a day.
            double sum = 0;
            const double Step = 0.01;
            for (double t = W + (Step / 2); t < H; t += Step)
            {
                double gain = (1 - c0) * (1 - Math.Exp(-k * Math.Min(t, D)));
                sum += estimate.OwnPerUnit(node.Id, c0 + gain) * Step;
            }

            double cut = estimate.OwnPerUnit(node.Id, c0) - (sum / (H - W));
            Assert.True(cut > 0, node.Id);
            Assert.Equal(cut, option.SocialRiskCutPerUnit, cut * 1e-3);
        }
    }

    [Fact]
    public void AProgrammeForDeeperTiers_OffersTheCandidatesNothing()
    {
        var definition = ScenarioLoader.Load(SmartMix, ["social.capacity_building[score].target.min_tier=2"]).Definition!;

        var problem = SourcingProblemBuilder.Build(definition, new SourcingBuildOptions { Scenarios = 4, Programmes = true });

        Assert.Single(problem.Programmes);
        Assert.Empty(problem.ProgrammeOptions);
    }

    [Theory]
    [InlineData(0, 7, 0)]
    [InlineData(-5, 7, 0)]
    [InlineData(30, 7, 35)]
    [InlineData(35, 7, 35)]
    public void Enrolment_IsAtTheFirstSocialReviewFromTheStartDay(double startDay, double reviewDays, double expected) =>
        Assert.Equal(expected, ProgrammeEffects.EnrolmentDay(startDay, reviewDays));
}
