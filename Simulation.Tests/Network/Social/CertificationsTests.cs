using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// The certification part alone, on a hand-built certified supplier: the hazard factor, the premium
/// per unit, the yearly fee from day 365, and a suspension by a finding in a listed category.
/// Premium 3 a unit, fee 2 days of a 100-a-day cost, hazard factor 0.5, suspended by forced labour.
/// </summary>
public sealed class CertificationsTests
{
    [Fact]
    public void Premium_every_window_and_the_fee_from_day_365()
    {
        var (certifications, s, _, ledger, accounts) = Build();
        Assert.Equal(0.5, certifications.HazardFactor(s));

        certifications.ApplyWindow(s, now: 364, units: 100);
        Assert.Equal(300, accounts.PremiumsReceived);
        Assert.Equal(300, accounts.ChargedToBuyers);
        Assert.Equal(0, accounts.PaidBySupplier);

        certifications.ApplyWindow(s, now: 371, units: 100);
        Assert.Equal(600, ledger.Sum.CertificationCost);
        Assert.Equal(200, accounts.PaidBySupplier); // the first yearly fee, due on day 365
    }

    [Fact]
    public void A_finding_in_a_listed_category_suspends_the_certificate_until_fixed()
    {
        var (certifications, s, compliance, _, accounts) = Build();
        var forced = new Violation { Category = 1 };
        var wages = new Violation { Category = 0 };

        certifications.Detected(s, wages);
        Assert.False(wages.SuspendsCertificate);

        certifications.Detected(s, forced);
        Assert.True(forced.SuspendsCertificate);
        Assert.Equal(1, certifications.HazardFactor(s));
        certifications.ApplyWindow(s, now: 7, units: 100);
        Assert.Equal(0, accounts.PremiumsReceived);

        certifications.Closed(s, forced);
        Assert.Equal(0.5, certifications.HazardFactor(s));
        Assert.Equal(ViolationCategory.ForcedOrChildLabour, compliance.CategoryOf(forced.Category));
    }

    private static (Certifications, SupplierSocial, Compliance, SocialLedger, RecordingAccounts) Build()
    {
        var definition = new ComplianceDefinition
        {
            Categories =
            [
                new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 1, 0.1),
                new ViolationCategoryDefinition(ViolationCategory.ForcedOrChildLabour, 1, 0.1),
            ],
        };
        var ledger = new SocialLedger();
        var accounts = new RecordingAccounts(dailyCost: 100);
        var compliance = new Compliance(definition, ledger, new RecordingViolationEvents());
        var s = compliance.CreateSupplier(SocialTestSupport.Supplier(certifications: ["rspo"]), 0, new StreamFactory(1));
        var certifications = new Certifications(
            [new CertificationDefinition { Id = "rspo", HazardFactor = 0.5, PremiumPerUnit = 3, AnnualFeeDays = 2, SuspendOn = [ViolationCategory.ForcedOrChildLabour] }],
            [s],
            compliance,
            ledger,
            accounts);
        return (certifications, s, compliance, ledger, accounts);
    }
}
