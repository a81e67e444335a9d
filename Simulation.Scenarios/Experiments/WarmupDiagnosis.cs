using System.Text.Json.Serialization;
using Simulation.Core.Network;
using Simulation.Core.Statistics;

namespace Simulation.Scenarios.Experiments;

/// <summary>
/// Whether a run's warm-up is long enough: the MSER-5 truncation point (<see cref="Mser"/>) of the
/// fill rate and of the buyers' total on-hand, each as its series over time of the means over
/// replications. When the later of the two lies beyond <c>warmup_days</c>, the KPIs still measure
/// part of the start-up, and the run says so (table, report, <c>manifest.json</c>) with a warm-up to use.
/// </summary>
/// <remarks>
/// The series are the rows of <c>timeseries.parquet</c> after day 0 (day 0 has no flows), so one
/// observation is <c>--timeseries-every</c> days; deleting k observations means a warm-up of
/// k x that many days. Averaging over replications first takes out most of the noise, so what is
/// left is the transient the replications share (MSER on replication means, as in White, Cobb and
/// Spratt 2000).
/// </remarks>
public sealed record WarmupDiagnosis
{
    /// <summary>The rule used ("MSER-5").</summary>
    public string Method { get; init; } = "MSER-5";

    /// <summary>The scenario's warm-up, in days.</summary>
    public double WarmupDays { get; init; }

    /// <summary>Days MSER-5 deletes from the fill-rate series.</summary>
    public double FillRateTruncationDay { get; init; }

    /// <summary>Days MSER-5 deletes from the buyers' on-hand series.</summary>
    public double OnHandTruncationDay { get; init; }

    /// <summary>Whether a series' best truncation is the last MSER allows (half the run): the run may be too short to reach its steady state.</summary>
    public bool AtSearchLimit { get; init; }

    /// <summary>The later of the two truncation points, in days.</summary>
    [JsonIgnore]
    public double TruncationDay => Math.Max(FillRateTruncationDay, OnHandTruncationDay);

    /// <summary>Whether the transient outlasts the warm-up.</summary>
    public bool BeyondWarmup => TruncationDay > WarmupDays;

    /// <summary>The warm-up to use: the truncation day rounded up to whole tens of days (the scenario's own when it suffices).</summary>
    public double SuggestedWarmupDays => BeyondWarmup ? Math.Ceiling(TruncationDay / 10) * 10 : WarmupDays;

    /// <summary>The warning in words, or null when the warm-up suffices.</summary>
    [JsonIgnore]
    public string? Warning => BeyondWarmup
        ? InvariantWarning()
        : null;

    private string InvariantWarning() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"warm-up too short: MSER-5 finds the start-up transient lasting to day {TruncationDay:0.#} (fill rate {FillRateTruncationDay:0.#}, buyer on-hand {OnHandTruncationDay:0.#}), beyond warmup_days {WarmupDays:0.#}; the KPIs include part of it. Try --set warmup_days={SuggestedWarmupDays:0.#}{(AtSearchLimit ? ", and a longer horizon: the transient may last past half the run" : "")}.");
}

/// <summary>Sums the fill-rate and buyer on-hand series over replications, then diagnoses the warm-up.</summary>
internal sealed class WarmupSeries
{
    private readonly double _warmupDays;
    private readonly int _every;
    private double[] _fillRate = [];
    private double[] _onHand = [];
    private int _replications;

    public WarmupSeries(double warmupDays, int timeSeriesEveryDays)
    {
        _warmupDays = warmupDays;
        _every = timeSeriesEveryDays;
    }

    /// <summary>Adds one replication's series (called in replication order; the sums do not depend on it anyway).</summary>
    public void Add(TimeSeries series)
    {
        ReadOnlySpan<double> fill = series.Column("fill_rate");
        ReadOnlySpan<double> onHand = series.Column("buyer_on_hand");
        if (_replications == 0)
        {
            _fillRate = new double[Math.Max(0, fill.Length - 1)];
            _onHand = new double[_fillRate.Length];
        }

        for (int i = 0; i < _fillRate.Length; i++)
        {
            _fillRate[i] += fill[i + 1];
            _onHand[i] += onHand[i + 1];
        }

        _replications++;
    }

    /// <summary>The diagnosis over every replication added.</summary>
    public WarmupDiagnosis Diagnose()
    {
        var fill = Mser.Truncation(Means(_fillRate));
        var onHand = Mser.Truncation(Means(_onHand));
        return new WarmupDiagnosis
        {
            WarmupDays = _warmupDays,
            FillRateTruncationDay = fill.TruncationObservations * (double)_every,
            OnHandTruncationDay = onHand.TruncationObservations * (double)_every,
            AtSearchLimit = (fill.AtSearchLimit && fill.TruncationObservations > 0) || (onHand.AtSearchLimit && onHand.TruncationObservations > 0),
        };
    }

    private double[] Means(double[] sums)
    {
        double n = Math.Max(1, _replications);
        return [.. sums.Select(s => s / n)];
    }
}
