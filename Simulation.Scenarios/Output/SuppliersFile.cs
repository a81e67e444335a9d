using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>suppliers.parquet</c>: a row per replication and non-buyer node (suppliers and distribution
/// centres, in definition order) with its attributes, final state, exit and totals. Schema in docs/outputs.md.
/// </summary>
internal sealed class SuppliersFile : IAsyncDisposable
{
    public const string FileName = "suppliers.parquet";

    private ParquetStreamWriter _writer = null!;
    private readonly ValueColumn<int> _replication = new("replication");
    private readonly StringColumn _id = new("supplier_id");
    private readonly ValueColumn<int> _tier = new("tier");
    private readonly StringColumn _region = new("region");
    private readonly StringColumn _size = new("size");
    private readonly StringColumn _group = new("supplier_group", nullable: true);
    private readonly StringColumn _state = new("final_state");
    private readonly NullableValueColumn<double> _exitDay = new("exit_day");
    private readonly StringColumn _exitCause = new("exit_cause", nullable: true);
    private readonly ValueColumn<double> _unitsProduced = new("units_produced");
    private readonly ValueColumn<double> _revenue = new("revenue");
    private readonly ValueColumn<double> _finalCash = new("final_cash");
    private readonly ValueColumn<double> _stressDays = new("liquidity_stress_days");
    private readonly ValueColumn<double> _disruptedDays = new("disrupted_days");
    private readonly ValueColumn<double> _unitsToBuyers = new("units_to_buyers");
    private readonly ValueColumn<double> _landedCost = new("landed_cost");
    private readonly ValueColumn<double> _exposureDays = new("worker_exposure_days");

    private SuppliersFile()
    {
    }

    public long RowCount => _writer.RowCount;

    public static async Task<SuppliersFile> CreateAsync(string path, CancellationToken cancellationToken)
    {
        var file = new SuppliersFile();
        ColumnBuffer[] columns =
        [
            file._replication, file._id, file._tier, file._region, file._size, file._group, file._state, file._exitDay,
            file._exitCause, file._unitsProduced, file._revenue, file._finalCash, file._stressDays, file._disruptedDays,
            file._unitsToBuyers, file._landedCost, file._exposureDays,
        ];
        file._writer = await ParquetStreamWriter.CreateAsync(path, columns, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>The <c>size</c> column's spelling of a size class.</summary>
    public static string SizeName(SizeClass size) => size.ToString().ToLowerInvariant();

    /// <summary>Appends one replication's outcomes.</summary>
    public void Append(int replication, IReadOnlyList<SupplierOutcome> suppliers)
    {
        foreach (var s in suppliers)
        {
            _replication.Add(replication);
            _id.Add(s.Id);
            _tier.Add(s.Tier);
            _region.Add(s.RegionId);
            _size.Add(SizeName(s.Size));
            _group.Add(s.Group);
            _state.Add(s.Active ? "active" : "exited");
            _exitDay.Add(s.ExitDay);
            _exitCause.Add(s.ExitCause);
            _unitsProduced.Add(s.UnitsProduced);
            _revenue.Add(s.Revenue);
            _finalCash.Add(s.FinalCash);
            _stressDays.Add(s.LiquidityStressDays);
            _disruptedDays.Add(s.DisruptedDays);
            _unitsToBuyers.Add(s.UnitsToBuyers);
            _landedCost.Add(s.LandedCost);
            _exposureDays.Add(s.WorkerExposureDays);
            _writer.EndRow();
        }
    }

    public Task CompleteAsync() => _writer.CompleteAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
