"""The median of paired ratios and a distribution-free interval for it, with a verdict against a target.

The same rule as the kernel table's (benchmarks/Simulation.Benchmarks/VersusSimSharp/PairedRatio.cs):
the interval is the k-th smallest and k-th largest of the n ratios, k the largest with
1 - 2 P(Binomial(n, 1/2) < k) >= 0.95 (7 pairs: min-max; 15: the 4th and 12th).
"""
import math
import statistics

CONFIDENCE = 0.95


def lower_order_statistic(n):
    """The largest k >= 1 whose order statistics (k, n + 1 - k) cover the median with CONFIDENCE."""
    def below(k):  # P(X < k), X ~ Binomial(n, 1/2)
        return sum(math.comb(n, x) for x in range(k)) / 2 ** n
    k = 1
    while k < (n + 1) // 2 and 1 - 2 * below(k + 1) >= CONFIDENCE:
        k += 1
    return k


def interval(ratios):
    """(median, low, high) of the ratios."""
    ordered = sorted(ratios)
    k = lower_order_statistic(len(ordered))
    return statistics.median(ordered), ordered[k - 1], ordered[len(ordered) - k]


def verdict_at_least(low, high, target):
    """'yes' when the whole interval reaches the target, '**no**' when none of it does, else 'at the line'."""
    return "yes" if low >= target else "**no**" if high < target else "at the line"
