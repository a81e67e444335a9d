using System.Globalization;
using System.Runtime.CompilerServices;
using Simulation.Core.Engine;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Replications;

namespace Simulation.Core.Network;

/// <summary>
/// One replication of a <see cref="NetworkDefinition"/> on the kernel: the clock and the wiring.
/// It builds the layout (<see cref="NetworkLayout"/>), constructs each part of <c>Mechanisms/</c> with
/// the collaborators it uses, starts them in a fixed order, runs the day ends and collects the
/// results (docs/architecture.md). The social mechanisms are built when the run starts, behind
/// <see cref="SocialHooks"/>.
/// </summary>
/// <remarks>
/// <para>
/// Order of simultaneous events (kernel priority, then scheduling order), which makes every run one
/// total order and the hand computations in the tests possible. A demand or an arrival at time t
/// stands for the day that ends at t:
/// </para>
/// <list type="number">
/// <item>disruption starts and ends (<see cref="DisruptionPriority"/>): capacity changes first;</item>
/// <item>end-customer demand and production batches finishing (<see cref="DemandPriority"/>);</item>
/// <item>shipment arrivals (<see cref="ArrivalPriority"/>): goods arriving at t serve the demand after t,
///   so a periodic order placed at t with lead time L covers R + L days of demand, as in the textbook
///   (arrivals are held in an <see cref="ArrivalCalendar"/> and delivered by the model's clock loop
///   with exactly this priority, see <c>Mechanisms/ArrivalClock.cs</c>);</item>
/// <item>periodic inventory reviews (<see cref="ReviewPriority"/>), which see the day's demand and arrivals;</item>
/// <item>the daily bookkeeping (<see cref="DayEndPriority"/> = <see cref="EventPriority.Low"/>): payments
///   due, daily costs, stress and exits, margin reviews, KPI counters;</item>
/// <item>the time-series row (<see cref="SamplePriority"/>).</item>
/// </list>
/// <para>
/// The end of the warm-up (<see cref="WarmupPriority"/>) comes before all of them: the measured period
/// is [warm-up, horizon), so what happens at the warm-up's instant is measured. The run is
/// [0, horizon): nothing scheduled at the horizon happens (docs/model.md, "Time conventions").
/// </para>
/// <para>
/// Orders travel up the network synchronously (an order reaches its supplier at once, and may set
/// off production and orders further upstream); goods travel down only through scheduled arrivals.
/// Payments also travel up (a supplier paid may pay its own arrears to its suppliers). Since the
/// supply graph has no cycles, no call chain ever comes back to the node that started it.
/// </para>
/// <para>
/// Hot-path habits: no dictionaries, LINQ or strings after the build; one delegate per node or
/// process, created at build time; shipments and payments are structs in pooled arrays; the only
/// allocations during a run are arrays growing to their working size.
/// </para>
/// </remarks>
internal sealed class NetworkModel : IPositionChanged, ISourcesChanged, ISupplierExit, ISourcingActions
{
    internal const int DisruptionPriority = EventPriority.High;
    internal const int DemandPriority = EventPriority.Normal;
    internal const int ProductionPriority = EventPriority.Normal;
    internal const int ArrivalPriority = EventPriority.Normal + 5;
    internal const int ReviewPriority = EventPriority.Normal + 10;
    internal const int DayEndPriority = EventPriority.Low;
    internal const int SamplePriority = EventPriority.Low + 1;
    internal const int WarmupPriority = EventPriority.High - 10;

    /// <summary>Quantities and money below this are treated as zero (floating-point residue).</summary>
    internal const double Epsilon = 1e-9;

    private readonly NetworkDefinition _definition;
    private readonly ReplicationContext _context;
    private readonly NetworkRunOptions _options;
    private readonly Simulator _sim = new();
    private readonly Dictionary<string, int> _nodeIndex;
    private readonly Node[] _nodes;
    private readonly Node[] _buyers;      // role Buyer
    private readonly Node[] _buyerSide;   // buyers and distribution centres
    private readonly Node[] _suppliers;   // role Supplier
    private readonly Node[] _shippers;    // every non-buyer, in definition order (the outcomes)
    private readonly Link[] _links;
    private readonly Stock[] _stocks;
    private readonly double _horizon;
    private readonly double _warmup;
    private readonly int _lastDay;
    private readonly ArrivalClock _clock;
    private bool _released;
    private readonly CapacityTimelines _capacityTimelines;
    private readonly Demand _demand;
    private readonly EventLog _log;
    private readonly Disruptions _disruptions;

    private readonly TotalsLedger _ledger = new();
    private readonly NodeLedger _flows;
    private readonly OrderNumbers _orderNumbers = new();
    private readonly StockClock _stockClock;
    private readonly Resourcing _resourcing;
    private readonly Ordering _ordering;
    private readonly Production _production;
    private readonly Shipping _shipping;
    private readonly Economics _economics;
    private readonly Bookkeeping _bookkeeping;
    private readonly TimeSeriesSampler _sampler;
    private readonly SocialHooks _socialHooks;
    private readonly Action _dayEnd;
    private int _day;

    public NetworkModel(NetworkDefinition definition, ReplicationContext context, NetworkRunOptions options)
    {
        _definition = definition;
        _context = context;
        _options = options;
        _horizon = definition.HorizonDays;
        _warmup = definition.WarmupDays;
        if (!(_horizon > 0) || !double.IsFinite(_horizon))
        {
            throw Invalid($"HorizonDays must be finite and > 0, got {_horizon}.");
        }

        if (!(_warmup >= 0) || _warmup >= _horizon)
        {
            throw Invalid($"WarmupDays must be >= 0 and below HorizonDays ({_horizon}), got {_warmup}.");
        }

        // Day ends at 1, 2, ..., floor(horizon): the one at the horizon closes the books of the last
        // day (Finish runs it, as nothing else at the horizon happens).
        _lastDay = (int)Math.Floor(_horizon + Epsilon);
        _stockClock = new StockClock(_sim, _horizon);
        _clock = new ArrivalClock(_sim, _horizon);
        _log = new EventLog(_sim, options.EventRecorder);

        var layout = new NetworkLayout(definition);
        _nodes = layout.Nodes;
        _nodeIndex = layout.NodeIndex;
        int count = _nodes.Length;
        _flows = new NodeLedger(count);
        // Capacity at day 0 first: economics prices each supplier's daily cost from it.
        _capacityTimelines = new CapacityTimelines(_sim, _horizon, definition.Nodes, (node, capacity) =>
        {
            _nodes[node].BaseCapacity = capacity;
            _nodes[node].Capacity = capacity;
        });
        _buyers = Array.FindAll(_nodes, n => n.IsBuyer);
        _buyerSide = Array.FindAll(_nodes, n => n.IsBuyerSide);
        _suppliers = Array.FindAll(_nodes, n => n.IsProducer);
        _shippers = Array.FindAll(_nodes, n => !n.IsBuyer);
        _stocks = layout.BuildStocks(context.Streams, _stockClock);
        _links = layout.Links;
        _socialHooks = new SocialHooks(_sim, _horizon, _warmup, _suppliers);
        var socialHooks = definition.Social is null ? null : _socialHooks;
        _economics = new Economics(_sim, definition, _lastDay, _links.Length, _nodes, _suppliers, _ledger, _log, socialHooks, this);

        _demand = new Demand(_sim, _horizon, _warmup, count, _buyers, context.Streams, _ledger, _flows, _orderNumbers, options.OrderRecorder, this);
        _production = new Production(_sim, _nodes, _suppliers, _ledger, _economics);
        _shipping = new Shipping(
            _sim, _nodes, _links, _stocks, definition.Regions, context.Streams, _ledger, _flows, _orderNumbers, options.OrderRecorder, _clock,
            _production, _demand, _economics, socialHooks);
        _disruptions = new Disruptions(_sim, definition, _nodes, _nodeIndex, context.Streams, _log, _production);
        _resourcing = new Resourcing(_sim, _nodes, _links, _stocks, this, _economics, ReviewPriority - 1);
        _bookkeeping = new Bookkeeping(_sim, _horizon, _warmup, _nodes, _buyerSide, _suppliers, _shippers, _stocks, _ledger, _flows, _demand, _disruptions, _resourcing, _socialHooks);
        _sampler = new TimeSeriesSampler(_sim, _horizon, options.TimeSeriesEveryDays, options.NodeSeriesBuffers, _nodes, _buyers, _ledger, _flows, _bookkeeping, _economics, _disruptions, _socialHooks);
        _dayEnd = OnDayEnd;
        _ordering = new Ordering(_sim, _horizon, _nodes, _links, _ledger, _resourcing, _production, _shipping);

        // The parts that call parts built after them: the one place their cycles close.
        _economics.Connect(_production);
        _capacityTimelines.Connect(_production);
        _production.Connect(_ordering, _shipping);
        _shipping.Connect(_ordering);
    }

    /// <summary>The simulated time.</summary>
    internal double Now => _sim.Now;

    /// <summary>Test hook: a node's cash.</summary>
    internal double CashOf(string nodeId) => _nodes[_nodeIndex[nodeId]].Cash;

    /// <summary>Test hook: a node's credit balance.</summary>
    internal double CreditOf(string nodeId) => _nodes[_nodeIndex[nodeId]].CreditBalance;

    /// <summary>Test hook: units a node's finished goods have on order (ordered, not yet received).</summary>
    internal double OnOrderOf(string nodeId) => _nodes[_nodeIndex[nodeId]].Fg.OnOrder;

    /// <summary>Test hook: a node's unpaid obligations.</summary>
    internal double ArrearsOf(string nodeId) => _economics.ArrearsOf(_nodes[_nodeIndex[nodeId]]);

    /// <inheritdoc/>
    void IPositionChanged.PositionChanged(Stock stock) => _ordering.PositionChanged(stock);

    /// <inheritdoc/>
    void ISourcesChanged.SourcesChanged() => _ordering.SourcesChanged();

    /// <inheritdoc/>
    void ISupplierExit.Leaving(Node supplier) => _disruptions.OnExit(supplier);

    /// <inheritdoc/>
    void ISupplierExit.Left(Node supplier)
    {
        _production.Stop(supplier);

        // Sources must be renormalised by every customer from now on; re-sourcing moves the share.
        _ordering.SourcesChanged();
        _resourcing.SourceExited(supplier);
        _shipping.CancelOrdersOf(supplier);
        _shipping.DropBacklog(supplier);
    }

    /// <inheritdoc/>
    void ISourcingActions.Suspend(Node supplier)
    {
        supplier.OrdersSuspended = true;
        _ordering.SourcesChanged();
        _resourcing.SourceSuspended(supplier);
    }

    /// <inheritdoc/>
    void ISourcingActions.Reinstate(Node supplier)
    {
        supplier.OrdersSuspended = false;
        _ordering.SourcesChanged();
        _resourcing.SourceReinstated(supplier);
    }

    /// <inheritdoc/>
    void ISourcingActions.Terminate(Node supplier) => _economics.Exit(supplier, "terminated");


    /// <summary>Starts every part at time 0: the pipeline in transit, ordering, demand, disruptions, the social mechanisms, the day ends.</summary>
    public void Start()
    {
        _shipping.StartInTransit(SteadyStarts.GetValue(_definition, SteadyStateStart.Compute));
        _ordering.Start();
        _demand.Start();
        _disruptions.Start();
        _capacityTimelines.Start();

        // Social mechanisms (Social/*.cs) build their state and draw day 0 here, when the scenario has them.
        if (_definition.Social is { } social)
        {
            _socialHooks.Start(new SocialMechanisms(
                social, _definition.Regions, _nodes, _suppliers, _links, _nodeIndex, _context.Streams, _ledger,
                new SocialBookings(_economics), this, _production, _resourcing, SupplierReadings.Instance));
        }

        if (_lastDay >= 1)
        {
            _sim.Schedule(1, _dayEnd, DayEndPriority);
        }

        _production.Start();
        _sampler.Start();
        _bookkeeping.Start();
    }

    /// <summary>
    /// Runs on up to <paramref name="until"/> or the horizon, whichever is earlier; true once the horizon
    /// is reached. Runs to successive times are one run to the last of them (<see cref="ArrivalClock.RunUntil"/>).
    /// </summary>
    public bool RunUntil(double until)
    {
        bool finished = _shipping.RunUntil(until);
        _context.CancellationToken.ThrowIfCancellationRequested();
        return finished;
    }

    /// <summary>Leaves the pooled arrays to a later replication; once only, however often it is called.</summary>
    public void Release()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        _economics.Release();
        _clock.Release();
    }

    /// <summary>
    /// The end of a day (see the remarks): economics, the social day end and re-sourcing, then
    /// bookkeeping; then the test probe, the cancellation check and the next day end.
    /// </summary>
    private void OnDayEnd()
    {
        _day++;
        _economics.EndOfDay(_day);
        _socialHooks.DayEnd(_day);
        _resourcing.EndOfDay();
        _bookkeeping.DayEnd(_day);
        _options.DayEndProbe?.Invoke(this);
        _context.CancellationToken.ThrowIfCancellationRequested();
        if (_day < _lastDay && _day + 1 < _horizon)
        {
            _sim.Schedule(1, _dayEnd, DayEndPriority);
        }
    }

    /// <summary>Closes the last day's books and collects the results, once <see cref="RunUntil"/> has reached the horizon.</summary>
    public NetworkRunResult Finish()
    {
        // The day end at the horizon closes the last day's books (the kernel stopped before it).
        if (_day < _lastDay)
        {
            OnDayEnd();
        }

        _sampler.Finish();
        var (kpis, suppliers, nodes) = _bookkeeping.Collect();
        return new NetworkRunResult(_context.Index, _context.Seed, kpis, _sampler.Series(), suppliers, _sim.ProcessedCount, nodes, _sampler.NodeSeries());
    }

    // Computed once per definition and shared by its replications.
    private static readonly ConditionalWeakTable<NetworkDefinition, Dictionary<(int Node, int Input), StockStart>> SteadyStarts = [];

    /// <summary>The one place a definition the engine cannot run is reported (names the node or disruption).</summary>
    internal static ArgumentException Invalid(FormattableString message) =>
        new("Invalid network definition: " + message.ToString(CultureInfo.InvariantCulture));
}
