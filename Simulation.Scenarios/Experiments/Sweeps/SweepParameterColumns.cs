using System.Collections;
using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// The sweep's parameter columns, one per parameter and typed by it (whole numbers as BIGINT, real
/// numbers as DOUBLE, choices as text): the same columns in the dataset rows and in the point summaries.
/// </summary>
internal sealed class SweepParameterColumns
{
    private readonly IList[] _columns;

    public SweepParameterColumns(SweepState state)
    {
        _columns = [.. state.Parameters.Select(p => p.Type switch
        {
            ParameterType.Whole => (IList)new List<long>(),
            ParameterType.Real => new List<double>(),
            _ => new List<string>(),
        })];
        Fields = [.. state.Parameters.Select(p => p.Type switch
        {
            ParameterType.Whole => (DataField)new DataField<long>(p.Name, false),
            ParameterType.Real => new DataField<double>(p.Name, false),
            _ => new DataField<string>(p.Name, false),
        })];
    }

    /// <summary>One field per parameter, in order.</summary>
    public IReadOnlyList<DataField> Fields { get; }

    /// <summary>Appends one row: a value per parameter, of its type (long, double or string).</summary>
    public void Add(IReadOnlyList<object> values)
    {
        for (int i = 0; i < _columns.Length; i++)
        {
            _columns[i].Add(values[i]);
        }
    }

    /// <summary>Row <paramref name="row"/>'s values, one per parameter.</summary>
    public object[] Row(int row) => [.. _columns.Select(c => c[row]!)];

    public void Clear()
    {
        foreach (var column in _columns)
        {
            column.Clear();
        }
    }

    /// <summary>Writes the columns into <paramref name="group"/>, as the fields starting at <paramref name="first"/>.</summary>
    public async Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<DataField> fields, int first, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _columns.Length; i++)
        {
            var field = fields[first + i];
            switch (_columns[i])
            {
                case List<long> whole:
                    await group.WriteAsync<long>(field, whole.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                case List<double> real:
                    await group.WriteAsync<double>(field, real.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync(field, (List<string>)_columns[i]).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Appends <paramref name="rows"/> rows read from <paramref name="group"/>, from the fields starting at <paramref name="first"/>.</summary>
    public async Task ReadAsync(ParquetRowGroupReader group, IReadOnlyList<DataField> fields, int first, int rows, CancellationToken cancellationToken)
    {
        for (int i = 0; i < _columns.Length; i++)
        {
            var field = fields[first + i];
            switch (_columns[i])
            {
                case List<long> whole:
                    whole.AddRange(await ReadValuesAsync<long>(group, field, rows, cancellationToken).ConfigureAwait(false));
                    break;
                case List<double> real:
                    real.AddRange(await ReadValuesAsync<double>(group, field, rows, cancellationToken).ConfigureAwait(false));
                    break;
                default:
                    var text = new string?[rows];
                    await group.ReadAsync(field, text.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    ((List<string>)_columns[i]).AddRange(text.Select(t => t ?? ""));
                    break;
            }
        }
    }

    /// <summary>One column's values of a row group.</summary>
    public static async Task<T[]> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[rows];
        await group.ReadAsync<T>(field, values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return values;
    }
}
