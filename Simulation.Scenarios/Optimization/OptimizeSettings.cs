using Simulation.Core.Optimization;

namespace Simulation.Scenarios.Optimization;

/// <summary>Everything the <c>optimize</c> experiment takes from a command line.</summary>
public sealed record OptimizeSettings
{
    /// <summary>Objective, caps, share limits, CVaR level, gap and time limit.</summary>
    public SourcingSettings Sourcing { get; init; } = new();

    /// <summary>Disruption scenarios, minimum share and cost parameters of the problem.</summary>
    public SourcingBuildOptions Build { get; init; } = new();

    /// <summary>The KPI to trace a Pareto frontier over; null for a single solve.</summary>
    public SourcingKpi? ParetoAxis { get; init; }

    /// <summary>Points on the frontier (with <see cref="ParetoAxis"/>).</summary>
    public int ParetoPoints { get; init; } = 8;

    /// <summary>Rounds of feeding simulated availability, cost and social risk per supplier back and re-solving.</summary>
    public int RefineRounds { get; init; }

    /// <summary>
    /// Judge continuity (a shortfall or CVaR objective, cap or axis) on the prediction with the stock
    /// cover's absorption fitted to today's simulated tail (<see cref="TailCalibration"/>); off with <c>--no-calibration</c>.
    /// </summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>Replications of the simulation check of each mix (common random numbers: the scenario's seed).</summary>
    public int Replications { get; init; } = 20;

    /// <summary>Worker threads for the simulation check (results do not depend on it).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The output folder to create; it must not exist unless <see cref="Force"/>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Replace an existing output folder.</summary>
    public bool Force { get; init; }

    /// <summary>The command line, recorded in the run folders' manifests.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>Reports what is being done.</summary>
    public IProgress<OptimizeProgress>? Progress { get; init; }
}

/// <summary>A progress report: the stage, and how far it is.</summary>
/// <param name="Stage">What is running, e.g. <c>solving frontier</c> or <c>simulating point 3</c>.</param>
/// <param name="Done">Steps done in the stage.</param>
/// <param name="Total">Steps in the stage.</param>
public sealed record OptimizeProgress(string Stage, int Done, int Total);
