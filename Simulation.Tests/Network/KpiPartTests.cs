using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Tests.Network;

/// <summary>Which part of the model each KPI measures (KpiCatalog), and which parts a scenario models (NetworkDefinition.Models).</summary>
public sealed class KpiPartTests
{
    [Fact]
    public void Social_costs_and_counts_outside_the_social_group_belong_to_the_social_part()
    {
        string[] expected =
        [
            "exits_terminated", "audit_cost", "audit_cost_per_buyer", "programme_cost", "penalty_cost",
            "certification_cost", "grievance_escalation_cost", "social_cost", "remediation_cost", "scf_discount_cost",
            "scf_early_payments", "capability_cost_savings",
        ];
        var outside = KpiCatalog.All.Where(k => k.Part == ModelPart.Social && k.Group != KpiGroup.Social).Select(k => k.Name);
        Assert.Equal(expected.Order(StringComparer.Ordinal), outside.Order(StringComparer.Ordinal));
        Assert.All(KpiCatalog.All.Where(k => k.Group == KpiGroup.Social), k => Assert.Equal(ModelPart.Social, k.Part));
        Assert.Equal([KpiCatalog.All[KpiCatalog.FinancingCost]], KpiCatalog.All.Where(k => k.Part == ModelPart.Financing));
    }

    [Fact]
    public void PartOf_reads_the_kpi_catalogue_then_the_time_series_catalogue()
    {
        Assert.Equal(ModelPart.Core, KpiCatalog.PartOf("fill_rate"));
        Assert.Equal(ModelPart.Financing, KpiCatalog.PartOf("financing_cost"));
        Assert.Equal(ModelPart.Social, KpiCatalog.PartOf("social_cost"));
        Assert.Equal(ModelPart.Social, KpiCatalog.PartOf("grievances_filed")); // time series only
        Assert.Equal(ModelPart.Core, KpiCatalog.PartOf("buyer_on_hand"));     // time series only
        Assert.Null(KpiCatalog.PartOf("no_such_metric"));
    }

    [Fact]
    public void A_scenario_models_social_with_a_social_section_and_financing_with_regional_credit()
    {
        var plain = new NetworkDefinition
        {
            Name = "n",
            HorizonDays = 10,
            Regions = [new RegionDefinition { Id = "r" }],
            Products = [],
            Nodes = [],
        };
        Assert.True(plain.Models(ModelPart.Core));
        Assert.False(plain.Models(ModelPart.Social));
        Assert.False(plain.Models(ModelPart.Financing));

        var credit = plain with { Regions = [new RegionDefinition { Id = "r", Credit = new CreditTerms(0.1, 30) }] };
        Assert.True(credit.Models(ModelPart.Financing));
        Assert.False(credit.Models(ModelPart.Social));
        Assert.True((plain with { Social = new SocialDefinition() }).Models(ModelPart.Social));
    }
}
