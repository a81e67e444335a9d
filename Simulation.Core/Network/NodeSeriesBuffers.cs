using System.Collections.Concurrent;

namespace Simulation.Core.Network;

/// <summary>
/// Arrays of <see cref="NodeTimeSeries"/> kept for reuse across replications: a run that writes each
/// replication's node series and then <see cref="NodeTimeSeries.Release">releases</see> it hands the
/// same arrays to a later replication instead of allocating fresh ones. Safe to share between the
/// threads of one run.
/// </summary>
/// <remarks>
/// The node series is by far a replication's largest allocation (apparel: 7 arrays of 2.7 MB each).
/// Fresh, they are large-object-heap allocations whose pages the kernel faults in and zeroes, and
/// which the collector reclaims in gen-2 collections; with two replications at once that is paid
/// twice at the same time (benchmarks/README.md, "The whole command", eighth look). A rented array
/// is cleared before it is handed out, so a replication never sees another one's values.
/// </remarks>
public sealed class NodeSeriesBuffers
{
    private readonly ConcurrentBag<double[][]> _free = [];

    /// <summary>Metric columns of <paramref name="length"/> values each, zeroed: reused if one of that length is free.</summary>
    internal double[][] Rent(int metrics, int length)
    {
        if (_free.TryTake(out var columns) && columns.Length == metrics && columns[0].Length == length)
        {
            foreach (var column in columns)
            {
                Array.Clear(column);
            }

            return columns;
        }

        // A free set of another shape (another network) is dropped: one run has one shape.
        return Allocate(metrics, length);
    }

    /// <summary>Fresh metric columns of <paramref name="length"/> values each (a run without buffers, or none free).</summary>
    internal static double[][] Allocate(int metrics, int length)
    {
        var columns = new double[metrics][];
        for (int m = 0; m < metrics; m++)
        {
            columns[m] = new double[length];
        }

        return columns;
    }

    /// <summary>Takes back columns no series reads any more.</summary>
    internal void Return(double[][] columns) => _free.Add(columns);
}
