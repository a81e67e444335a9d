using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Statistics;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments.Sweeps;
using Simulation.Tests.Examples;
using static Simulation.Tests.Network.NetworkBuilder;

namespace Simulation.Tests.Network;

/// <summary>
/// Re-sourcing (Mechanisms/Resourcing.cs): a lost source's share goes to qualified sources with spare
/// capacity and to onboarded backups; and the shipped scenarios that show it (paired on common random
/// numbers, 95% t intervals of the paired differences).
/// </summary>
public sealed class ResourcingTests
{
    private const double Horizon = 200;

    [Fact]
    public void SuspendedSource_ItsShareGoesToSpareCapacity_ThenToAnOnboardedBackup()
    {
        // b1 orders 10 a day (t = 0, 1, ..., 199) from "bad" (0.7) and "good" (0.3, capacity 5 a day);
        // "spare" is a backup. "bad" is suspended for good at the end of day 11 (a daily audit from day
        // 10, deadline 0). "good" can take about 5 - 3 = 2 a day more; the other ~5 a day start the
        // onboarding of "spare" (cost 100, 10 days), which then gets orders. Without a rule the whole
        // order goes to "good", which can make only 5 a day, and "spare" never gets any.
        var rule = new ResourcingDefinition { OnboardingLeadTimeDays = 10, OnboardingCost = 100 };

        var with = Run(Network(rule));
        var without = Run(Network(resourcing: null));

        Assert.Equal(1, with.Kpi("resourcing_events"));
        Assert.Equal(1, with.Kpi("onboardings"));
        Assert.Equal(100, with.Kpi("onboarding_cost"));
        Assert.Equal(with.Kpi("purchase_cost") + 100, with.Kpi("total_cost"), 6);
        double spare = Units(with, "spare");
        double good = Units(with, "good");
        Assert.InRange(spare, 0.4 * 10 * (Horizon - 22), 0.8 * 10 * (Horizon - 21));
        Assert.InRange(good, 0, (5 * Horizon) + 1e-6);
        Assert.Equal(0, Units(without, "spare"));
        Assert.Equal(0, without.Kpi("onboardings"));

        // Without full supply: from the suspension to the onboarding (10 days), against the rest of the
        // horizon without a rule (the lost 0.7 is never replaced).
        Assert.InRange(with.Kpi("days_without_full_supply"), 9, 12);
        Assert.InRange(without.Kpi("days_without_full_supply"), Horizon - 12, Horizon - 10);
        Assert.InRange(with.Kpi("sourcing_hhi_tier_1"), 0.3, 1);
    }

    [Fact]
    public void Loader_ReadsBackupsAndRules_AndRefusesAShareOnABackup()
    {
        using var folder = new Scenarios.ScenarioFolder();

        string yaml = Scenarios.ScenarioFolder.Minimal + """
              - id: s1b
                tier: 1
                region: r1
                product: good
                capacity_per_day: 100
                inputs:
                  - product: raw
                    sources: [{supplier: s2, share: 1}]
            resourcing: {rule: cheapest, onboarding_lead_time_days: 30, onboarding_cost: 500, reinstatement: backup, outage_tolerance_days: 14}

            """;
        var good = folder.Load(yaml, "buyers[b1].sources=[{supplier: s1, share: 1}, {supplier: s1b, backup: true}]");
        var bad = folder.Load(yaml, "buyers[b1].sources=[{supplier: s1, share: 1}, {supplier: s1b, share: 0.5, backup: true}]");

        Assert.Empty(good.Errors);
        var buyer = good.Definition!.Nodes.Single(n => n.Id == "b1");
        Assert.Equal(ReallocationRule.Cheapest, buyer.Stock.Resourcing!.Rule);
        Assert.Equal(ReinstatementRule.Backup, buyer.Stock.Resourcing.Reinstatement);
        Assert.Equal(14, buyer.Stock.Resourcing.OutageToleranceDays);
        Assert.True(buyer.Stock.Sources.Single(s => s.SupplierId == "s1b").Backup);
        Assert.Contains(bad.Errors, e => e.ToString().Contains("share", StringComparison.Ordinal) && e.ToString().Contains("backup", StringComparison.Ordinal));
    }

    [Fact]
    public void SmartMixExit_WithABackupPool_KeepsMoreSupply_CountsOnboarding_AndExitedSuppliersExposure()
    {
        // Paired on common random numbers: the backup pool's scenario shares every id of smart-mix, so
        // replication r draws the same numbers for the suppliers both have.
        const int Pairs = 10;
        var noPool = Load("scenarios/smart-mix.yaml", "social.corrective_actions.response=exit");
        var pool = Load("scenarios/smart-mix-backup.yaml", "social.corrective_actions.response=exit");
        var engage = Load("scenarios/smart-mix-backup.yaml");

        var fillGain = new RunningStatistics();
        var fillGap = new RunningStatistics();
        for (int r = 0; r < Pairs; r++)
        {
            var without = NetworkBuilder.Run(noPool, r);
            var with = NetworkBuilder.Run(pool, r);
            var engaged = NetworkBuilder.Run(engage, r);
            fillGain.Add(with.Kpi("fill_rate") - without.Kpi("fill_rate"));
            fillGap.Add(engaged.Kpi("fill_rate") - with.Kpi("fill_rate"));

            Assert.True(with.Kpi("onboardings") > 0);
            Assert.Equal(4000 * with.Kpi("onboardings"), with.Kpi("onboarding_cost"), 6);
            Assert.True(with.Kpi("total_cost") >= with.Kpi("onboarding_cost"));

            // Workers at terminated suppliers stay exposed and are counted: the KPI is the sum over
            // every supplier, exited ones included, and those carry some of it.
            double exited = with.Suppliers.Where(s => s.ExitCause == "terminated").Sum(s => s.WorkerExposureDays);
            Assert.True(exited > 0);
            Assert.Equal(with.Kpi("worker_exposure_days"), with.Suppliers.Sum(s => s.WorkerExposureDays), 3);
        }

        Assert.True(Low(fillGain) > 0, $"fill gain {fillGain.Mean} [{Low(fillGain)}, {High(fillGain)}]");
        Assert.True(Low(fillGap) > 0, $"gap to engage {fillGap.Mean} [{Low(fillGap)}, {High(fillGap)}]");
    }

    [Fact]
    public void ApparelGrid_CornersDifferInStressAndExits_BeyondTheirIntervals()
    {
        // The sweep's own overrides at its first (43 days, 11%) and last (120 days, 18%) point.
        var (design, errors) = SweepDesignReader.Read(ReadmeExampleTests.RepoFile("scenarios/sweeps/apparel-grid.yaml"));
        Assert.Empty(errors);
        var plan = SweepPlan.Create(design!);
        var low = Load(design!.ScenarioPath, [.. plan.Overrides(0)]);
        var high = Load(design.ScenarioPath, [.. plan.Overrides(plan.PointCount - 1)]);

        var stress = new RunningStatistics();
        var exits = new RunningStatistics();
        for (int r = 0; r < 4; r++)
        {
            var a = NetworkBuilder.Run(low, r);
            var b = NetworkBuilder.Run(high, r);
            stress.Add(b.Kpi("liquidity_stress_days") - a.Kpi("liquidity_stress_days"));
            exits.Add(b.Kpi("supplier_exits") - a.Kpi("supplier_exits"));
        }

        Assert.True(Low(stress) > 0, $"stress {stress.Mean} [{Low(stress)}, {High(stress)}]");
        Assert.True(Low(exits) > 0, $"exits {exits.Mean} [{Low(exits)}, {High(exits)}]");
    }

    private static double Low(RunningStatistics d) => d.Mean - (T975(d.Count - 1) * d.StandardDeviation / Math.Sqrt(d.Count));

    private static double High(RunningStatistics d) => d.Mean + (T975(d.Count - 1) * d.StandardDeviation / Math.Sqrt(d.Count));

    private static double T975(long degrees) => MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degrees, 0.975);

    private static NetworkDefinition Load(string file, params string[] overrides)
    {
        var result = ScenarioLoader.Load(Path.IsPathRooted(file) ? file : ReadmeExampleTests.RepoFile(file), overrides);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }

    private static double Units(NetworkRunResult result, string id) => result.Suppliers.Single(s => s.Id == id).UnitsProduced;

    private static NetworkDefinition Network(ResourcingDefinition? resourcing) =>
        new NetworkBuilder(Horizon)
            .Supplier("bad")
            .Supplier("good", capacityPerDay: 5)
            .Supplier("spare")
            .Node(SuspendedSourceTests.FixedOrderBuyer(new StockDefinition
            {
                ProductId = "p",
                Policy = Fixed(10, reviewDays: 1),
                Sources = [From("bad", 0.7), From("good", 0.3), From("spare", 0) with { Backup = true }],
                Resourcing = resourcing,
            }))
            .Build() with
        {
            Social = SuspendedSourceTests.SuspendForGood("bad", auditFromDay: 10),
        };
}
