// Import ban (DESIGN.md section 5, mechanism 11; docs/model.md).
//
//   from start_day, every supplier has a taint share: 1 with an open, detected finding in a banned
//   category, else the largest over its inputs of sum(share_i * taint_i) / sum(share_i) over the
//   input's sources in the chain (traced up the bill of materials, deepest tier first, recomputed at
//   the end of each day a finding opened or closed). A shipment into a buyer or distribution centre
//   in the ban's markets is detained with probability taint (the supplier's detention stream): the
//   goods are lost, unpaid.
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;

namespace Simulation.Core.Network;

/// <summary>
/// An import ban (see the file header): owns the banned categories, each supplier's open banned
/// findings, taint and detention stream, and which buyer-side nodes it applies to. Shipping asks
/// <see cref="IsDetained"/>.
/// </summary>
internal sealed class ImportBan
{
    private static readonly ulong DetentionKey = StableHash.Of("detention");

    private readonly ImportBanDefinition _ban;
    private readonly bool[] _bannedCategory;
    private readonly bool[] _customer;
    private readonly Node[] _nodes;
    private readonly Link[] _links;
    private readonly SupplierSocial[] _byTierDescending;
    private readonly int[] _findings;
    private readonly double[] _taint;
    private readonly RandomStream[] _detention;
    private readonly SocialLedger _ledger;
    private bool _dirty;
    private bool _active;

    /// <param name="ban">The ban.</param>
    /// <param name="compliance">The violation categories.</param>
    /// <param name="suppliers">Every supplier's social record, in definition order.</param>
    /// <param name="customer">Per node index: whether shipments into it are checked (buyer side in the ban's markets).</param>
    /// <param name="nodes">The nodes (taint is traced up their inputs' sources).</param>
    /// <param name="links">The links.</param>
    /// <param name="streams">The replication's streams (one detention stream per supplier).</param>
    /// <param name="ledger">The social totals.</param>
    public ImportBan(ImportBanDefinition ban, Compliance compliance, SupplierSocial[] suppliers, bool[] customer, Node[] nodes, Link[] links, StreamFactory streams, SocialLedger ledger)
    {
        _ban = ban;
        _customer = customer;
        _nodes = nodes;
        _links = links;
        _ledger = ledger;
        _bannedCategory = new bool[compliance.CategoryCount];
        for (int c = 0; c < _bannedCategory.Length; c++)
        {
            _bannedCategory[c] = RiskSegmentation.Contains(ban.Categories, compliance.CategoryOf(c));
        }

        _byTierDescending = [.. suppliers.OrderByDescending(s => s.Node.Tier).ThenBy(s => s.Node.Index)];
        _findings = new int[suppliers.Length];
        _taint = new double[suppliers.Length];
        _detention = SupplierStreams.Create(suppliers, streams, DetentionKey);
    }

    /// <summary>A finding: one more open banned finding at the supplier when its category is banned.</summary>
    public void Detected(SupplierSocial s, Violation v)
    {
        if (_bannedCategory[v.Category])
        {
            _findings[s.Index]++;
            _dirty = true;
        }
    }

    /// <summary>The violation was fixed: a banned finding closes.</summary>
    public void Closed(SupplierSocial s, Violation v)
    {
        if (v.Detected && _bannedCategory[v.Category])
        {
            _findings[s.Index]--;
            _dirty = true;
        }
    }

    /// <summary>The supplier left the chain: its banned findings no longer taint goods.</summary>
    public void LeftChain(SupplierSocial s)
    {
        foreach (var v in s.Open)
        {
            Closed(s, v);
        }
    }

    /// <summary>At the end of day <paramref name="now"/>: recomputes which suppliers are tainted, deepest tier first, when findings changed.</summary>
    public void Update(double now)
    {
        if (now < _ban.StartDay)
        {
            return;
        }

        if (now > _ban.EndDay)
        {
            _active = false;
            return;
        }

        if (!_active)
        {
            _active = true;
            _dirty = true;
        }

        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        foreach (var s in _byTierDescending)
        {
            _taint[s.Index] = s.InChain && _findings[s.Index] > 0 ? 1 : InputTaint(s.Node);
        }
    }

    /// <summary>
    /// Hook of delivery (shipping): whether the ban detains this shipment into the buyer side (with
    /// probability the supplier's taint); if so it is counted and the goods are lost.
    /// </summary>
    public bool IsDetained(Node customer, Node supplier, double quantity)
    {
        if (!_active || !customer.IsBuyerSide || !_customer[customer.Index] || supplier.Social is not { } s)
        {
            return false;
        }

        double taint = _taint[s.Index];
        if (!(taint > 0) || (taint < 1 && _detention[s.Index].NextDouble() >= taint))
        {
            return false;
        }

        _ledger.Sum.DetainedShipments++;
        _ledger.Sum.DetainedUnits += quantity;
        return true;
    }

    /// <summary>The largest share-weighted taint over the supplier's inputs (0 without inputs).</summary>
    private double InputTaint(Node n)
    {
        double taint = 0;
        foreach (var input in n.Inputs)
        {
            double shares = 0;
            double tainted = 0;
            int end = input.FirstLink + input.LinkCount;
            for (int i = input.FirstLink; i < end; i++)
            {
                ref readonly var link = ref _links[i];
                var supplier = _nodes[link.Supplier];
                if (supplier.Active && link.Share > 0)
                {
                    shares += link.Share;
                    tainted += link.Share * (supplier.Social is { } s ? _taint[s.Index] : 0);
                }
            }

            if (shares > 0)
            {
                taint = Math.Max(taint, tainted / shares);
            }
        }

        return taint;
    }
}
