using Simulation.Core.Optimization;

namespace Simulation.Scenarios.Optimization;

/// <summary>What a finished <c>optimize</c> produced.</summary>
public sealed class OptimizeOutcome
{
    internal OptimizeOutcome(string scenarioName, string outputDirectory, SourcingSettings settings, SourcingKpi? axis, IReadOnlyList<OptimizedPoint> points, int chosenIndex, IReadOnlyList<RefineRound> refinement, int replications, int scenarios)
    {
        ScenarioName = scenarioName;
        OutputDirectory = outputDirectory;
        Settings = settings;
        Axis = axis;
        Points = points;
        ChosenIndex = chosenIndex;
        Refinement = refinement;
        Replications = replications;
        Scenarios = scenarios;
    }

    /// <summary>The optimised scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>The output folder (mix.yaml, pareto.parquet, charts/, points/).</summary>
    public string OutputDirectory { get; }

    /// <summary>Objective, caps and limits used.</summary>
    public SourcingSettings Settings { get; }

    /// <summary>The Pareto axis; null for a single solve.</summary>
    public SourcingKpi? Axis { get; }

    /// <summary>The solved points: one for a single solve, the frontier otherwise.</summary>
    public IReadOnlyList<OptimizedPoint> Points { get; }

    /// <summary>Index in <see cref="Points"/> of the mix written to <c>mix.yaml</c>.</summary>
    public int ChosenIndex { get; }

    /// <summary>The <c>--refine</c> rounds, in order; empty without refinement.</summary>
    public IReadOnlyList<RefineRound> Refinement { get; }

    /// <summary>Replications of each simulation check.</summary>
    public int Replications { get; }

    /// <summary>Disruption scenarios the optimizer used.</summary>
    public int Scenarios { get; }
}

/// <summary>One solved point and its simulation check.</summary>
/// <param name="Index">Zero-based point number (tightest Pareto cap first).</param>
/// <param name="Epsilon">The cap on the Pareto axis at this point; null for a single solve.</param>
/// <param name="Solution">The solve.</param>
/// <param name="Simulated">The simulation of the mix; null when the solve found no mix.</param>
/// <param name="VariantFile">The variant file, relative to the output folder; empty without a mix.</param>
/// <param name="Mix">The used arcs, buyer by buyer.</param>
public sealed record OptimizedPoint(int Index, double? Epsilon, SourcingSolution Solution, SimulatedMix? Simulated, string VariantFile, IReadOnlyList<MixShare> Mix)
{
    /// <summary>The capacity-building enrolments chosen with the mix; empty when enrolment was not a decision.</summary>
    public IReadOnlyList<ProgrammeEnrolment> Enrolments { get; init; } = [];
}

/// <summary>One supplier enrolled in a capacity-building programme by the optimizer.</summary>
/// <param name="ProgrammeId">The scenario's programme.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="CostPerYear">What the enrolment costs per year of the measured window.</param>
public sealed record ProgrammeEnrolment(string ProgrammeId, string SupplierId, double CostPerYear);

/// <summary>One used arc of a mix.</summary>
/// <param name="BuyerId">The buyer.</param>
/// <param name="SupplierId">The supplier.</param>
/// <param name="RegionId">The supplier's region.</param>
/// <param name="Share">Share of the buyer's demand.</param>
/// <param name="UnitsPerDay">Mean units per day it carries.</param>
public sealed record MixShare(string BuyerId, string SupplierId, string RegionId, double Share, double UnitsPerDay);

/// <summary>One round of <c>--refine</c>.</summary>
/// <param name="Round">1-based round.</param>
/// <param name="MaxShareChange">Largest change of any share from the previous mix.</param>
/// <param name="Before">Predicted KPIs of the mix that was simulated.</param>
/// <param name="Simulated">Its simulated KPIs.</param>
/// <param name="After">Predicted KPIs of the re-solved mix, with the simulated availability, cost and social risk per supplier.</param>
public sealed record RefineRound(int Round, double MaxShareChange, IReadOnlyDictionary<SourcingKpi, double> Before, SimulatedMix Simulated, IReadOnlyDictionary<SourcingKpi, double> After);
