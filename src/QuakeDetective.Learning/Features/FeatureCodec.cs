using System.Buffers.Binary;

namespace QuakeDetective.Learning.Features;

/// <summary>Feature vectors as little-endian float32 bytes, the storage form of <c>SubjectFeatures.Values</c>.</summary>
public static class FeatureCodec
{
    public static byte[] Encode(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }

    /// <summary>Decodes a stored vector; returns null when its length does not match <paramref name="expectedCount"/>.</summary>
    public static float[]? Decode(ReadOnlySpan<byte> bytes, int expectedCount)
    {
        if (bytes.Length != expectedCount * sizeof(float))
        {
            return null;
        }

        var values = new float[expectedCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }

        return values;
    }
}
