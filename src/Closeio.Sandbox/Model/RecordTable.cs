namespace Closeio.Sandbox;

/// <summary>
/// A growable array of compact records, addressed by position and patched in place. Not
/// thread-safe by itself: the organization touches it only under its lock.
/// </summary>
internal sealed class RecordTable<T> where T : struct
{
    private T[] _items;

    public RecordTable(int capacity = 16) => _items = new T[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _items[index];
        }
    }

    public int Add(in T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count] = item;
        return Count++;
    }

    /// <summary>Sorts the filled part (generation only, before anyone reads).</summary>
    public void Sort(IComparer<T> comparer) => Array.Sort(_items, 0, Count, comparer);
}
