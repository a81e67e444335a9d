using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;

namespace Simulation.Scenarios.Output;

/// <summary>
/// <c>nodes.parquet</c>: a row per replication and node (buyers, distribution centres, suppliers, in
/// definition order) with its stock, order and money flows over the measured period. Schema in docs/outputs.md.
/// </summary>
internal sealed class NodesFile : IAsyncDisposable
{
    public const string FileName = "nodes.parquet";

    private readonly ValueColumn<int> _replication = new("replication");
    private readonly StringColumn _node = new("node");
    private readonly StringColumn _role = new("role");
    private readonly ValueColumn<int> _tier = new("tier");
    private readonly StringColumn _region = new("region");
    private readonly ValueColumn<double> _endOnHand = new("end_on_hand");
    private readonly ValueColumn<double> _meanOnHand = new("mean_on_hand");
    private readonly ValueColumn<long> _ordersPlaced = new("orders_placed");
    private readonly ValueColumn<double> _unitsOrdered = new("units_ordered");
    private readonly ValueColumn<long> _ordersReceived = new("orders_received");
    private readonly ValueColumn<double> _unitsReceived = new("units_received");
    private readonly ValueColumn<double> _holdingCost = new("holding_cost");
    private readonly ValueColumn<double> _transportCost = new("transport_cost");
    private readonly ValueColumn<double> _purchaseCost = new("purchase_cost");
    private readonly ValueColumn<double> _revenue = new("revenue");
    private readonly ValueColumn<long> _customerOrders = new("customer_orders");
    private readonly ValueColumn<double> _unitsSold = new("units_sold");
    private readonly ValueColumn<double> _lostUnits = new("lost_units");
    private readonly ValueColumn<double> _fillRate = new("fill_rate");
    private ParquetStreamWriter _writer = null!;

    private NodesFile()
    {
    }

    public long RowCount => _writer.RowCount;

    public static async Task<NodesFile> CreateAsync(string path, CancellationToken cancellationToken)
    {
        var file = new NodesFile();
        ColumnBuffer[] columns =
        [
            file._replication, file._node, file._role, file._tier, file._region, file._endOnHand, file._meanOnHand,
            file._ordersPlaced, file._unitsOrdered, file._ordersReceived, file._unitsReceived, file._holdingCost,
            file._transportCost, file._purchaseCost, file._revenue, file._customerOrders, file._unitsSold,
            file._lostUnits, file._fillRate,
        ];
        file._writer = await ParquetStreamWriter.CreateAsync(path, columns, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>The <c>role</c> column's spelling of a role.</summary>
    public static string RoleName(NodeRole role) => role switch
    {
        NodeRole.Buyer => "buyer",
        NodeRole.DistributionCentre => "distribution_centre",
        _ => "supplier",
    };

    /// <summary>Appends one replication's node results.</summary>
    public void Append(int replication, IReadOnlyList<NodeOutcome> nodes)
    {
        foreach (var n in nodes)
        {
            _replication.Add(replication);
            _node.Add(n.Id);
            _role.Add(RoleName(n.Role));
            _tier.Add(n.Tier);
            _region.Add(n.RegionId);
            _endOnHand.Add(n.EndOnHand);
            _meanOnHand.Add(n.MeanOnHand);
            _ordersPlaced.Add(n.OrdersPlaced);
            _unitsOrdered.Add(n.UnitsOrdered);
            _ordersReceived.Add(n.OrdersReceived);
            _unitsReceived.Add(n.UnitsReceived);
            _holdingCost.Add(n.HoldingCost);
            _transportCost.Add(n.TransportCost);
            _purchaseCost.Add(n.PurchaseCost);
            _revenue.Add(n.Revenue);
            _customerOrders.Add(n.CustomerOrders);
            _unitsSold.Add(n.UnitsSold);
            _lostUnits.Add(n.LostUnits);
            _fillRate.Add(n.FillRate);
            _writer.EndRow();
        }
    }

    public Task CompleteAsync() => _writer.CompleteAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
