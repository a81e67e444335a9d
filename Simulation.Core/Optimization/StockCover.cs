namespace Simulation.Core.Optimization;

/// <summary>
/// A buyer's own stock as the prediction sees it (docs/optimizer.md, "Stock cover and lead time"): a
/// periodic-review order-up-to policy with lost sales. Its order-up-to level covers the demand of one
/// review period plus the pipeline, whose length is the mix's lead time L_b (transport plus the
/// queue at make-to-order suppliers). In period p, with demand factor f and length T days:
/// <code>
///   h_p(L)  = f (R + L) - C                          days of mean demand the stock lacks (negative: safety stock)
///   G_p(L)  = max(0, 1 - C / (f (R + L)))            lost share of demand when the cover is too short (fluid, lost sales)
///             + min(0, h_p(L)) / (f T)               the safety stock absorbs disrupted supply, once per period
///   loss_s  = max(0, sum_a s_a (1 - availability_cs) + G_p(L))     scenario s of period p
/// </code>
/// G is evaluated piecewise linearly between <see cref="LeadBreakpointsDays"/>, in the solver and in
/// <see cref="SourcingEvaluation"/> alike, so both see the same function.
/// </summary>
/// <param name="OrderUpToDays">C: the order-up-to level in days of mean demand.</param>
/// <param name="ReviewDays">R: days between reviews.</param>
/// <param name="LeadBreakpointsDays">Ascending lead times at which G is evaluated exactly; at least two, spanning every lead time a mix can have.</param>
public sealed record StockCover(double OrderUpToDays, double ReviewDays, IReadOnlyList<double> LeadBreakpointsDays)
{
    /// <summary>
    /// What a unit of demand lost rather than delivered adds to the cost per unit of demand: the margin
    /// lost less the landed cost not paid (at today's mix), at least 0. Charged on the loss beyond the
    /// proportional model's (which the arcs' lost margin already prices), so a safety stock that absorbs
    /// a disruption lowers the cost.
    /// </summary>
    public double ShortfallCostPerUnit { get; init; }

    /// <summary>G_p(L) at lead time <paramref name="leadDays"/> exactly (not interpolated).</summary>
    /// <param name="demandFactor">f: the period's mean demand over the mean.</param>
    /// <param name="periodDays">T: the period's length.</param>
    /// <param name="leadDays">L: the mix's mean lead time.</param>
    public double CoverLoss(double demandFactor, double periodDays, double leadDays)
    {
        double need = demandFactor * (ReviewDays + leadDays);
        if (!(need > 0))
        {
            return 0;
        }

        double lacking = need - OrderUpToDays;
        return lacking >= 0 ? lacking / need : lacking / (demandFactor * periodDays);
    }

    /// <summary>G_p(L) interpolated linearly between the breakpoints (clamped to their range): what the solver sees.</summary>
    public double CoverLossInterpolated(double demandFactor, double periodDays, double leadDays)
    {
        var x = LeadBreakpointsDays;
        double lead = Math.Clamp(leadDays, x[0], x[^1]);
        for (int k = 1; k < x.Count; k++)
        {
            if (lead <= x[k] || k == x.Count - 1)
            {
                double span = x[k] - x[k - 1];
                double weight = span > 0 ? (lead - x[k - 1]) / span : 1;
                return ((1 - weight) * CoverLoss(demandFactor, periodDays, x[k - 1])) + (weight * CoverLoss(demandFactor, periodDays, x[k]));
            }
        }

        return CoverLoss(demandFactor, periodDays, x[0]);
    }

    /// <summary>Checks the values; throws with the first problem.</summary>
    /// <exception cref="ArgumentException">A value is negative or not finite, or the breakpoints are fewer than two or not ascending.</exception>
    public void Validate(string buyer)
    {
        if (!(OrderUpToDays >= 0) || !double.IsFinite(OrderUpToDays) || !(ReviewDays >= 0) || !double.IsFinite(ReviewDays))
        {
            throw new ArgumentException($"Buyer '{buyer}' has a stock cover with a negative or non-finite order-up-to level or review period.");
        }

        if (LeadBreakpointsDays.Count < 2 || LeadBreakpointsDays.Any(x => !(x >= 0) || !double.IsFinite(x))
            || LeadBreakpointsDays.Zip(LeadBreakpointsDays.Skip(1)).Any(p => !(p.Second > p.First)))
        {
            throw new ArgumentException($"Buyer '{buyer}' needs at least two ascending, finite, non-negative lead-time breakpoints.");
        }
    }
}

/// <summary>
/// The queue a make-to-order candidate adds to its buyers' lead time, as a function of its share v of
/// all demand: q(v) = v x W(v), W the mean wait of a unit from order to shipment (docs/optimizer.md,
/// "Stock cover and lead time"). Given at breakpoints; between them the largest of the segments' lines.
/// </summary>
/// <param name="Shares">Ascending shares v_k of all demand, the first 0.</param>
/// <param name="QueueDays">q(v_k) in days of lead time (share x wait days), non-decreasing and convex.</param>
public sealed record QueueCurve(IReadOnlyList<double> Shares, IReadOnlyList<double> QueueDays)
{
    /// <summary>q(v): the largest of the segments' lines at v (for a convex curve, linear interpolation), as the solver's rows see it.</summary>
    public double At(double share)
    {
        double value = QueueDays[0];
        for (int k = 1; k < Shares.Count; k++)
        {
            double slope = (QueueDays[k] - QueueDays[k - 1]) / (Shares[k] - Shares[k - 1]);
            value = Math.Max(value, QueueDays[k - 1] + (slope * (share - Shares[k - 1])));
        }

        return value;
    }
}
