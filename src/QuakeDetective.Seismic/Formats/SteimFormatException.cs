namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Thrown by the Steim decoder with the offset of the bad word inside the data section; the record parser turns it
/// into a <see cref="SeismicFormatException"/> with the file name and absolute offset.
/// </summary>
internal sealed class SteimFormatException(int dataOffset, string reason) : Exception(reason)
{
    public int DataOffset { get; } = dataOffset;

    public string Reason { get; } = reason;
}
