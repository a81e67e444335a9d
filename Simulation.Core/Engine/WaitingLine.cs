namespace Simulation.Core.Engine;

/// <summary>The order in which waiting requests are served.</summary>
internal interface IWaitingLine
{
    int Count { get; }

    void Add(Request request);

    bool TryPeek(out Request request);

    bool TryTake(out Request request);
}

/// <summary>First come, first served (a ring buffer: no allocation once grown).</summary>
internal sealed class FifoLine : IWaitingLine
{
    private readonly Queue<Request> _queue = new();

    public int Count => _queue.Count;

    public void Add(Request request) => _queue.Enqueue(request);

    public bool TryPeek(out Request request) => _queue.TryPeek(out request!);

    public bool TryTake(out Request request) => _queue.TryDequeue(out request!);
}

/// <summary>Lowest priority value first, then first come (the BCL's 4-ary heap).</summary>
internal sealed class PriorityLine : IWaitingLine
{
    private readonly PriorityQueue<Request, (int Priority, long Order)> _queue = new();

    public int Count => _queue.Count;

    public void Add(Request request) => _queue.Enqueue(request, (request.Priority, request.Order));

    public bool TryPeek(out Request request) => _queue.TryPeek(out request!, out _);

    public bool TryTake(out Request request) => _queue.TryDequeue(out request!, out _);
}
