using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Simulation.Benchmarks.Kernel.Reporting;

/// <summary>
/// A summary column computed from a case's <see cref="RunOutcome"/> and its report. Values are
/// formatted with the invariant culture so tables read the same on every machine.
/// </summary>
internal abstract class OutcomeColumn(string columnName, string legend) : IColumn
{
    public string Id => GetType().Name;

    public string ColumnName { get; } = columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; } = legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var outcome = OutcomeReplay.Of(benchmarkCase);
        return outcome is { } known ? Format(summary[benchmarkCase], known) ?? "-" : "-";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;

    /// <summary>The cell text, or null when the report lacks what the column needs.</summary>
    protected abstract string? Format(BenchmarkReport? report, RunOutcome outcome);

    protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How many events one run fires.</summary>
internal sealed class EventsColumn() : OutcomeColumn("Events", "Events fired by one run (Simulator.ProcessedCount during Run)")
{
    protected override string? Format(BenchmarkReport? report, RunOutcome outcome) =>
        Invariant($"{outcome.EventsFired:N0}");
}

/// <summary>Events per second of wall time, from the median run time.</summary>
internal sealed class EventsPerSecondColumn() : OutcomeColumn("M events/s", "Million events per second: Events / Median")
{
    protected override string? Format(BenchmarkReport? report, RunOutcome outcome)
    {
        double? medianNs = report?.ResultStatistics?.Median;
        return medianNs is > 0 ? Invariant($"{outcome.EventsFired / medianNs.Value * 1e3:F2}") : null;
    }
}

/// <summary>Managed bytes allocated per event during the run.</summary>
internal sealed class BytesPerEventColumn() : OutcomeColumn("B/event", "Managed bytes allocated per event: Allocated / Events")
{
    protected override string? Format(BenchmarkReport? report, RunOutcome outcome)
    {
        long? bytes = report?.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return bytes is { } allocated && outcome.EventsFired > 0
            ? Invariant($"{(double)allocated / outcome.EventsFired:F3}")
            : null;
    }
}

/// <summary>The model's own output, to check the run did the work it should.</summary>
internal sealed class ModelOutputColumn() : OutcomeColumn("Model output", "One figure of the model's output, from a replay of the run")
{
    protected override string? Format(BenchmarkReport? report, RunOutcome outcome) =>
        Invariant($"{outcome.Measure} {outcome.Value:#,0.###}");
}
