using Simulation.Core.Optimization;
using Simulation.Core.Statistics;

namespace Simulation.Scenarios.Optimization;

/// <summary>What a finished <c>optimize</c> produced.</summary>
public sealed class OptimizeOutcome
{
    internal OptimizeOutcome(string scenarioName, string outputDirectory, OptimizeSettings settings, IReadOnlyList<OptimizedPoint> points, int chosenIndex, IReadOnlyList<RefineRound> refinement, int scenarios, int periods)
    {
        ScenarioName = scenarioName;
        OutputDirectory = outputDirectory;
        Settings = settings.Sourcing;
        Axis = settings.ParetoAxis;
        Points = points;
        ChosenIndex = chosenIndex;
        Refinement = refinement;
        Replications = settings.Replications;
        Scenarios = scenarios;
        PeriodsPerReplication = periods;
        PeriodDays = settings.Build.PeriodDays;
    }

    /// <summary>The optimised scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>The output folder (mix.yaml, mix.parquet, pareto.parquet, manifest.json, report.html, charts/, points/).</summary>
    public string OutputDirectory { get; }

    /// <summary>Objective, caps and limits used.</summary>
    public SourcingSettings Settings { get; }

    /// <summary>The Pareto axis; null for a single solve.</summary>
    public SourcingKpi? Axis { get; }

    /// <summary>Today's mix (first, <see cref="OptimizedPoint.IsBaseline"/>), then the solved points: one for a single solve, the candidates of a refinement, or the frontier.</summary>
    public IReadOnlyList<OptimizedPoint> Points { get; }

    /// <summary>Index in <see cref="Points"/> of the mix written to <c>mix.yaml</c>.</summary>
    public int ChosenIndex { get; }

    /// <summary>The recommended point.</summary>
    public OptimizedPoint Chosen => Points[ChosenIndex];

    /// <summary>Today's mix, simulated on the same random numbers as every other point.</summary>
    public OptimizedPoint Baseline => Points[0];

    /// <summary>True when the recommended mix simulates worse than today's or breaks a cap: no mix found holds up.</summary>
    public bool NoSafeRecommendation => Chosen.IsFlagged;

    /// <summary>The <c>--refine</c> rounds, in order; empty without refinement.</summary>
    public IReadOnlyList<RefineRound> Refinement { get; }

    /// <summary>Why refinement stopped before its rounds ran out or the mix settled (e.g. a cap became infeasible); empty otherwise.</summary>
    public string RefinementStop { get; init; } = "";

    /// <summary>The stock cover's absorption fitted to today's simulated tail, on which continuity was judged; null when not calibrated.</summary>
    public TailCalibration? Calibration { get; init; }

    /// <summary>Frontier points asked for; 0 for a single solve.</summary>
    public int RequestedPoints { get; init; }

    /// <summary>Replications of each simulation check.</summary>
    public int Replications { get; }

    /// <summary>Disruption scenarios the optimizer used (each split into <see cref="PeriodsPerReplication"/> periods).</summary>
    public int Scenarios { get; }

    /// <summary>Periods each replication's measured window is split into.</summary>
    public int PeriodsPerReplication { get; }

    /// <summary>Length of a period, days.</summary>
    public double PeriodDays { get; }

    /// <summary>Outcomes in the tail of the simulated CVaR: (1 - alpha) x replications x periods.</summary>
    public double TailOutcomes => (1 - Settings.CvarAlpha) * Replications * PeriodsPerReplication;
}

/// <summary>One solved point (or today's mix) and its simulation check.</summary>
/// <param name="Index">Position in <see cref="OptimizeOutcome.Points"/>: 0 for today's mix, then 1, 2, ...</param>
/// <param name="Epsilon">The cap on the Pareto axis at this point; null otherwise.</param>
/// <param name="Solution">The solve (for today's mix: its shares, evaluated).</param>
/// <param name="Simulated">The simulation of the mix; null when the solve found no mix.</param>
/// <param name="VariantFile">The variant file, relative to the output folder (<c>baseline</c> for today's mix); empty without a mix.</param>
/// <param name="Mix">The used arcs, buyer by buyer.</param>
public sealed record OptimizedPoint(int Index, double? Epsilon, SourcingSolution Solution, SimulatedMix? Simulated, string VariantFile, IReadOnlyList<MixShare> Mix)
{
    /// <summary>The name of today's mix in outputs (<c>variant</c> column).</summary>
    public const string BaselineName = "baseline";

    /// <summary>True for today's mix.</summary>
    public bool IsBaseline => VariantFile == BaselineName;

    /// <summary>The capacity-building enrolments chosen with the mix; empty when enrolment was not a decision.</summary>
    public IReadOnlyList<ProgrammeEnrolment> Enrolments { get; init; } = [];

    /// <summary>Per KPI, the simulated paired difference from today's mix (this - baseline; mean and 95% CI); empty for the baseline.</summary>
    public IReadOnlyDictionary<SourcingKpi, Summary> Differences { get; init; } = new Dictionary<SourcingKpi, Summary>();

    /// <summary>The caps the simulated mix breaks: the 95% CI of its simulated KPI lies above the cap.</summary>
    public IReadOnlyList<SourcingKpi> BrokenCaps { get; init; } = [];

    /// <summary>The objective and capped KPIs on which it simulates worse than today's mix: the paired CI lies above 0.</summary>
    public IReadOnlyList<SourcingKpi> WorseThanBaseline { get; init; } = [];

    /// <summary>True when it breaks a cap or simulates worse than today's mix.</summary>
    public bool IsFlagged => BrokenCaps.Count > 0 || WorseThanBaseline.Count > 0;

    /// <summary>The label in tables and charts: <c>today</c> or the point number.</summary>
    public string Label => IsBaseline ? "today" : Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
/// <param name="MaxShareChange">Largest change of any share from the previous mix (NaN when the re-solve found none).</param>
/// <param name="Before">Predicted KPIs of the mix that was simulated.</param>
/// <param name="Simulated">Its simulated KPIs.</param>
/// <param name="After">Predicted KPIs of the re-solved mix, with the simulated availability, cost and social risk per supplier; empty when the re-solve found no mix.</param>
public sealed record RefineRound(int Round, double MaxShareChange, IReadOnlyDictionary<SourcingKpi, double> Before, SimulatedMix Simulated, IReadOnlyDictionary<SourcingKpi, double> After)
{
    /// <summary>What the round changed besides per-supplier availability, cost and social risk (cover, absorption, margin exits); empty when nothing.</summary>
    public string Changes { get; init; } = "";
}
