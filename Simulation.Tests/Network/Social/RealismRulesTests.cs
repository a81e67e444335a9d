using Simulation.Core.Network;
using Simulation.Scenarios;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Network.Social;

/// <summary>The smaller realism rules of issue 13, each against a value it must hit exactly or a bound it must keep.</summary>
public sealed class RealismRulesTests
{
    private const int Replications = 4;

    private static NetworkRunResult[] Run(string scenario, params string[] overrides)
    {
        ScenarioLoadResult result = ScenarioLoader.Load(RepositoryFiles.Path("scenarios", scenario), ["horizon_days=730", .. overrides]);
        Assert.Empty(result.Errors);
        return [.. Enumerable.Range(0, Replications).Select(r => NetworkBuilder.Run(result.Definition!, r))];
    }

    [Fact]
    public void SeverityWeights_ScaleEachCategorysWorkerDays()
    {
        var plain = Run("smart-mix-voluntary.yaml", "social.compliance.wages_and_hours.severity_weight=1",
            "social.compliance.occupational_safety.severity_weight=1", "social.compliance.forced_or_child_labour.severity_weight=1");
        var doubled = Run("smart-mix-voluntary.yaml", "social.compliance.wages_and_hours.severity_weight=2",
            "social.compliance.occupational_safety.severity_weight=2", "social.compliance.forced_or_child_labour.severity_weight=2");
        var weighted = Run("smart-mix-voluntary.yaml");
        for (int r = 0; r < Replications; r++)
        {
            double exposure = plain[r].Kpi("worker_exposure_days");
            Assert.Equal(exposure, plain[r].Kpi("severity_weighted_exposure"), exposure * 1e-12);
            Assert.Equal(2 * exposure, doubled[r].Kpi("severity_weighted_exposure"), exposure * 1e-12);
            Assert.True(weighted[r].Kpi("severity_weighted_exposure") >= weighted[r].Kpi("worker_exposure_days"));
        }

        Assert.True(weighted.Sum(r => r.Kpi("severity_weighted_exposure")) > weighted.Sum(r => r.Kpi("worker_exposure_days")));
    }

    [Fact]
    public void AlwaysEscalatedCategories_AreNeverResolvedLocally()
    {
        var capable = Run("smart-mix-voluntary.yaml", "social.grievances.local_resolution_capability=0");
        var escalated = Run("smart-mix-voluntary.yaml", "social.grievances.local_resolution_capability=0",
            "social.grievances.always_escalate=[wages_and_hours, occupational_safety, forced_or_child_labour, environment]");

        Assert.True(capable.Sum(r => r.Kpi("grievances_resolved_locally")) > 0);
        Assert.All(escalated, r => Assert.Equal(0, r.Kpi("grievances_resolved_locally")));
        Assert.All(escalated, r => Assert.Equal(r.Kpi("grievances_filed"), r.Kpi("grievances_escalated")));
    }

    [Fact]
    public void CertificateSuspendedOnACriticalFinding_PaysNoPremiumMeanwhile()
    {
        var never = Run("smart-mix-voluntary.yaml", "social.certifications[bsci].suspend_on=[]");
        var onWages = Run("smart-mix-voluntary.yaml", "social.certifications[bsci].suspend_on=[wages_and_hours]");

        Assert.True(onWages.Sum(r => r.Kpi("certification_cost")) < never.Sum(r => r.Kpi("certification_cost")));
    }

    [Fact]
    public void RegionCreditForMicroFirmsOnly_LeavesTheQuickstartsSmallAndMediumSuppliersWithoutCredit()
    {
        var micro = Run("quickstart.yaml", "regions[bangladesh].credit.sizes=[micro]", "regions[india].credit.sizes=[micro]");
        var all = Run("quickstart.yaml");

        Assert.True(all.Sum(r => r.Kpi("financing_cost")) > 0);
        Assert.All(micro, r => Assert.Equal(0, r.Kpi("financing_cost")));
    }

    [Fact]
    public void ProfitWithdrawal_KeepsCashNearTheTarget()
    {
        var hoard = Run("smart-mix-voluntary.yaml", "economics.profit_withdrawal_cash_days=.inf");
        var withdraw = Run("smart-mix-voluntary.yaml", "economics.profit_withdrawal_cash_days=30");

        Assert.All(hoard, r => Assert.True(r.Kpi("mean_supplier_cash_days") > 100));
        Assert.All(withdraw, r => Assert.True(r.Kpi("mean_supplier_cash_days") <= 30 + 5, $"cash days {r.Kpi("mean_supplier_cash_days")}"));
    }

    [Fact]
    public void ExitNotice_DelaysTerminations_AndAFixWithinItCancelsThem()
    {
        var atOnce = Run("smart-mix-voluntary.yaml", "social.corrective_actions.response=exit");
        var notice = Run("smart-mix-voluntary.yaml", "social.corrective_actions.response=exit", "social.corrective_actions.exit_notice_days=120");

        Assert.True(notice.Sum(r => r.Kpi("exits_terminated")) < atOnce.Sum(r => r.Kpi("exits_terminated")));
        double FirstTermination(NetworkRunResult[] runs) => runs.SelectMany(r => r.Suppliers).Where(s => s.ExitCause == "terminated").Min(s => s.ExitDay!.Value);
        Assert.True(FirstTermination(notice) >= FirstTermination(atOnce) + 120 - 1e-9);
    }
}
