using System.Globalization;

namespace Simulation.Core.Statistics;

/// <summary>
/// The time average and maximum of a level that is constant between updates, such as a queue
/// length or an inventory position, over simulated time.
/// </summary>
/// <remarks>
/// A level held for longer weighs more: 2 units for 3 days then 5 units for 1 day average
/// (2 * 3 + 5 * 1) / 4 = 2.75, not (2 + 5) / 2. The integral is accumulated at each update, so
/// memory is constant whatever the number of updates.
/// </remarks>
public sealed class TimeWeightedStatistics
{
    private readonly double _startTime;
    private double _lastTime;
    private double _area;

    /// <summary>Starts observing at <paramref name="startTime"/> with the level <paramref name="initialValue"/>.</summary>
    /// <param name="startTime">The simulated time at which observation starts; finite.</param>
    /// <param name="initialValue">The level from <paramref name="startTime"/> until the first update.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startTime"/> is not finite.</exception>
    public TimeWeightedStatistics(double startTime, double initialValue)
    {
        if (!double.IsFinite(startTime))
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, "The start time must be finite.");
        }

        _startTime = startTime;
        _lastTime = startTime;
        Value = initialValue;
        Max = initialValue;
    }

    /// <summary>The current level.</summary>
    public double Value { get; private set; }

    /// <summary>The highest level held so far, including levels held for zero time.</summary>
    public double Max { get; private set; }

    /// <summary>Sets the level from <paramref name="time"/> on.</summary>
    /// <param name="time">The simulated time of the change; not before the previous update.</param>
    /// <param name="newValue">The new level.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the previous update, or NaN.</exception>
    public void Update(double time, double newValue)
    {
        RequireNotBeforeLastUpdate(time, nameof(time));
        _area += Value * (time - _lastTime);
        _lastTime = time;
        Value = newValue;
        Max = Math.Max(Max, newValue);
    }

    /// <summary>The time-weighted mean level from the start time until <paramref name="untilTime"/>.</summary>
    /// <remarks>
    /// The current level is assumed to hold from the last update until <paramref name="untilTime"/>.
    /// Over an empty window (<paramref name="untilTime"/> equal to the start time) the mean is the
    /// current level, its limit as the window shrinks.
    /// </remarks>
    /// <param name="untilTime">The end of the window; not before the last update.</param>
    /// <returns>The time-weighted mean.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="untilTime"/> is before the last update, or NaN.</exception>
    public double Mean(double untilTime)
    {
        RequireNotBeforeLastUpdate(untilTime, nameof(untilTime));
        double duration = untilTime - _startTime;
        return duration == 0 ? Value : (_area + (Value * (untilTime - _lastTime))) / duration;
    }

    private void RequireNotBeforeLastUpdate(double time, string parameter)
    {
        // Written as a negation so that NaN is rejected too.
        if (!(time >= _lastTime))
        {
            throw new ArgumentOutOfRangeException(
                parameter,
                time,
                string.Create(CultureInfo.InvariantCulture, $"Time must not go backwards: got {time}, but the last update was at {_lastTime}."));
        }
    }
}
