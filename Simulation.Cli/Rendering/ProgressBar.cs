using Spectre.Console;

namespace Simulation.Cli.Rendering;

/// <summary>Sets a progress bar directly: Progress&lt;T&gt; would post reports out of order on the thread pool.</summary>
internal sealed class ProgressBar(ProgressTask task) : IProgress<int>
{
    public void Report(int value) => task.Value = value;
}
