namespace Simulation.Core.Network;

/// <summary>Everything one replication of a network produces: KPIs, time series and supplier outcomes.</summary>
public sealed class NetworkRunResult
{
    private readonly double[] _kpiValues;
    private readonly SupplierOutcome[] _suppliers;

    internal NetworkRunResult(
        int replication,
        ulong seed,
        double[] kpiValues,
        TimeSeries daily,
        SupplierOutcome[] suppliers,
        long eventCount,
        NodeOutcome[]? nodes = null,
        NodeTimeSeries? nodeSeries = null)
    {
        Nodes = nodes ?? [];
        NodeSeries = nodeSeries;
        Replication = replication;
        Seed = seed;
        _kpiValues = kpiValues;
        Daily = daily;
        _suppliers = suppliers;
        EventCount = eventCount;
    }

    /// <summary>The zero-based replication index.</summary>
    public int Replication { get; }

    /// <summary>The replication seed.</summary>
    public ulong Seed { get; }

    /// <summary>The KPI values, aligned with <see cref="KpiCatalog.All"/>; all finite.</summary>
    public IReadOnlyList<double> KpiValues => _kpiValues;

    /// <summary>The time series, sampled every <see cref="NetworkRunOptions.TimeSeriesEveryDays"/> from day 0 to the horizon.</summary>
    public TimeSeries Daily { get; }

    /// <summary>One outcome per non-buyer node, in definition order.</summary>
    public IReadOnlyList<SupplierOutcome> Suppliers => _suppliers;

    /// <summary>One result per node (buyers, distribution centres, suppliers), in definition order.</summary>
    public IReadOnlyList<NodeOutcome> Nodes { get; }

    /// <summary>Every node's stock and orders over time, sampled like <see cref="Daily"/>; null when the model did not record them.</summary>
    public NodeTimeSeries? NodeSeries { get; }

    /// <summary>
    /// How many kernel entries (events and callbacks) the replication processed. Shipments that the
    /// model delivers between kernel entries are not among them (see the shipping mechanism).
    /// </summary>
    public long EventCount { get; }

    /// <summary>One outcome per alert of <see cref="Definitions.NetworkDefinition.Alerts"/>, in their order (empty without alerts).</summary>
    public IReadOnlyList<AlertOutcome> Alerts { get; internal set; } = [];

    /// <summary>The value of the KPI named <paramref name="name"/>.</summary>
    /// <param name="name">A name from <see cref="KpiCatalog.All"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">No KPI has that name.</exception>
    public double Kpi(string name)
    {
        int index = KpiCatalog.IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"No KPI is named '{name}'.", nameof(name));
        }

        return _kpiValues[index];
    }
}
