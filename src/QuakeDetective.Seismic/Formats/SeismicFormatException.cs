namespace QuakeDetective.Seismic.Formats;

/// <summary>A waveform file is malformed: says which file, at which byte offset, and what was wrong.</summary>
public sealed class SeismicFormatException : Exception
{
    public SeismicFormatException(string source, long byteOffset, string reason)
        : base($"{source}: byte {byteOffset}: {reason}")
    {
        FileName = source;
        ByteOffset = byteOffset;
        Reason = reason;
    }

    public string FileName { get; }

    public long ByteOffset { get; }

    public string Reason { get; }
}
