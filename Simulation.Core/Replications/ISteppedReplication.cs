namespace Simulation.Core.Replications;

/// <summary>
/// A replication run in steps, so that the workers of a run can take turns at more replications than
/// there are workers and finish the last ones together: run whole, the last replication runs alone
/// while the other workers have nothing left to do (<see cref="ReplicationRunner.RunInSteps{TResult}"/>).
/// </summary>
/// <remarks>
/// Consecutive steps may run on different threads (never two at once), so the result must depend on
/// nothing but the replication: not on the steps, nor on the thread that runs them.
/// </remarks>
/// <typeparam name="TResult">What the replication produces.</typeparam>
public interface ISteppedReplication<out TResult> : IDisposable
{
    /// <summary>Runs the next step; false once the replication is complete and <see cref="Result"/> is set.</summary>
    bool Step();

    /// <summary>The replication's result, once <see cref="Step"/> has returned false.</summary>
    TResult Result { get; }
}
