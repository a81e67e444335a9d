namespace Simulation.Core.Optimization;

/// <summary>
/// Which CVaR rows u_s &gt;= L_s - t the model holds (docs/optimizer.md, "CVaR rows as needed"). Both
/// choices give the same optimum to the gap; generating them as needed is faster with many scenarios.
/// </summary>
public enum CvarScenarioRows
{
    /// <summary>
    /// As needed from <see cref="Internal.ScenarioRowGeneration.MinimumScenarios"/> scenarios on, unless
    /// buyers' stock cover gives every scenario loss rows of its own (then the CVaR rows are a small part
    /// of the model and each extra round a whole re-solve); every row otherwise.
    /// </summary>
    Automatic,

    /// <summary>One row per scenario, all in the first solve.</summary>
    All,

    /// <summary>The rows of a likely tail first, then the rows the incumbent violates, re-solving until it violates none.</summary>
    AsNeeded,
}
