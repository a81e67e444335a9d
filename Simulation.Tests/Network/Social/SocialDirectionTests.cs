using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Statistics;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// The levers move the outcomes the right way on the shipped scenarios: paired comparisons on common
/// random numbers (replication r of both variants draws the same numbers for everything the lever does
/// not touch), with horizons shortened by overrides so the suite stays fast. "Significant" is a paired
/// t statistic above 3 (two-sided p below about 0.01 for 20 pairs).
/// </summary>
public sealed class SocialDirectionTests
{
    private const int Pairs = 20;

    private static NetworkDefinition Load(string scenario, params string[] overrides)
    {
        ScenarioLoadResult result = ScenarioLoader.Load(RepositoryFiles.Path("scenarios", scenario), overrides);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }

    /// <summary>The paired differences b - a of a measure over <see cref="Pairs"/> replications.</summary>
    private static RunningStatistics Differences(NetworkDefinition a, NetworkDefinition b, Func<NetworkRunResult, double> measure)
    {
        var differences = new RunningStatistics();
        for (int r = 0; r < Pairs; r++)
        {
            differences.Add(measure(NetworkBuilder.Run(b, r)) - measure(NetworkBuilder.Run(a, r)));
        }

        return differences;
    }

    private static double TStatistic(RunningStatistics differences) =>
        differences.Mean / (differences.StandardDeviation / Math.Sqrt(differences.Count));

    [Fact]
    public void MoreCapacityBuilding_LowersWorkerExposureDays()
    {
        var little = Load("smart-mix-voluntary.yaml", "horizon_days=730", "social.capacity_building[score].max_suppliers=1");
        var more = Load("smart-mix-voluntary.yaml", "horizon_days=730", "social.capacity_building[score].max_suppliers=11",
            "social.capacity_building[score].target.segments=[low, medium, high]");

        var differences = Differences(little, more, r => r.Kpi("worker_exposure_days"));

        Assert.True(TStatistic(differences) < -3, $"mean difference {differences.Mean}, t = {TStatistic(differences)}");
    }

    [Fact]
    public void SupplyChainFinance_LowersLiquidityStress_AndExitsOfSmallSuppliers()
    {
        // Long terms (120 days here) leave the small workshops short of cash: in arrears they stall, lose
        // output and, at the yearly margin review, leave. Finance at day 15 relieves them. (With the
        // shipped 60 days and a steady-state start, the workshops never run out of cash long enough to leave.)
        var without = Load("smart-mix-voluntary.yaml", "horizon_days=730", "buyers[brand-a].payment_terms_days=120", "social.supply_chain_finance[brand-a-scf].start_day=100000");
        var with = Load("smart-mix-voluntary.yaml", "horizon_days=730", "buyers[brand-a].payment_terms_days=120");

        var stress = Differences(without, with, r => r.Kpi("liquidity_stress_days"));
        var exits = Differences(without, with, r => r.Kpi("exits_small") + r.Kpi("exits_micro"));

        Assert.True(TStatistic(stress) < -3, $"stress days: mean difference {stress.Mean}, t = {TStatistic(stress)}");
        Assert.True(TStatistic(exits) < -3, $"small exits: mean difference {exits.Mean}, t = {TStatistic(exits)}");
    }

    [Fact]
    public void ExitOnFailure_LowersMeasuredViolations_ButRaisesExits()
    {
        var engage = Load("smart-mix-voluntary.yaml", "horizon_days=730");
        var exit = Load("smart-mix-voluntary.yaml", "horizon_days=730", "social.corrective_actions.response=exit");

        var violations = Differences(engage, exit, r => r.Kpi("open_violations"));
        var exits = Differences(engage, exit, r => r.Kpi("supplier_exits"));

        Assert.True(TStatistic(violations) < -3, $"open violations: mean difference {violations.Mean}, t = {TStatistic(violations)}");
        Assert.True(TStatistic(exits) > 3, $"exits: mean difference {exits.Mean}, t = {TStatistic(exits)}");
    }

    [Fact]
    public void SharedAudits_CostEachBuyerLess_ForTheSameDetection()
    {
        // brand-eu-b buys from a subset of brand-eu-a's factories, so a coalition of the two audits the
        // same factories as brand-eu-a alone, with the same streams (keyed by the programme id): the
        // same audits and findings, paid by two instead of one. (The US brand's programme is made
        // part of the coalition in both, so only the sharing differs.)
        string[] common = ["horizon_days=240", "warmup_days=0", "social.audit_programmes[us-audits].buyers=[brand-eu-a]"];
        var alone = NetworkBuilder.Run(Load("apparel-bangladesh.yaml", [.. common, "social.audit_programmes[eu-coalition-audits].buyers=[brand-eu-a]"]));
        var shared = NetworkBuilder.Run(Load("apparel-bangladesh.yaml", common));

        Assert.True(alone.Kpi("audits") > 50);
        Assert.Equal(alone.Kpi("audits"), shared.Kpi("audits"));
        Assert.Equal(alone.Kpi("violations_detected"), shared.Kpi("violations_detected"));
        Assert.Equal(alone.Kpi("audit_cost"), shared.Kpi("audit_cost"));
        Assert.Equal(alone.Kpi("audit_cost_per_buyer") / 2, shared.Kpi("audit_cost_per_buyer"), 6);
    }
}
