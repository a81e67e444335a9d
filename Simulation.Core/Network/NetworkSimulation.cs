using Simulation.Core.Network.Definitions;
using Simulation.Core.Replications;

namespace Simulation.Core.Network;

/// <summary>
/// Runs the supply-network model (DESIGN.md section 5): material flow with inventory policies,
/// capacity-limited production and stochastic shipping; disruptions; supplier cash, payment terms,
/// credit, liquidity stress and exit (mechanisms 1-3, formulas in the headers of
/// <c>Simulation.Core/Network/Mechanisms/</c>); and, when the definition has a
/// <see cref="Definitions.NetworkDefinition.Social"/> section, compliance, detection, remediation,
/// grievances, programmes, financing and policies (mechanisms 4-11, <c>Network/Social/</c> and
/// <c>docs/model.md</c>).
/// </summary>
public static class NetworkSimulation
{
    /// <summary>
    /// Runs one replication of <paramref name="definition"/>. The result depends only on the
    /// definition, the replication seed and the options; every random draw comes from
    /// <see cref="ReplicationContext.Streams"/>, one stream per entity and purpose ("demand",
    /// "demand_interarrival" and "shipping" keyed by node id, "sourcing" keyed by node id and product
    /// (stocks that place each order with one source), "disruption" keyed by disruption id; with a
    /// social section also "violation", "inspection", "grievance", "remediation", "detention" and
    /// "audit:&lt;programme&gt;" keyed by supplier id, and "due_diligence").
    /// Never touches files or the console.
    /// </summary>
    /// <param name="definition">The validated network.</param>
    /// <param name="context">The replication: index, seed, streams, cancellation.</param>
    /// <param name="options">What to record; defaults if null.</param>
    /// <returns>KPIs, time series, supplier outcomes and alert outcomes of the replication.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="context"/> is null.</exception>
    /// <exception cref="ArgumentException">The definition has a dangling reference or a value the engine cannot run
    /// (the scenario loader normally rejects these first).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="NetworkRunOptions.TimeSeriesEveryDays"/> is not finite and &gt; 0.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled during the run.</exception>
    public static NetworkRunResult Run(NetworkDefinition definition, ReplicationContext context, NetworkRunOptions? options = null)
    {
        using var replication = Start(definition, context, options, steps: 1);
        while (replication.Step())
        {
        }

        return replication.Result;
    }

    /// <summary>
    /// Builds one replication of <paramref name="definition"/> to be run in <paramref name="steps"/>
    /// steps of equal simulated time (<see cref="ISteppedReplication{TResult}"/>), for a runner whose
    /// workers take turns at several replications. The result is the one <see cref="Run"/> gives:
    /// the steps do not change the run.
    /// </summary>
    /// <param name="definition">The validated network.</param>
    /// <param name="context">The replication: index, seed, streams, cancellation.</param>
    /// <param name="options">What to record; defaults if null.</param>
    /// <param name="steps">How many steps; at least 1.</param>
    /// <returns>The replication, not started: its first step starts it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="context"/> is null.</exception>
    /// <exception cref="ArgumentException">The definition has a dangling reference or a value the engine cannot run.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="NetworkRunOptions.TimeSeriesEveryDays"/> is not finite and &gt; 0, or <paramref name="steps"/> &lt; 1.</exception>
    public static NetworkReplication Start(NetworkDefinition definition, ReplicationContext context, NetworkRunOptions? options, int steps)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        options ??= new NetworkRunOptions();
        if (!(options.TimeSeriesEveryDays > 0) || !double.IsFinite(options.TimeSeriesEveryDays))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.TimeSeriesEveryDays,
                "TimeSeriesEveryDays must be finite and > 0.");
        }

        context.CancellationToken.ThrowIfCancellationRequested();
        return new NetworkReplication(definition, new NetworkModel(definition, context, options), steps);
    }
}
