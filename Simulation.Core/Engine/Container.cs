namespace Simulation.Core.Engine;

/// <summary>
/// A continuous level between 0 and a capacity (cash, bulk stock). Gets wait until the level covers
/// them, puts until there is room; both are served strictly in arrival order.
/// </summary>
public sealed class Container
{
    private readonly Queue<ContainerRequest> _puts = new();
    private readonly Queue<ContainerRequest> _gets = new();

    /// <summary>Creates a container holding <paramref name="initialLevel"/> of at most <paramref name="capacity"/>.</summary>
    public Container(Simulator simulator, double capacity = double.PositiveInfinity, double initialLevel = 0, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Name = name ?? "container";
        if (!(capacity > 0))
        {
            throw Errors.BadCapacity(nameof(capacity), Name, capacity);
        }

        if (!(initialLevel >= 0 && initialLevel <= capacity))
        {
            throw Errors.BadInitialLevel(nameof(initialLevel), Name, initialLevel, capacity);
        }

        Simulator = simulator;
        Capacity = capacity;
        Level = initialLevel;
    }

    /// <summary>The simulation the container belongs to.</summary>
    public Simulator Simulator { get; }

    /// <summary>The name used in messages.</summary>
    public string Name { get; }

    /// <summary>The most it holds.</summary>
    public double Capacity { get; }

    /// <summary>The amount it holds now.</summary>
    public double Level { get; private set; }

    /// <summary>Adds <paramref name="amount"/>; the event succeeds once there was room.</summary>
    public ContainerRequest Put(double amount) => Enqueue(_puts, amount);

    /// <summary>Takes <paramref name="amount"/>; the event succeeds once the level covered it.</summary>
    public ContainerRequest Get(double amount) => Enqueue(_gets, amount);

    private ContainerRequest Enqueue(Queue<ContainerRequest> queue, double amount)
    {
        if (!(amount > 0) || double.IsPositiveInfinity(amount))
        {
            throw Errors.BadAmount(nameof(amount), Name, amount);
        }

        if (amount > Capacity)
        {
            throw Errors.AmountAboveCapacity(nameof(amount), Name, amount, Capacity);
        }

        var request = new ContainerRequest(Simulator, amount);
        queue.Enqueue(request);
        Balance();
        return request;
    }

    private void Balance()
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            DropCancelled(_puts);
            if (_puts.Count > 0 && Level + _puts.Peek().Amount <= Capacity)
            {
                var put = _puts.Dequeue();
                Level += put.Amount;
                put.Succeed();
                moved = true;
            }

            DropCancelled(_gets);
            if (_gets.Count > 0 && _gets.Peek().Amount <= Level)
            {
                var get = _gets.Dequeue();
                Level -= get.Amount;
                get.Succeed();
                moved = true;
            }
        }
    }

    private static void DropCancelled(Queue<ContainerRequest> queue)
    {
        while (queue.Count > 0 && queue.Peek().IsCancelled)
        {
            queue.Dequeue();
        }
    }
}

/// <summary>A pending put into or get from a <see cref="Container"/>.</summary>
public sealed class ContainerRequest : Event
{
    internal ContainerRequest(Simulator simulator, double amount)
        : base(simulator)
    {
        Amount = amount;
    }

    /// <summary>The amount to put or get.</summary>
    public double Amount { get; }

    /// <summary>True if <see cref="Cancel"/> withdrew the request before it was served.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>Withdraws the request if it has not been served.</summary>
    public void Cancel()
    {
        if (!IsTriggered)
        {
            IsCancelled = true;
        }
    }
}
