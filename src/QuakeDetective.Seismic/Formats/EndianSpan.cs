using System.Buffers.Binary;

namespace QuakeDetective.Seismic.Formats;

/// <summary>Reads big- or little-endian fields from a span; the byte order is detected once per record.</summary>
internal readonly ref struct EndianSpan(ReadOnlySpan<byte> bytes, bool bigEndian)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public bool BigEndian { get; } = bigEndian;

    public int Length => _bytes.Length;

    public byte this[int index] => _bytes[index];

    public ReadOnlySpan<byte> Slice(int start, int length) => _bytes.Slice(start, length);

    public ushort U16(int at) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_bytes[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(_bytes[at..]);

    public short I16(int at) => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(_bytes[at..]) : BinaryPrimitives.ReadInt16LittleEndian(_bytes[at..]);

    public int I32(int at) => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(_bytes[at..]) : BinaryPrimitives.ReadInt32LittleEndian(_bytes[at..]);

    public float F32(int at) => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(_bytes[at..]) : BinaryPrimitives.ReadSingleLittleEndian(_bytes[at..]);
}
