using System.Globalization;
using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

/// <summary>
/// A hand-built trace for the behaviour specs: each entry is "time: what", with the time formatted
/// invariantly, so a test states the exact expected history as a short list of strings.
/// </summary>
internal sealed class EventLog(Simulator simulator)
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string what) =>
        _entries.Add(string.Create(CultureInfo.InvariantCulture, $"{simulator.Now}: {what}"));

    /// <summary>A callback that logs <paramref name="what"/> when it runs.</summary>
    public Action Logger(string what) => () => Add(what);
}
