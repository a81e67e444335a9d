// The model's clock: the kernel run to the horizon, with shipments in transit delivered at their exact
// instants without a kernel event each.
//
// Shipments in transit wait in an ArrivalCalendar, not in the kernel: delivering them is the model's
// innermost loop (millions per run in dense networks), so it must not cost a kernel event, an object
// and several cache misses each. Run keeps the exact semantics of one kernel event per shipment at
// ArrivalPriority: same times, same order.
using Simulation.Core.Engine;

namespace Simulation.Core.Network;

/// <summary>
/// Runs the kernel to the horizon and owns the shipments in transit (an <see cref="ArrivalCalendar"/>)
/// and the arrival tick. Fulfilment dispatches shipments into it and delivers them when it calls back.
/// </summary>
internal sealed class ArrivalClock
{
    private readonly Simulator _sim;
    private readonly double _horizon;
    private readonly ArrivalCalendar _calendar;
    private readonly Action _arrivalTick;
    private Action _deliverDue = static () => { };
    private double _arrivalTickAt = double.NaN;
    private double _runUntil = double.PositiveInfinity;
    private double _pausedTowards = double.NaN; // where the kernel was heading when RunUntil paused

    /// <summary>A clock for a run of <paramref name="horizon"/> days on <paramref name="sim"/>.</summary>
    public ArrivalClock(Simulator sim, double horizon)
    {
        _sim = sim;
        _horizon = horizon;
        _calendar = new ArrivalCalendar(horizon);
        _arrivalTick = OnArrivalTick;
    }

    /// <summary>Puts a shipment in transit before the run starts (a steady-state pipeline); false if it arrives at or after the horizon.</summary>
    public bool AddBeforeStart(double time, int link, int stock, int supplier, double quantity, long orderId, double placedAt) =>
        _calendar.Add(time, link, stock, supplier, quantity, orderId, placedAt);

    /// <summary>Puts a shipment made now in transit, to arrive at <paramref name="time"/>; the kernel stops there for it.</summary>
    public void Dispatch(double time, int link, int stock, int supplier, double quantity, long orderId, double placedAt)
    {
        if (_calendar.Add(time, link, stock, supplier, quantity, orderId, placedAt) && time < _runUntil && !(time >= _arrivalTickAt))
        {
            // The kernel is running towards a later time: it must stop here for this arrival.
            ScheduleArrivalTick(time);
        }
    }

    /// <summary>Takes the next shipment due by <paramref name="now"/>, in arrival order; false when none is.</summary>
    public bool TryTakeDue(double now, out ArrivalCalendar.Arrival arrival)
    {
        if (_calendar.TryPeek(out double time) && time <= now)
        {
            arrival = _calendar.Take();
            return true;
        }

        arrival = default;
        return false;
    }

    /// <summary>
    /// Runs the kernel up to <paramref name="until"/> or the horizon, whichever is earlier, calling
    /// <paramref name="deliverDue"/> whenever shipments are due; returns true once the horizon is reached.
    /// The kernel runs up to the next arrival time; if no kernel entry shares that instant, the
    /// shipments due are delivered right there, without a kernel event. Otherwise (a tie, which fixed
    /// lead times make common), or for a shipment made while the kernel runs towards a later time, an
    /// arrival tick at <see cref="NetworkModel.ArrivalPriority"/> lets the kernel's order decide,
    /// delivers, and stops the run so that this loop takes over again. Either way shipments are
    /// delivered at their exact times, in (time, shipping order), after demand and before reviews at
    /// the same instant.
    /// </summary>
    /// <remarks>
    /// Runs to successive times are one run to the last of them, event for event: a run that reaches
    /// <paramref name="until"/> while the kernel is heading for a later arrival (or the horizon)
    /// pauses there, and the next run resumes towards that same time, as if it had not paused.
    /// </remarks>
    public bool RunUntil(Action deliverDue, double until)
    {
        _deliverDue = deliverDue;
        double pause = Math.Min(until, _horizon);
        while (true)
        {
            // The run is [0, horizon): Run(until) leaves the entries at exactly `until` (docs/model.md).
            double next = double.IsNaN(_pausedTowards)
                ? (_calendar.TryPeek(out double upcoming) ? Math.Min(upcoming, _horizon) : _horizon)
                : _pausedTowards;
            _pausedTowards = double.NaN;
            _runUntil = next;
            double stop = Math.Min(next, pause);
            _sim.Run(stop);
            if (_sim.Now < stop)
            {
                continue; // an arrival tick stopped the run early
            }

            if (stop < next)
            {
                _pausedTowards = next; // resumed by the next call
                return false;
            }

            if (next >= _horizon)
            {
                break;
            }

            if (!(_calendar.TryPeek(out double arrival) && arrival <= _sim.Now))
            {
                continue; // delivered meanwhile by an arrival tick
            }

            if (_sim.PeekTime() <= _sim.Now)
            {
                _runUntil = Math.BitIncrement(_sim.Now);
                ScheduleArrivalTick(_sim.Now);
                _sim.Run(_runUntil);
                continue;
            }

            // While delivering, anything shipped to arrive now is picked up by the delivery loop
            // (the tick time is now, so no tick is scheduled for it).
            _arrivalTickAt = _sim.Now;
            _deliverDue();
            _arrivalTickAt = double.NaN;
        }

        _runUntil = double.PositiveInfinity;
        return true;
    }

    /// <summary>Returns the calendar's pooled arrays.</summary>
    public void Release() => _calendar.Release();

    /// <summary>Makes sure the kernel wakes the model at <paramref name="time"/> for an arrival.</summary>
    private void ScheduleArrivalTick(double time)
    {
        double delay = Math.Max(0, time - _sim.Now);

        // The kernel fires at Now + delay; keep that exact value to recognise the live tick.
        _arrivalTickAt = _sim.Now + delay;
        _sim.Schedule(delay, _arrivalTick, NetworkModel.ArrivalPriority);
    }

    private void OnArrivalTick()
    {
        if (_sim.Now != _arrivalTickAt)
        {
            return; // superseded by an earlier tick, which has delivered these shipments
        }

        _deliverDue();
        _arrivalTickAt = double.NaN;

        // Hand the clock back to Run, which runs on towards the next arrival.
        _sim.Stop();
    }
}
