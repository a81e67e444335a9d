using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Simulation.Benchmarks.Kernel.Reporting;

/// <summary>What the kernel and network benchmarks report: allocations, the median, events, events/s, bytes per event and the model's output, in milliseconds.</summary>
internal static class PerEventReporting
{
    public static void AddTo(ManualConfig config)
    {
        config.AddDiagnoser(MemoryDiagnoser.Default);
        config.AddColumn(StatisticColumn.Median);
        config.AddColumn(
            new EventsColumn(),
            new EventsPerSecondColumn(),
            new BytesPerEventColumn(),
            new ModelOutputColumn());
        config.SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
    }
}
