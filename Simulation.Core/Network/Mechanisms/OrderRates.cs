namespace Simulation.Core.Network;

/// <summary>
/// The order rates re-sourcing sizes moved shares by (Resourcing.cs's header): per stock, the units
/// it orders per day, and per node, the units it is ordered per day, as exponential averages of the
/// daily totals with mean age 28 days, bias-corrected. Owns those averages and today's totals.
/// </summary>
internal sealed class OrderRates
{
    private const double RateMeanAgeDays = 28;
    private const double Alpha = 1 / RateMeanAgeDays;

    private readonly Link[] _links;
    private readonly double[] _stockRate;
    private readonly double[] _stockToday;
    private readonly double[] _stockTotal;
    private readonly double[] _nodeRate;
    private readonly double[] _nodeToday;
    private int _days;

    /// <param name="links">The links (an order names its link).</param>
    /// <param name="stocks">Number of stocks.</param>
    /// <param name="nodes">Number of nodes.</param>
    public OrderRates(Link[] links, int stocks, int nodes)
    {
        _links = links;
        _stockRate = new double[stocks];
        _stockToday = new double[stocks];
        _stockTotal = new double[stocks];
        _nodeRate = new double[nodes];
        _nodeToday = new double[nodes];
    }

    /// <summary>Ordering placed <paramref name="quantity"/> on <paramref name="link"/> (hot path).</summary>
    public void Ordered(int link, double quantity)
    {
        ref readonly var l = ref _links[link];
        _stockToday[l.Customer] += quantity;
        _nodeToday[l.Supplier] += quantity;
    }

    /// <summary>The day's end: today's totals enter the averages.</summary>
    public void EndOfDay()
    {
        _days++;
        for (int k = 0; k < _stockRate.Length; k++)
        {
            _stockRate[k] += Alpha * (_stockToday[k] - _stockRate[k]);
            _stockTotal[k] += _stockToday[k];
            _stockToday[k] = 0;
        }

        for (int n = 0; n < _nodeRate.Length; n++)
        {
            _nodeRate[n] += Alpha * (_nodeToday[n] - _nodeRate[n]);
            _nodeToday[n] = 0;
        }
    }

    /// <summary>Re-sourcing placed <paramref name="volume"/> per day on <paramref name="node"/>: later placements see the load to come.</summary>
    public void Reserve(int node, double volume) => _nodeRate[node] += volume;

    // Not below the mean since day 0: a stock whose sources all left orders nothing, and its recent
    // rate would fall to 0 just when the replacement must be sized.
    /// <summary>Units stock <paramref name="stock"/> orders per day.</summary>
    public double StockRate(int stock) => _days == 0 ? 0 : Math.Max(_stockRate[stock] / Correction(), _stockTotal[stock] / _days);

    /// <summary>Units node <paramref name="node"/> is ordered per day (with reservations).</summary>
    public double NodeRate(int node) => _days == 0 ? 0 : _nodeRate[node] / Correction();

    // The average starts at 0: dividing by 1 - (1 - a)^days makes it the weighted mean of the days seen.
    private double Correction() => 1 - Math.Pow(1 - Alpha, _days);
}
