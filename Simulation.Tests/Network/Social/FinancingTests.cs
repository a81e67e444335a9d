using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Tests.Network.Social;

/// <summary>
/// The financing part alone: a supply-chain finance offer of buyer b (paid after 15 days at 3.65% a
/// year, 1 point off for capability at least 0.6 and no overdue plan) on a payment of 1,000 due
/// after 60 days.
/// </summary>
public sealed class FinancingTests
{
    [Fact]
    public void An_eligible_supplier_is_paid_early_less_the_outcome_linked_discount()
    {
        var (financing, buyer, supplier, s, ledger, _) = Build(capability: 0.7, overdue: 0);
        double terms = 60;
        double amount = 1000;

        financing.Apply(buyer, supplier, now: 10, ref terms, ref amount);

        // 2.65% for 45 days: 1000 * 0.0265 * 45 / 365; the point off is worth 1000 * 0.01 * 45 / 365.
        Assert.Equal(15, terms);
        Assert.Equal(1000 - (1000 * 0.0265 * 45 / 365), amount, 9);
        Assert.Equal(1000 * 0.0265 * 45 / 365, ledger.Sum.ScfDiscount, 9);
        Assert.Equal(1000 * 0.01 * 45 / 365, ledger.Sum.OutcomeLinkedDiscount, 9);
        Assert.Equal(amount, ledger.Sum.ScfEarlyPayments, 9);
        var seen = financing.SeenBy(s);
        Assert.Equal(1000 * 45.0 / 365, seen.RateBase, 9); // amount-years the rate applies to
        Assert.Equal(0.6, seen.Target);
        Assert.Equal(0.01, seen.Discount);
    }

    [Fact]
    public void An_overdue_plan_forfeits_the_discount()
    {
        var (financing, buyer, supplier, _, ledger, _) = Build(capability: 0.7, overdue: 1);
        double terms = 60;
        double amount = 1000;

        financing.Apply(buyer, supplier, now: 10, ref terms, ref amount);

        Assert.Equal(1000 - 4.5, amount, 9); // 1000 * 0.0365 * 45 / 365
        Assert.Equal(0, ledger.Sum.OutcomeLinkedDiscount);
    }

    [Fact]
    public void Terms_shorter_than_the_offer_are_left_alone()
    {
        var (financing, buyer, supplier, _, ledger, _) = Build(capability: 0.7, overdue: 0);
        double terms = 10;
        double amount = 1000;

        financing.Apply(buyer, supplier, now: 10, ref terms, ref amount);

        Assert.Equal(10, terms);
        Assert.Equal(1000, amount);
        Assert.Equal(0, ledger.Sum.ScfDiscount);
    }

    private static (Financing, Node, Node, SupplierSocial, SocialLedger, RecordingAccounts) Build(double capability, int overdue)
    {
        var buyer = new Node(0, new NodeDefinition
        {
            Id = "b",
            Role = NodeRole.Buyer,
            RegionId = "r",
            ProductId = "p",
            Stock = new StockDefinition { ProductId = "p" },
        }, region: 0);
        var supplierNode = SocialTestSupport.Supplier(index: 1);
        var ledger = new SocialLedger();
        var accounts = new RecordingAccounts(dailyCost: 100);
        var compliance = new Compliance(
            new ComplianceDefinition { Categories = [new ViolationCategoryDefinition(ViolationCategory.WagesAndHours, 1, 0.1)] },
            ledger,
            new RecordingViolationEvents());
        var s = compliance.CreateSupplier(supplierNode, 0, new StreamFactory(2));
        s.Capability = capability;
        supplierNode.Social = s;
        var social = new SocialDefinition
        {
            SupplyChainFinance = [new SupplyChainFinanceDefinition { Id = "scf", Buyer = "b", PayAfterDays = 15, AnnualRate = 0.0365, CapabilityTarget = 0.6, RateDiscount = 0.01 }],
        };
        var index = new Dictionary<string, int>(StringComparer.Ordinal) { ["b"] = 0, ["s"] = 1 };
        var financing = new Financing(social, 2, index, [s], ledger, accounts, new FixedOverdue(overdue));
        return (financing, buyer, supplierNode, s, ledger, accounts);
    }

    private sealed class FixedOverdue(int count) : IOverdueFindings
    {
        public int OverdueCountOf(SupplierSocial s) => count;
    }
}
