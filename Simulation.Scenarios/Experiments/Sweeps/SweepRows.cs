using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// Rows of the sweep dataset (a row per point and replication): <c>point</c>, <c>replication</c>,
/// <c>seed</c>, one typed column per parameter, one double column per KPI. The same schema serves the
/// per-point part files and the final <c>sweep.parquet</c>, which is a concatenation of the parts in
/// point order.
/// </summary>
internal sealed class SweepRows
{
    private readonly SweepState _state;
    private readonly List<int> _point = [];
    private readonly List<int> _replication = [];
    private readonly List<long> _seed = [];
    private readonly SweepParameterColumns _parameters;
    private readonly List<double>[] _kpis;

    public SweepRows(SweepState state)
    {
        _state = state;
        _parameters = new SweepParameterColumns(state);
        _kpis = [.. state.Kpis.Select(_ => new List<double>())];
        Schema = new ParquetSchema([.. Fields(state, _parameters)]);
    }

    public ParquetSchema Schema { get; }

    public int Count => _point.Count;

    public void Add(int point, int replication, ulong seed, IReadOnlyList<object> parameters, IReadOnlyList<double> kpis)
    {
        _point.Add(point);
        _replication.Add(replication);
        _seed.Add(unchecked((long)seed));
        _parameters.Add(parameters);

        for (int k = 0; k < _kpis.Length; k++)
        {
            _kpis[k].Add(kpis[k]);
        }
    }

    /// <summary>Point <paramref name="row"/>'s KPI <paramref name="kpi"/>.</summary>
    public double Kpi(int row, int kpi) => _kpis[kpi][row];

    /// <summary>Row <paramref name="row"/>'s parameter values, one per parameter.</summary>
    public object[] Parameters(int row) => _parameters.Row(row);

    public void Clear()
    {
        _point.Clear();
        _replication.Clear();
        _seed.Clear();
        _parameters.Clear();

        foreach (var column in _kpis)
        {
            column.Clear();
        }
    }

    /// <summary>Writes the buffered rows as one row group.</summary>
    public async Task WriteRowGroupAsync(ParquetWriter writer, CancellationToken cancellationToken)
    {
        var fields = Schema.DataFields;
        using var group = writer.CreateRowGroup();
        int f = 0;
        await group.WriteAsync<int>(fields[f++], _point.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[f++], _replication.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<long>(fields[f++], _seed.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await _parameters.WriteAsync(group, fields, f, cancellationToken).ConfigureAwait(false);
        f += _parameters.Fields.Count;

        foreach (var column in _kpis)
        {
            await group.WriteAsync<double>(fields[f++], column.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the buffered rows as a complete file (a part), atomically.</summary>
    public Task WriteFileAsync(string path, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, async temporary =>
        {
            await using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var writer = await ParquetWriter.CreateAsync(Schema, stream, Output.ParquetColumns.WriterOptions(), append: false, cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                await WriteRowGroupAsync(writer, cancellationToken).ConfigureAwait(false);
            }
        });

    /// <summary>Appends the rows of a part file.</summary>
    public async Task ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var fields = reader.Schema.DataFields;
        if (!fields.Select(x => x.Name).SequenceEqual(Schema.DataFields.Select(x => x.Name)))
        {
            throw new ScenarioInputException($"'{path}' does not have this sweep's columns; it belongs to another sweep.");
        }

        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int rows = checked((int)group.RowCount);
            int f = 0;
            _point.AddRange(await ReadAsync<int>(group, fields[f++], rows, cancellationToken).ConfigureAwait(false));
            _replication.AddRange(await ReadAsync<int>(group, fields[f++], rows, cancellationToken).ConfigureAwait(false));
            _seed.AddRange(await ReadAsync<long>(group, fields[f++], rows, cancellationToken).ConfigureAwait(false));
            await _parameters.ReadAsync(group, fields, f, rows, cancellationToken).ConfigureAwait(false);
            f += _parameters.Fields.Count;

            foreach (var column in _kpis)
            {
                column.AddRange(await ReadAsync<double>(group, fields[f++], rows, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    private static IEnumerable<DataField> Fields(SweepState state, SweepParameterColumns parameters)
    {
        yield return new DataField<int>("point", false);
        yield return new DataField<int>("replication", false);
        // INT64 holding the seed's 64 bits (two's complement), which every Parquet reader takes (docs/outputs.md).
        yield return new DataField<long>("seed", false);
        foreach (var field in parameters.Fields)
        {
            yield return field;
        }

        foreach (string kpi in state.Kpis)
        {
            yield return new DataField<double>(kpi, false);
        }
    }

    private static Task<T[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct => SweepParameterColumns.ReadValuesAsync<T>(group, field, rows, cancellationToken);
}
