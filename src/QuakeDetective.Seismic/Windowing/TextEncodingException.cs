namespace QuakeDetective.Seismic.Windowing;

/// <summary>
/// A text file's bytes are not what it claims to be (invalid UTF-8, a NUL byte, a broken UTF-16 surrogate). The
/// message says where: the byte offset from the start of the file and, for UTF-8, the line.
/// </summary>
public sealed class TextEncodingException : IOException
{
    public TextEncodingException(string message, long byteOffset, int? line)
        : base(message)
    {
        ByteOffset = byteOffset;
        Line = line;
    }

    public TextEncodingException()
    {
    }

    public TextEncodingException(string message)
        : base(message)
    {
    }

    public TextEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Offset of the first bad byte from the start of the file (byte-order mark included).</summary>
    public long ByteOffset { get; }

    /// <summary>1-based line of the bad byte, when known.</summary>
    public int? Line { get; }
}
