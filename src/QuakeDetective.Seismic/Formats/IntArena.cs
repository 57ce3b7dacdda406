namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Hands out slices of a few large int arrays for decoded records. One array per 512-byte record would mean a hundred
/// thousand small arrays per 50 MB file, all alive until the traces are assembled, which the GC must copy from
/// generation to generation; large chunks live on the large-object heap and are never copied.
/// </summary>
internal sealed class IntArena
{
    private const int MaxChunk = 1 << 20;
    private int[] _chunk = [];
    private int _used;
    private int _nextSize;

    /// <param name="expectedTotal">A guess at the total number of ints (e.g. the file length): the first chunk's size.</param>
    public IntArena(long expectedTotal)
    {
        _nextSize = (int)Math.Clamp(expectedTotal, 1024, MaxChunk);
    }

    /// <summary>A slice of <paramref name="count"/> ints whose content is undefined until the caller writes it.</summary>
    public ArraySegment<int> Rent(int count)
    {
        if (_chunk.Length - _used < count)
        {
            _chunk = GC.AllocateUninitializedArray<int>(Math.Max(count, _nextSize));
            _used = 0;
            _nextSize = Math.Min(_nextSize * 2, MaxChunk);
        }

        var slice = new ArraySegment<int>(_chunk, _used, count);
        _used += count;
        return slice;
    }
}
