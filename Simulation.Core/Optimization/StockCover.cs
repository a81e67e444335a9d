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
///             - A / (f T)                            calibrated absorption (<see cref="AbsorptionDays"/>; 0 by default)
///   loss_s  = max(0, sum_a s_a (1 - availability_cs) + G_p(L))     scenario s of period p
/// </code>
/// G is taken as its lower convex envelope over <see cref="LeadBreakpointsDays"/> (<see cref="CoverLossEnvelope"/>),
/// in the solver and in <see cref="SourcingEvaluation"/> alike, so both see the same function.
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

    /// <summary>
    /// A: days of mean demand per period that stock and later catch-up production recover of supply a
    /// disruption held back, beyond what the safety stock term sees (0 unless calibrated against the
    /// simulation, <see cref="TailCalibration"/>).
    /// It lowers G_p by A / (f T) in every period.
    /// </summary>
    public double AbsorptionDays { get; init; }

    /// <summary>G_p(L) at lead time <paramref name="leadDays"/> exactly (not interpolated).</summary>
    /// <param name="demandFactor">f: the period's mean demand over the mean.</param>
    /// <param name="periodDays">T: the period's length.</param>
    /// <param name="leadDays">L: the mix's mean lead time.</param>
    public double CoverLoss(double demandFactor, double periodDays, double leadDays)
    {
        double need = demandFactor * (ReviewDays + leadDays);
        double absorbed = AbsorptionDays > 0 ? AbsorptionDays / (demandFactor * periodDays) : 0;
        if (!(need > 0))
        {
            return -absorbed;
        }

        double lacking = need - OrderUpToDays;
        return (lacking >= 0 ? lacking / need : lacking / (demandFactor * periodDays)) - absorbed;
    }

    /// <summary>
    /// What the solver sees of G_p: the lower convex envelope of G_p at the breakpoints, linear between
    /// them (clamped to their range). G_p is convex up to the lead time the cover just covers and concave
    /// beyond, so the envelope is exact up to there and a chord beyond (a little below G on the concave
    /// part); a convex G keeps the model a linear program in the lead time, with no ordering binaries.
    /// </summary>
    public double CoverLossEnvelope(double demandFactor, double periodDays, double leadDays)
    {
        var x = LeadBreakpointsDays;
        var g = Envelope(demandFactor, periodDays);
        double lead = Math.Clamp(leadDays, x[0], x[^1]);
        for (int k = 1; k < x.Count; k++)
        {
            if (lead <= x[k])
            {
                double weight = (lead - x[k - 1]) / (x[k] - x[k - 1]);
                return ((1 - weight) * g[k - 1]) + (weight * g[k]);
            }
        }

        return g[^1];
    }

    /// <summary>The lower convex envelope of G_p at every breakpoint (the lower hull, interpolated back onto the breakpoints).</summary>
    public double[] Envelope(double demandFactor, double periodDays)
    {
        var x = LeadBreakpointsDays;
        var g = x.Select(l => CoverLoss(demandFactor, periodDays, l)).ToArray();
        var hull = new List<int>();
        for (int k = 0; k < x.Count; k++)
        {
            // Drop the last hull point while it lies on or above the chord from the one before it to k.
            while (hull.Count >= 2)
            {
                int i = hull[^2], j = hull[^1];
                double chord = g[i] + ((g[k] - g[i]) * (x[j] - x[i]) / (x[k] - x[i]));
                if (g[j] < chord - 1e-15)
                {
                    break;
                }

                hull.RemoveAt(hull.Count - 1);
            }

            hull.Add(k);
        }

        var envelope = new double[x.Count];
        for (int h = 1; h < hull.Count; h++)
        {
            int i = hull[h - 1], j = hull[h];
            for (int k = i; k <= j; k++)
            {
                envelope[k] = g[i] + ((g[j] - g[i]) * (x[k] - x[i]) / (x[j] - x[i]));
            }
        }

        return envelope;
    }

    /// <summary>Checks the values; throws with the first problem.</summary>
    /// <exception cref="ArgumentException">A value is negative or not finite, or the breakpoints are fewer than two or not ascending.</exception>
    public void Validate(string buyer)
    {
        if (!(OrderUpToDays >= 0) || !double.IsFinite(OrderUpToDays) || !(ReviewDays >= 0) || !double.IsFinite(ReviewDays)
            || !(AbsorptionDays >= 0) || !double.IsFinite(AbsorptionDays))
        {
            throw new ArgumentException($"Buyer '{buyer}' has a stock cover with a negative or non-finite order-up-to level, review period or absorption.");
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
