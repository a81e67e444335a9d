namespace Simulation.Core.Network;

/// <summary>
/// What the social review reads of a supplier's production, stress and open orders
/// (<see cref="ISupplierReadings"/>): read-only views of fields their owners (production, economics,
/// shipping) keep on <see cref="Node"/>.
/// </summary>
internal sealed class SupplierReadings : ISupplierReadings
{
    /// <summary>The one instance: it holds no state.</summary>
    public static readonly SupplierReadings Instance = new();

    private SupplierReadings()
    {
    }

    /// <inheritdoc/>
    public double UnitsProducedOf(Node supplier) => supplier.UnitsProduced;

    /// <inheritdoc/>
    public double StressDaysOf(Node supplier) => supplier.StressDays;

    /// <inheritdoc/>
    public double CapacityOf(Node supplier) => supplier.Capacity;

    /// <inheritdoc/>
    public double BacklogUnitsOf(Node supplier)
    {
        double backlog = 0;
        for (int i = 0; i < supplier.Backlog.Count; i++)
        {
            backlog += supplier.Backlog.At(i).Remaining;
        }

        return backlog;
    }
}
