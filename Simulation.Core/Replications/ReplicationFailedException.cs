using System.Globalization;

namespace Simulation.Core.Replications;

/// <summary>
/// A model threw in one replication. The message and <see cref="Replication"/> say which, so it can
/// be rerun alone; <see cref="Exception.InnerException"/> is what the model threw.
/// </summary>
public sealed class ReplicationFailedException : Exception
{
    /// <summary>Wraps what replication <paramref name="replication"/> threw.</summary>
    /// <param name="replication">The zero-based index of the replication that failed.</param>
    /// <param name="innerException">What the model threw.</param>
    public ReplicationFailedException(int replication, Exception innerException)
        : base(BuildMessage(replication, innerException), innerException)
    {
        Replication = replication;
    }

    /// <summary>The zero-based index of the replication that failed.</summary>
    public int Replication { get; }

    private static string BuildMessage(int replication, Exception innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        return string.Create(CultureInfo.InvariantCulture, $"Replication {replication} failed: {innerException.Message}");
    }
}
