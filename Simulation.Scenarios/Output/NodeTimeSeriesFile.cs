using System.IO.Compression;
using Parquet;
using Simulation.Core.Network;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>node_timeseries.parquet</c>: a long table, a row per replication, sampled day and node (ordered
/// so), with each node's stock levels and order flows (<see cref="NodeTimeSeries.Metrics"/>), thinned
/// by <c>--timeseries-every</c> like <c>timeseries.parquet</c>. Schema in docs/outputs.md.
/// </summary>
/// <remarks>
/// By far the largest file of a run (apparel, 20 replications: 107 MB of the folder's 110 with Zstd),
/// and its encoding is work the run does besides the simulation, on a core the replications want too:
/// it is compressed with LZ4 (Parquet's <c>LZ4_RAW</c> codec), which takes about 0.4 of Zstd's
/// compression time (at Zstd's fastest level) for a file 13% larger, the same values either way
/// (benchmarks/README.md, "The whole command", eighth look).
/// </remarks>
internal sealed class NodeTimeSeriesFile : IAsyncDisposable
{
    public const string FileName = "node_timeseries.parquet";

    private readonly ValueColumn<int> _replication = new("replication");
    private readonly ValueColumn<int> _day = new("day");
    private readonly StringColumn _node = new("node");
    private readonly ValueColumn<double>[] _metrics = [.. NodeTimeSeries.Metrics.Select(m => new ValueColumn<double>(m))];
    private ParquetStreamWriter _writer = null!;

    private NodeTimeSeriesFile()
    {
    }

    public long RowCount => _writer.RowCount;

    public static async Task<NodeTimeSeriesFile> CreateAsync(string path, CancellationToken cancellationToken)
    {
        var file = new NodeTimeSeriesFile();
        ColumnBuffer[] columns = [file._replication, file._day, file._node, .. file._metrics];
        file._writer = await ParquetStreamWriter.CreateAsync(path, columns, ParquetColumns.WriterOptions(CompressionMethod.Lz4Raw, CompressionLevel.Fastest), cancellationToken).ConfigureAwait(false);
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

        string[] nodes = [.. series.Nodes];
        int total = series.Days.Count * nodes.Length;
        for (int start = 0; start < total;)
        {
            int end = Math.Min(total, start + _writer.RowsLeftInGroup);
            _replication.AddRepeated(replication, end - start);
            for (int flat = start; flat < end;)
            {
                // Rows are sampled at whole days (the interval is a whole number of days).
                int row = flat / nodes.Length;
                int rowEnd = Math.Min(end, (row + 1) * nodes.Length);
                _day.AddRepeated((int)Math.Round(series.Days[row]), rowEnd - flat);
                _node.AddRange(nodes.AsSpan(flat - (row * nodes.Length), rowEnd - flat));
                flat = rowEnd;
            }

            for (int m = 0; m < _metrics.Length; m++)
            {
                _metrics[m].AddRange(series.Values(m)[start..end]);
            }

            _writer.EndRows(end - start);
            start = end;
        }
    }

    public Task CompleteAsync() => _writer.CompleteAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
