using Simulation.Core.Network.Definitions;

namespace Simulation.Core.Optimization.Internal;

/// <summary>
/// The most units per day an input stock can feed a supplier that would always produce at its
/// capacity (docs/optimizer.md, "Parameters"): a deterministic fluid of the stock's own policy with
/// the mean lead time of its sources. A min-max stock whose reorder point does not cover the lead
/// time runs dry each cycle and the supplier waits for inputs; the bound S / (q (L + R)) alone misses
/// that (quickstart's workshops: 700 / (0.25 x 8.4) = 333 a day, but about 155 at a reorder point of 300).
/// </summary>
internal static class InputFeed
{
    private const double Step = 0.05;

    /// <summary>
    /// Long-run units of output per day the stock feeds, at most <paramref name="capacityPerDay"/>:
    /// consumption at quantity x capacity while stock lasts, orders by the policy at each review (every
    /// step for continuous review), arriving <paramref name="leadDays"/> later; measured over the second
    /// half of 40 cycles.
    /// </summary>
    public static double UnitsPerDay(InventoryPolicy policy, double quantityPerUnit, double leadDays, double capacityPerDay)
    {
        double usePerDay = capacityPerDay * quantityPerUnit;
        double level = policy.Kind switch
        {
            InventoryPolicyKind.BaseStock or InventoryPolicyKind.MinMax => policy.OrderUpTo,
            InventoryPolicyKind.ReorderPointQuantity => policy.ReorderPoint + policy.OrderQuantity,
            _ => double.PositiveInfinity,
        };
        if (!double.IsFinite(level) || !double.IsFinite(usePerDay) || !(usePerDay > 0))
        {
            return level / (quantityPerUnit * (Math.Max(0, leadDays) + Math.Max(0, policy.ReviewPeriodDays)));
        }

        double review = Math.Max(Step, policy.ReviewPeriodDays);
        double lead = Math.Max(0, leadDays);
        double horizon = 40 * (lead + review + (level / usePerDay));
        var arrivals = new Queue<(double At, double Units)>();
        double onHand = level, onOrder = 0, nextReview = 0, used = 0;
        for (double t = 0; t < horizon; t += Step)
        {
            while (arrivals.Count > 0 && arrivals.Peek().At <= t + 1e-9)
            {
                var arrival = arrivals.Dequeue();
                onHand += arrival.Units;
                onOrder -= arrival.Units;
            }

            if (t >= nextReview - 1e-9)
            {
                double order = Order(policy, onHand + onOrder);
                if (order > 0)
                {
                    arrivals.Enqueue((t + lead, order));
                    onOrder += order;
                }

                nextReview += review;
            }

            double consumed = Math.Min(onHand, usePerDay * Step);
            onHand -= consumed;
            if (t >= horizon / 2)
            {
                used += consumed;
            }
        }

        return Math.Min(capacityPerDay, used / (horizon / 2) / quantityPerUnit);
    }

    private static double Order(InventoryPolicy policy, double position) => policy.Kind switch
    {
        InventoryPolicyKind.BaseStock => Math.Max(0, policy.OrderUpTo - position),
        InventoryPolicyKind.MinMax => position <= policy.ReorderPoint ? policy.OrderUpTo - position : 0,
        InventoryPolicyKind.ReorderPointQuantity when position <= policy.ReorderPoint =>
            policy.OrderQuantity * Math.Ceiling((policy.ReorderPoint - position + 1e-9) / policy.OrderQuantity),
        _ => 0,
    };
}
