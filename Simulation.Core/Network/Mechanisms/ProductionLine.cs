namespace Simulation.Core.Network;

/// <summary>
/// One supplier's production line, owned by <see cref="Production"/> (one per node, in an array).
/// Due: units still to make; Wip: units started and not yet output (a batch, or a daily run); the
/// running batch's work left, rate and end, re-timed when the rate changes; the daily run's
/// capacity-days (integral of the capacity fraction) since the day began.
/// </summary>
internal struct ProductionLine
{
    public bool MakeToOrder;
    public bool DailyRuns;
    public bool Busy;
    public bool InLoop;

    /// <summary>Cash held back production today (all or part of it): a liquidity stress day.</summary>
    public bool CashBlocked;
    public double Due;
    public double Wip;
    public double WorkLeft;
    public double Rate;
    public double LastRateChange;
    public double BatchEnd;
    public double CapacityArea;
    public double CapacitySince;

    /// <summary>Starts a batch of <paramref name="units"/> at <paramref name="rate"/> per day; returns its duration.</summary>
    public double StartBatch(double now, double units, double rate)
    {
        Busy = true;
        Wip = units;
        WorkLeft = units;
        Rate = rate;
        LastRateChange = now;
        double duration = units / rate;
        BatchEnd = now + duration;
        return duration;
    }

    /// <summary>
    /// The running batch continues at <paramref name="rate"/> from <paramref name="now"/>: returns the
    /// delay to its new end, or null when none is to be scheduled (done at this very instant, its
    /// completion already scheduled for now; or paused while the rate is 0).
    /// </summary>
    public double? Retime(double now, double rate)
    {
        WorkLeft = Math.Max(0, WorkLeft - (Rate * (now - LastRateChange)));
        LastRateChange = now;
        Rate = rate;
        if (WorkLeft <= NetworkModel.Epsilon)
        {
            return null;
        }

        if (Rate > 0)
        {
            double duration = WorkLeft / Rate;
            BatchEnd = now + duration;
            return duration;
        }

        BatchEnd = double.NaN; // paused until capacity returns
        return null;
    }

    /// <summary>Adds the capacity-days since the last change at <paramref name="fraction"/> up to <paramref name="now"/>.</summary>
    public void AccrueCapacityDays(double now, double fraction)
    {
        CapacityArea += fraction * (now - CapacitySince);
        CapacitySince = now;
    }

    /// <summary>The day's capacity-days up to <paramref name="now"/>; the next day's start from 0.</summary>
    public double TakeCapacityDays(double now, double fraction)
    {
        double days = CapacityArea + (fraction * (now - CapacitySince));
        CapacityArea = 0;
        CapacitySince = now;
        return days;
    }

    /// <summary>The supplier left: nothing is running or due.</summary>
    public void Stop()
    {
        Busy = false;
        BatchEnd = double.NaN;
        Due = 0;
        Wip = 0;
    }
}
