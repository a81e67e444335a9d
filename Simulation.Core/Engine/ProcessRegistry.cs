namespace Simulation.Core.Engine;

/// <summary>
/// The simulator's live processes by integer id, so that "the process running now" is an <c>int</c>
/// store per resumption instead of a reference store (which takes a write barrier, and for a young
/// process in a long-lived simulator marks a card). A process takes an id when it starts and gives it
/// back when its body has ended; a freed id is the next one handed out.
/// </summary>
internal sealed class ProcessRegistry
{
    private Process?[] _processes = new Process?[16];
    private IdPool _ids = new(reserved: 0);

    /// <summary>The process of <paramref name="id"/>, or null for -1.</summary>
    public Process? this[int id] => id < 0 ? null : _processes[id];

    public int Add(Process process)
    {
        int id = _ids.Take(ref _processes);
        _processes[id] = process;
        return id;
    }

    public void Remove(int id)
    {
        _processes[id] = null;
        _ids.Give(id);
    }
}
