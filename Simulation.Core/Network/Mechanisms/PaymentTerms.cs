// Payment terms (docs/model.md, supplier economics): goods delivered at t are paid for at the end of
// day ceil(t + T), T the payer's PaymentTermsDays (a step function over time), lengthened by
// pass-through: T = T0 + f * max(0, T_in - T0), T_in the amount-weighted mean days to payment of every
// payment owed to the payer so far (after supply-chain finance, which may shorten a payee's wait for a
// discount). Deliveries on one link due the same day are one payment.
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Network;

/// <summary>
/// Payment terms, owned by economics: the payment book of deliveries owed and, per node, the
/// amount-weighted days to payment of what it is owed (for pass-through); supply-chain finance may
/// change a payment's days and amount through its hook.
/// </summary>
internal sealed class PaymentTerms
{
    private readonly Simulator _sim;
    private readonly ISupplyChainFinance? _finance;
    private readonly double[] _termsInWeighted; // by node: sum over payments owed to it of amount * days to payment
    private readonly double[] _termsInAmount;   // and of amount

    /// <summary>Terms for a run whose last day end is <paramref name="lastDay"/>; <paramref name="finance"/> null without supply-chain finance.</summary>
    public PaymentTerms(Simulator sim, int lastDay, int linkCount, int nodeCount, ISupplyChainFinance? finance)
    {
        _sim = sim;
        _finance = finance;
        Book = new PaymentBook(lastDay, linkCount);
        _termsInWeighted = new double[nodeCount];
        _termsInAmount = new double[nodeCount];
    }

    /// <summary>The payments owed, by the day they are due.</summary>
    public PaymentBook Book { get; }

    /// <summary>Records that <paramref name="payer"/> owes <paramref name="amount"/> for goods delivered now on a link.</summary>
    public void Schedule(int link, Node payer, Node payee, double amount)
    {
        if (!(amount > 0))
        {
            return;
        }

        // Scheduled terms (a step function over time), then pass-through: a payer whose own customers
        // pay late pays its suppliers later too.
        double terms = payer.Definition.PaymentTermsDaysChanges.ValueAt(payer.PaymentTermsDays, _sim.Now);
        if (payer.PaymentTermsPassThrough > 0 && _termsInAmount[payer.Index] > 0)
        {
            terms += payer.PaymentTermsPassThrough * Math.Max(0, (_termsInWeighted[payer.Index] / _termsInAmount[payer.Index]) - terms);
        }

        // Social hook: supply-chain finance pays an eligible supplier early, less the discount (Social/Financing.cs).
        _finance?.Apply(payer, payee, ref terms, ref amount);
        _termsInWeighted[payee.Index] += amount * terms;
        _termsInAmount[payee.Index] += amount;

        // Due at t + terms; settled at the end of that day (the first day-end at or after it).
        int day = Math.Max(1, (int)Math.Ceiling(_sim.Now + terms - NetworkModel.Epsilon));
        if (day <= Book.LastDay)
        {
            Book.Add(day, link, payer.Index, payee.Index, amount);
        }
    }

    /// <summary>Returns the payment book's pooled arrays.</summary>
    public void Release() => Book.Release();
}
