namespace Simulation.Core.Network;

/// <summary>
/// The coverage and concentration of every sourcing stock (re-sourcing, see Resourcing.cs's header):
/// owns each stock's coverage state and HHI, the per-tier sums, and their time integrals
/// (days without full supply, HHI areas by tier). Reads the current shares, which re-sourcing owns.
/// </summary>
internal sealed class SourcingCoverage
{
    private readonly Node[] _nodes;
    private readonly Link[] _links;
    private readonly Stock[] _stocks;
    private readonly double[] _share;
    private readonly bool[] _uncoveredNow;
    private readonly double[] _hhi;
    private readonly int[] _sourceTier;
    private readonly double[] _hhiSum = new double[3];
    private readonly int[] _hhiCount = new int[3];
    private int _uncovered;
    private double _accruedTo;
    private ResourcingTotals _areas;

    /// <param name="nodes">The nodes.</param>
    /// <param name="links">The links.</param>
    /// <param name="stocks">The stocks.</param>
    /// <param name="share">Every link's current share (re-sourcing's, read only here).</param>
    public SourcingCoverage(Node[] nodes, Link[] links, Stock[] stocks, double[] share)
    {
        _nodes = nodes;
        _links = links;
        _stocks = stocks;
        _share = share;
        _uncoveredNow = new bool[stocks.Length];
        _hhi = new double[stocks.Length];
        _sourceTier = new int[stocks.Length];
        foreach (var stock in stocks)
        {
            _sourceTier[stock.Index] = stock.LinkCount > 0 ? stock.Owner.Tier + 1 : 0;
        }
    }

    /// <summary>Copies the integrals (as of the last <see cref="Accrue"/>) into <paramref name="totals"/>.</summary>
    public void FillAreas(ref ResourcingTotals totals)
    {
        totals.DaysWithoutFullSupply = _areas.DaysWithoutFullSupply;
        totals.HhiArea1 = _areas.HhiArea1;
        totals.HhiArea2 = _areas.HhiArea2;
        totals.HhiArea3 = _areas.HhiArea3;
    }

    /// <summary>Recomputes the coverage and concentration of stock <paramref name="stockIndex"/> after its shares or sources changed.</summary>
    public void Update(int stockIndex)
    {
        var stock = _stocks[stockIndex];
        if (stock.LinkCount == 0)
        {
            return;
        }

        double coverage = 0;
        double squares = 0;
        if (stock.Owner.Active)
        {
            for (int l = stock.FirstLink; l < stock.FirstLink + stock.LinkCount; l++)
            {
                var n = _nodes[_links[l].Supplier];
                if (n.Active && !n.OrdersSuspended && _share[l] > 0)
                {
                    coverage += _share[l];
                    squares += _share[l] * _share[l];
                }
            }
        }

        // A stock whose owner left no longer sources: it is not counted from then on.
        bool uncovered = stock.Owner.Active && coverage < 1 - 1e-6;
        _uncovered += (uncovered ? 1 : 0) - (_uncoveredNow[stockIndex] ? 1 : 0);
        _uncoveredNow[stockIndex] = uncovered;

        int tier = _sourceTier[stockIndex];
        double hhi = coverage > 0 ? squares / (coverage * coverage) : 0;
        if (tier is >= 1 and <= 3)
        {
            int t = tier - 1;
            if (_hhi[stockIndex] > 0)
            {
                _hhiSum[t] -= _hhi[stockIndex];
                _hhiCount[t]--;
            }

            if (hhi > 0)
            {
                _hhiSum[t] += hhi;
                _hhiCount[t]++;
            }
        }

        _hhi[stockIndex] = hhi;
    }

    /// <summary>Brings the integrals up to <paramref name="now"/> (call before a change).</summary>
    public void Accrue(double now)
    {
        double dt = now - _accruedTo;
        if (!(dt > 0))
        {
            return;
        }

        _areas.DaysWithoutFullSupply += dt * _uncovered;
        _areas.HhiArea1 += dt * Mean(0);
        _areas.HhiArea2 += dt * Mean(1);
        _areas.HhiArea3 += dt * Mean(2);
        _accruedTo = now;
    }

    private double Mean(int t) => _hhiCount[t] > 0 ? _hhiSum[t] / _hhiCount[t] : 0;
}
