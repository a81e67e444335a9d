using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>node_timeseries.parquet</c>: a long table, a row per replication, sampled day and node (ordered
/// so), with each node's stock levels and order flows (<see cref="NodeTimeSeries.Metrics"/>), thinned
/// by <c>--timeseries-every</c> like <c>timeseries.parquet</c>. Schema in docs/outputs.md.
/// </summary>
/// <remarks>
/// By far the largest file of a run (apparel, 20 replications: 6.8 million rows, 120 MB of the folder's
/// 125), and its encoding is work the run does besides the simulation, on a core the replications want
/// too: its row groups are encoded by <see cref="NodeSeriesEncoding"/> (node ids dictionary-encoded,
/// LZ4-compressed pages) instead of Parquet.Net (benchmarks/README.md, "The whole command", eighth and
/// ninth looks).
/// </remarks>
internal sealed class NodeTimeSeriesFile : IAsyncDisposable
{
    public const string FileName = "node_timeseries.parquet";

    private readonly NodeSeriesEncoding _encoding = new();
    private ParquetStreamWriter _writer = null!;

    private NodeTimeSeriesFile()
    {
    }

    public long RowCount => _writer.RowCount;

    public static async Task<NodeTimeSeriesFile> CreateAsync(string path, CancellationToken cancellationToken)
    {
        var file = new NodeTimeSeriesFile();
        file._writer = await ParquetStreamWriter.CreateAsync(path, file._encoding, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>Appends one replication's rows; a replication without node series adds none.</summary>
    /// <remarks>
    /// 339,000 rows a replication on apparel, appended on the in-order consumer every worker waits on:
    /// the series is already in the file's row order, so whole runs of it are copied, a row group at a time.
    /// </remarks>
    public void Append(int replication, NodeTimeSeries? series)
    {
        if (series is null)
        {
            return;
        }

        int total = series.Days.Count * series.Nodes.Count;
        for (int start = 0; start < total;)
        {
            int end = Math.Min(total, start + _writer.RowsLeftInGroup);
            _encoding.Append(replication, series, start, end);
            _writer.EndRows(end - start);
            start = end;
        }
    }

    public Task CompleteAsync() => _writer.CompleteAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
