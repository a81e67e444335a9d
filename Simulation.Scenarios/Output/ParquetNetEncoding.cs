using Parquet;
using Parquet.Schema;

namespace Simulation.Scenarios.Output;

/// <summary>
/// The columns of a <see cref="ParquetStreamWriter"/>'s file (<see cref="ColumnBuffer"/>s) and how one
/// full row group of them becomes bytes: a whole one-group Parquet file written by Parquet.Net with the
/// given options, which <see cref="RowGroupAssembler"/> then places in the file.
/// </summary>
/// <remarks>
/// Several groups are encoded at once (each from its own arrays), so every group's values are handed
/// over when the group is taken, and the columns fill fresh (or recycled) arrays with the next.
/// </remarks>
internal sealed class ParquetNetEncoding
{
    private readonly ColumnBuffer[] _columns;
    private readonly ParquetSchema _schema;
    private readonly ParquetOptions _options;

    public ParquetNetEncoding(IReadOnlyList<ColumnBuffer> columns, ParquetOptions options)
    {
        _columns = [.. columns];
        _schema = new ParquetSchema(_columns.Select(c => (Field)c.Field).ToArray());
        _options = options;
    }

    /// <summary>Memory one buffered row takes, which sizes the row groups (<see cref="ParquetStreamWriter.RowGroupRows(long)"/>).</summary>
    public long BytesPerRow => _columns.Sum(c => (long)c.BytesPerValue);

    /// <summary>Sizes the buffers for row groups of <paramref name="rows"/> rows; called once, before any value is added.</summary>
    public void Allocate(int rows)
    {
        foreach (var column in _columns)
        {
            column.Allocate(rows);
        }
    }

    /// <summary>
    /// Takes the <paramref name="rows"/> rows added since the last call (every column must hold exactly
    /// that many values) as the work that writes them to a stream as a whole one-group Parquet file.
    /// </summary>
    /// <exception cref="InvalidOperationException">A column holds another number of values.</exception>
    public Func<Stream, CancellationToken, Task> TakeGroup(int rows)
    {
        foreach (var column in _columns)
        {
            if (column.Count != rows)
            {
                throw new InvalidOperationException($"Column '{column.Field.Name}' has {column.Count} values in a row group of {rows} rows.");
            }
        }

        Func<ParquetRowGroupWriter, CancellationToken, Task>[] writes = [.. _columns.Select(c => c.TakeFilled())];
        return async (stream, cancellationToken) =>
        {
            var writer = await ParquetWriter.CreateAsync(_schema, stream, _options, append: false, cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                using var group = writer.CreateRowGroup();
                foreach (var write in writes)
                {
                    await write(group, cancellationToken).ConfigureAwait(false);
                }
            }
        };
    }
}
