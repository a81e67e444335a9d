namespace Simulation.Core.Engine;

/// <summary>
/// Integer ids into an array of slots: the id given back last is handed out first (its slot is the most
/// likely to be in cache), else the next never-used one, the array doubling when full.
/// </summary>
/// <remarks>A mutable struct: keep it in a field (not readonly) and call it there.</remarks>
internal struct IdPool(int reserved)
{
    private int[] _free = new int[16];
    private int _freeCount;
    private int _used = reserved;

    /// <summary>A free id; grows <paramref name="slots"/> when every id is in use.</summary>
    public int Take<T>(ref T[] slots)
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_used == slots.Length)
        {
            Array.Resize(ref slots, 2 * _used);
        }

        return _used++;
    }

    /// <summary>Takes back <paramref name="id"/>, whose slot the caller has cleared.</summary>
    public void Give(int id)
    {
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, 2 * _free.Length);
        }

        _free[_freeCount++] = id;
    }
}
