using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Statistics;
using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;
using Simulation.Tests.Outputs;
using Simulation.Tests.Scenarios;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// The smart mix rewards diligence (issue 13): paired comparisons on common random numbers with 95%
/// CIs on the paired differences, on smart-mix and variants of it built by overrides.
/// </summary>
public sealed class SmartMixPolicyTests
{
    private const int Pairs = 20;

    private static NetworkDefinition Load(string scenario, params string[] overrides)
    {
        ScenarioLoadResult result = ScenarioLoader.Load(RepositoryFiles.Path("scenarios", scenario), overrides);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }

    private static Summary Differences(NetworkDefinition a, NetworkDefinition b, Func<NetworkRunResult, double> measure)
    {
        var values = new double[Pairs];
        for (int r = 0; r < Pairs; r++)
        {
            values[r] = measure(NetworkBuilder.Run(b, r)) - measure(NetworkBuilder.Run(a, r));
        }

        return Summary.Of(values);
    }

    [Fact]
    public void UnderTheLaw_ABuyerThatStopsAuditing_PaysMoreExpectedPenalties()
    {
        var audits = Load("smart-mix.yaml");
        var stops = Load("smart-mix.yaml", "social.audit_programmes[brand-a-audits].end_day=365");

        var expected = Differences(audits, stops, r => r.Kpi("expected_penalty_cost"));
        var exposure = Differences(audits, stops, r => r.Kpi("worker_exposure_days"));

        Assert.True(expected.Ci95Low > 0, $"expected penalties: {expected.Mean} [{expected.Ci95Low}, {expected.Ci95High}]");
        Assert.True(exposure.Ci95Low > 0, $"exposure: {exposure.Mean} [{exposure.Ci95Low}, {exposure.Ci95High}]");
    }

    [Fact]
    public void LawAndBanInMarketA_LeaveMarketB_AsWithoutThem()
    {
        // Brand B sells in the US and buys from its own chain (cmt-b <- mill-b <- gin-b); the law and
        // the ban name only the EU, brand A's market.
        string variant = Path.Combine(CliHarness.TempFolder(), "two-markets.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(variant)!);
        File.WriteAllText(variant, $$$"""
            extends: {{{RepositoryFiles.Path("scenarios", "smart-mix.yaml")}}}
            name: two-markets
            buyers:
              - {id: brand-a, market: eu}
              - id: brand-b
                region: eu
                product: tshirt
                market: us
                demand: {quantity: 200, selling_price: 12}
                inventory: {initial: 4000, policy: {type: base_stock, review_period_days: 7, order_up_to: 9000}}
                payment_terms_days: 60
                sources: [{supplier: cmt-b, share: 1, lead_time_days: 25}]
            suppliers:
              - {id: cmt-b, tier: 1, region: bangladesh, product: tshirt, size: small, capacity_per_day: 300, unit_cost: 1.2, price: 4.5, fixed_cost_per_day: 60, workers: 120, capability: 0.3, starting_cash_days: 60, payment_terms_days: 30,
                 inputs: [{product: fabric, initial: 600, policy: {type: min_max, review_period_days: 1, reorder_point: 400, order_up_to: 900}, sources: [{supplier: mill-b, share: 1}]}]}
              - {id: mill-b, tier: 2, region: bangladesh, product: fabric, size: small, capacity_per_day: 120, unit_cost: 1.5, price: 5, fixed_cost_per_day: 30, workers: 60, capability: 0.3, starting_cash_days: 60, payment_terms_days: 30,
                 inputs: [{product: cotton, initial: 600, policy: {type: min_max, review_period_days: 1, reorder_point: 400, order_up_to: 900}, sources: [{supplier: gin-b, share: 1}]}]}
              - {id: gin-b, tier: 3, region: india, product: cotton, size: small, capacity_per_day: 150, unit_cost: 0.3, price: 2, fixed_cost_per_day: 20, workers: 30, capability: 0.3}
            social:
              audit_programmes:
                - {id: brand-b-audits, buyers: [brand-b], detection_probability: 0.35, cost_per_audit: 2500}
              due_diligence: {markets: [eu]}
              import_ban: {markets: [eu], categories: [forced_or_child_labour, wages_and_hours]}
            """);
        static NetworkDefinition LoadFile(string file, params string[] overrides)
        {
            var result = ScenarioLoader.Load(file, overrides);
            Assert.Empty(result.Errors);
            return result.Definition!;
        }

        var without = LoadFile(variant, "social.due_diligence=", "social.import_ban=");
        var law = LoadFile(variant);

        int detainedSomewhere = 0;
        for (int r = 0; r < Pairs; r++)
        {
            var a = NetworkBuilder.Run(without, r);
            var b = NetworkBuilder.Run(law, r);
            foreach (string id in new[] { "cmt-b", "mill-b", "gin-b" })
            {
                // Market B's chain: the same audits (landed cost), violations (exposure) and deliveries (no detention).
                Assert.Equal(a.Suppliers.Single(s => s.Id == id), b.Suppliers.Single(s => s.Id == id));
            }

            detainedSomewhere += b.Kpi("detained_shipments") > 0 ? 1 : 0;
        }

        // The ban did detain shipments into market A, so B's equality is not for want of a ban.
        Assert.True(detainedSomewhere > 0);
    }

    [Fact]
    public void InspectionsDoubledFromDay365_SameBefore_FewerViolationsInTheRegionAfter()
    {
        // A labour inspectorate that visits each supplier once a year doubles its visits in year 2.
        var baseRun = Load("smart-mix-voluntary.yaml", "regions[bangladesh].labour_inspections_per_supplier_year=1");
        var doubled = Load("smart-mix-voluntary.yaml",
            "regions[bangladesh].labour_inspections_per_supplier_year=[{from_day: 0, value: 1}, {from_day: 365, value: 2}]");
        var after = new double[Pairs];
        var arisen = new double[Pairs];
        for (int r = 0; r < Pairs; r++)
        {
            var a = NetworkBuilder.Run(baseRun, r);
            var b = NetworkBuilder.Run(doubled, r);
            int rows = a.Daily.Days.Count(d => d < 365);
            for (int m = 0; m < a.Daily.Metrics.Count; m++)
            {
                Assert.Equal(a.Daily.Column(m)[..rows].ToArray(), b.Daily.Column(m)[..rows].ToArray());
            }

            after[r] = RegionExposure(b, "bangladesh") - RegionExposure(a, "bangladesh");
            arisen[r] = ArisenFrom(b, 365) - ArisenFrom(a, 365);
        }

        var exposure = Summary.Of(after);
        var violations = Summary.Of(arisen);
        Assert.True(exposure.Ci95High < 0, $"exposure in bangladesh: {exposure.Mean} [{exposure.Ci95Low}, {exposure.Ci95High}]");
        Assert.True(violations.Mean < 0, $"violations arising after day 365: {violations.Mean} [{violations.Ci95Low}, {violations.Ci95High}]");
    }

    [Fact]
    public void BuyerResponseRules_UnderTheLaw_EnrolOnlyOnceItApplies_AndEngageInsteadOfExiting()
    {
        var none = Load("smart-mix-mandatory.yaml", "social.corrective_actions.response=exit");
        var rules = Load("smart-mix-mandatory.yaml", "social.corrective_actions.response=exit", "social.due_diligence.engagement=engage",
            "social.capacity_building=[{id: law-score, funders: [brand-a], target: {segments: [high]}, max_suppliers: 4, cost_per_supplier_month: 700, while_law_applies: true}]");
        var laterExits = new double[Pairs];
        for (int r = 0; r < Pairs; r++)
        {
            var a = NetworkBuilder.Run(none, r);
            var b = NetworkBuilder.Run(rules, r);
            var capabilityA = a.Daily.Column("mean_capability");
            var capabilityB = b.Daily.Column("mean_capability");
            for (int i = 0; i < a.Daily.Days.Count && a.Daily.Days[i] < 365; i++)
            {
                Assert.Equal(capabilityA[i], capabilityB[i]);
            }

            Assert.True(b.Kpi("programme_cost") > 0);
            Assert.DoesNotContain(b.Suppliers, s => s.ExitCause == "terminated" && s.ExitDay >= 365);
            laterExits[r] = a.Suppliers.Count(s => s.ExitCause == "terminated" && s.ExitDay >= 365);
        }

        Assert.True(laterExits.Sum() > 0, "without the rule, covered suppliers are terminated after the law starts");
    }

    [Fact]
    public void PaymentTermsCutFromDay365_SameBefore_MoreSupplierCashAfter()
    {
        var sixty = Load("quickstart.yaml");
        var cut = Load("quickstart.yaml", "buyers[brand-a].payment_terms_days=[{from_day: 0, value: 60}, {from_day: 365, value: 20}]");
        var cash = new double[Pairs];
        for (int r = 0; r < Pairs; r++)
        {
            var a = NetworkBuilder.Run(sixty, r);
            var b = NetworkBuilder.Run(cut, r);
            int rows = a.Daily.Days.Count(d => d < 365);
            for (int m = 0; m < a.Daily.Metrics.Count; m++)
            {
                Assert.Equal(a.Daily.Column(m)[..rows].ToArray(), b.Daily.Column(m)[..rows].ToArray());
            }

            cash[r] = b.Kpi("mean_supplier_cash_days") - a.Kpi("mean_supplier_cash_days");
        }

        // Paid 40 days sooner, the tier-1 suppliers hold more cash on average.
        var difference = Summary.Of(cash);
        Assert.True(difference.Ci95Low > 0, $"cash days: {difference.Mean} [{difference.Ci95Low}, {difference.Ci95High}]");
    }

    /// <summary>Worker exposure at the region's suppliers (identical before the change, so the difference is after it).</summary>
    private static double RegionExposure(NetworkRunResult result, string region) =>
        result.Suppliers.Where(s => s.RegionId == region).Sum(s => s.WorkerExposureDays);

    private static double ArisenFrom(NetworkRunResult result, double day)
    {
        var column = result.Daily.Column("violations_arisen");
        double sum = 0;
        for (int i = 0; i < column.Length; i++)
        {
            sum += result.Daily.Days[i] > day ? column[i] : 0;
        }

        return sum;
    }

    [Fact]
    public void RiskBasedAudits_BeatUniformAudits_AtEqualAuditCount_WhenTheScoreIsInformative()
    {
        var risk = Load("risk-targeting.yaml");
        var uniform = Load("risk-targeting.yaml", "social.audit_programmes[brand-a-audits].interval_days={high: 250, medium: 250, low: 250}");
        var pairs = Enumerable.Range(0, 40).Select(r => (Risk: NetworkBuilder.Run(risk, r), Uniform: NetworkBuilder.Run(uniform, r))).ToArray();

        var audits = Summary.Of([.. pairs.Select(p => p.Uniform.Kpi("audits") - p.Risk.Kpi("audits"))]);
        var exposure = Summary.Of([.. pairs.Select(p => p.Uniform.Kpi("worker_exposure_days") - p.Risk.Kpi("worker_exposure_days"))]);

        Assert.True(audits.Ci95Low < 0 && audits.Ci95High > 0 && Math.Abs(audits.Mean) < 1, $"audit counts differ: {audits.Mean} [{audits.Ci95Low}, {audits.Ci95High}]");
        Assert.True(exposure.Ci95Low > 0, $"uniform - risk exposure: {exposure.Mean} [{exposure.Ci95Low}, {exposure.Ci95High}]");
    }

    [Fact]
    public async Task OpenViolationsAlert_FiresInTheShareCountedFromTimeSeries()
    {
        var scenario = ScenarioLoader.Load(RepositoryFiles.Path("scenarios", "smart-mix.yaml"),
            ["alerts=[{id: many_open, metric: open_violations, threshold: 20}]"]);
        Assert.Empty(scenario.Errors);
        string folder = CliHarness.TempFolder();
        var outcome = await ScenarioRun.ExecuteAsync(scenario, new RunSettings { OutputDirectory = folder, Replications = 30, Report = false });

        string series = DuckDb.File(Path.Combine(folder, "timeseries.parquet"));
        string kpis = DuckDb.File(Path.Combine(folder, "kpis.parquet"));
        double warmup = scenario.Definition!.WarmupDays;
        long counted = DuckDb.Long($"SELECT count(DISTINCT replication) FROM {series} WHERE day >= {warmup} AND open_violations > 20");
        var alert = Assert.Single(outcome.Alerts);
        Assert.Equal(counted, alert.Fired);
        Assert.True(counted > 0 && counted < 30, $"fired in {counted} of 30");
        Assert.Equal(counted, DuckDb.Long($"SELECT count(*) FROM {kpis} WHERE alert_many_open_fired"));

        // Smart-mix models the social side: its social KPIs are numbers in kpis.parquet, not nulls.
        Assert.Equal(0L, DuckDb.Long($"SELECT count(*) FROM {kpis} WHERE social_compliance_index IS NULL OR worker_exposure_days IS NULL OR audit_cost IS NULL"));
        Assert.True(DuckDb.Double($"SELECT avg(worker_exposure_days) FROM {kpis}") > 0);
        Assert.True(DuckDb.Double($"SELECT avg(social_compliance_index) FROM {kpis}") < 100);
        Assert.Equal(30L, DuckDb.Long($"SELECT n FROM {DuckDb.File(Path.Combine(folder, "summary.parquet"))} WHERE kpi = 'worker_exposure_days'"));

        // The first day per replication is the first such row.
        var firstDays = DuckDb.Query($"SELECT replication, min(day) FROM {series} WHERE day >= {warmup} AND open_violations > 20 GROUP BY replication ORDER BY replication");
        var recorded = DuckDb.Query($"SELECT replication, alert_many_open_first_day FROM {kpis} WHERE alert_many_open_fired ORDER BY replication");
        Assert.Equal(firstDays.Select(r => Convert.ToDouble(r[1])), recorded.Select(r => Convert.ToDouble(r[1])));
        var (low, high) = ProportionInterval.Wilson95((int)counted, 30);
        Assert.Equal(low, alert.Ci95Low, 12);
        Assert.Equal(high, alert.Ci95High, 12);
    }
}
