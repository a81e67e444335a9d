using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Tests.Network.Social;

/// <summary>Hand-built suppliers and recording fakes for testing the social parts alone (no model, no run).</summary>
internal static class SocialTestSupport
{
    /// <summary>A supplier node with <paramref name="workers"/> workers, outside any network.</summary>
    public static Node Supplier(string id = "s", int workers = 200, int index = 0, IReadOnlyList<string>? certifications = null) => new(index, new NodeDefinition
    {
        Id = id,
        Role = NodeRole.Supplier,
        Tier = 1,
        RegionId = "r",
        ProductId = "p",
        Stock = new StockDefinition { ProductId = "p" },
        Workers = workers,
        Certifications = certifications ?? [],
    }, region: 0);
}

/// <summary>Records what compliance reports about violations.</summary>
internal sealed class RecordingViolationEvents : IViolationEvents
{
    public List<(Violation Violation, double At)> Arisen { get; } = [];

    public List<(Violation Violation, double At)> Closed { get; } = [];

    public List<double> LeftChain { get; } = [];

    void IViolationEvents.Arisen(SupplierSocial s, Violation v, double t) => Arisen.Add((v, t));

    void IViolationEvents.Closed(SupplierSocial s, Violation v, double t) => Closed.Add((v, t));

    void IViolationEvents.LeftChain(SupplierSocial s, double t) => LeftChain.Add(t);
}

/// <summary>A supplier's accounts with a fixed daily cost; records every booking.</summary>
internal sealed class RecordingAccounts(double dailyCost) : ISupplierAccounts
{
    public double ChargedToBuyers { get; private set; }

    public double PaidBySupplier { get; private set; }

    public void ChargeBuyers(Node supplier, double amount) => ChargedToBuyers += amount;

    public void PayCost(Node supplier, double amount) => PaidBySupplier += amount;

    public void ReceiveSavings(Node supplier, double amount) => PaidBySupplier -= amount;

    public double PremiumsReceived { get; private set; }

    public void ReceivePremium(Node supplier, double amount) => PremiumsReceived += amount;

    public void BookFinanceDiscount(Node supplier, double discount)
    {
    }

    public void OpenCreditLine(Node supplier, double limit, double dailyRate)
    {
    }

    public double DailyCostOf(Node supplier) => dailyCost;

    public double FundsOf(Node supplier) => 0;

    public double CreditLimitOf(Node supplier) => 0;

    public double RevenueOf(Node supplier) => 0;

    public double MarginOf(Node supplier) => 0;
}

/// <summary>Suspension and termination as ordering would do them (the flag), recorded.</summary>
internal sealed class RecordingSourcing : ISourcingActions
{
    public List<string> Calls { get; } = [];

    public void Suspend(Node supplier)
    {
        supplier.OrdersSuspended = true;
        Calls.Add("suspend " + supplier.Id);
    }

    public void Reinstate(Node supplier)
    {
        supplier.OrdersSuspended = false;
        Calls.Add("reinstate " + supplier.Id);
    }

    public void Terminate(Node supplier) => Calls.Add("terminate " + supplier.Id);
}

/// <summary>A fixed answer to whether a supplier is a backup candidate only.</summary>
internal sealed class FixedStanding(bool candidateOnly) : ISourcingStanding
{
    public bool IsCandidateOnly(Node n) => candidateOnly;
}

/// <summary>Detection responses with a fixed assistance answer and no expediting; counts detections.</summary>
internal sealed class FixedResponses(bool assisted) : IDetectionResponses
{
    public int Detections { get; private set; }

    public void Detected(SupplierSocial s, Violation v, double t) => Detections++;

    public bool IsAssisted(SupplierSocial s, double t) => assisted;

    public bool Expedites(SupplierSocial s, Violation v, double t) => false;
}
