using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Statistics;

namespace Simulation.Scenarios.Experiments;

/// <summary>One alert over the replications of a run: how often it fired (with a 95% Wilson interval) and when it first did.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Replications">Replications run.</param>
/// <param name="Fired">Replications in which it fired.</param>
/// <param name="Ci95Low">Lower bound of the 95% Wilson interval of the share fired.</param>
/// <param name="Ci95High">Upper bound of the 95% Wilson interval of the share fired.</param>
/// <param name="FirstDay">The first day it fired, over the replications that have one (null when none has: not fired, or an end-of-run alert).</param>
public sealed record AlertSummary(AlertDefinition Alert, int Replications, int Fired, double Ci95Low, double Ci95High, Summary? FirstDay)
{
    /// <summary>Share of replications in which it fired.</summary>
    public double Share => Replications > 0 ? (double)Fired / Replications : double.NaN;

    /// <summary>Summarises <paramref name="alert"/>, number <paramref name="index"/> of the scenario, over one outcome list per replication.</summary>
    internal static AlertSummary Of(AlertDefinition alert, int index, IReadOnlyList<IReadOnlyList<AlertOutcome>> replications)
    {
        int fired = 0;
        var days = new List<double>();
        foreach (var outcomes in replications)
        {
            var outcome = outcomes[index];
            if (outcome.Fired)
            {
                fired++;
                if (outcome.FirstDay is double day)
                {
                    days.Add(day);
                }
            }
        }

        var (low, high) = replications.Count > 0 ? ProportionInterval.Wilson95(fired, replications.Count) : (double.NaN, double.NaN);
        return new AlertSummary(alert, replications.Count, fired, low, high, days.Count > 0 ? Summary.Of([.. days]) : null);
    }
}
