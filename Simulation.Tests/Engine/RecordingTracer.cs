using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Simulation.Core.Engine;

namespace Simulation.Tests.Engine;

/// <summary>One fired queue entry as a tracer sees it; the target is kept as its text.</summary>
internal readonly record struct TraceEntry(double Time, int Priority, long Sequence, string Target);

/// <summary>Records every fired entry, for order and determinism checks.</summary>
internal sealed class RecordingTracer : IEventTracer
{
    private readonly List<TraceEntry> _entries = [];

    public IReadOnlyList<TraceEntry> Entries => _entries;

    public void OnFiring(double time, int priority, long sequence, object target) =>
        _entries.Add(new TraceEntry(time, priority, sequence, target.ToString() ?? "?"));

    /// <summary>
    /// A stable fingerprint of the trace: SHA-256 of one line per entry, times in round-trip ("R")
    /// invariant format, so equal traces hash equally on every machine and culture.
    /// </summary>
    public string Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var e in _entries)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{e.Time:R}|{e.Priority}|{e.Sequence}|{e.Target}\n");
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
