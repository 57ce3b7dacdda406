using System.Buffers.Binary;

namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Packs integer samples into Steim-1 or Steim-2 frames (big-endian words). Each data word greedily takes as many of
/// the next differences as fit in one of the allowed packings.
/// </summary>
internal static class SteimEncoder
{
    // Steim-2 packings: differences per word, bits per difference; tried from the densest.
    private static readonly (int Count, int Bits)[] Steim2Packings = [(7, 4), (6, 5), (5, 6), (4, 8), (3, 10), (2, 15), (1, 30)];
    private static readonly (int Count, int Bits)[] Steim1Packings = [(4, 8), (2, 16), (1, 32)];

    /// <summary>True when every difference between neighbouring samples fits in Steim-2's widest (30-bit) field.</summary>
    public static bool FitsSteim2(ReadOnlySpan<int> samples)
    {
        for (var i = 1; i < samples.Length; i++)
        {
            if (!Fits((long)samples[i] - samples[i - 1], 30))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Encodes as many of <paramref name="samples"/> as fit into <paramref name="frames"/> (a whole number of 64-byte
    /// frames, cleared first). <paramref name="previous"/> is the sample before the first one (for the first
    /// difference), or null at the start of a trace. Returns the number of samples and frames used.
    /// </summary>
    public static (int Samples, int Frames) Encode(ReadOnlySpan<int> samples, int? previous, bool steim2, Span<byte> frames)
    {
        frames.Clear();
        var frameCount = frames.Length / SteimDecoder.FrameBytes;
        if (samples.IsEmpty || frameCount == 0)
        {
            return (0, 0);
        }

        var packings = steim2 ? Steim2Packings : Steim1Packings;
        var maxBits = steim2 ? 30 : 32;
        var firstDiff = previous is { } p && Fits((long)samples[0] - p, maxBits) ? samples[0] - p : 0;
        Span<int> diffs = stackalloc int[7];

        var pos = 0;
        var framesUsed = 0;
        for (var f = 0; f < frameCount && pos < samples.Length; f++)
        {
            framesUsed++;
            var frame = frames.Slice(f * SteimDecoder.FrameBytes, SteimDecoder.FrameBytes);
            uint control = 0;
            for (var w = f == 0 ? 3 : 1; w < 16 && pos < samples.Length; w++)
            {
                var (count, bits) = ChoosePacking(samples, pos, firstDiff, packings);
                for (var k = 0; k < count; k++)
                {
                    diffs[k] = Difference(samples, pos + k, firstDiff);
                }

                var (code, word) = Pack(diffs[..count], bits, steim2);
                control |= code << (30 - 2 * w);
                BinaryPrimitives.WriteUInt32BigEndian(frame[(4 * w)..], word);
                pos += count;
            }

            BinaryPrimitives.WriteUInt32BigEndian(frame, control);
        }

        BinaryPrimitives.WriteInt32BigEndian(frames[4..], samples[0]);
        BinaryPrimitives.WriteInt32BigEndian(frames[8..], samples[pos - 1]);
        return (pos, framesUsed);
    }

    private static int Difference(ReadOnlySpan<int> samples, int index, int firstDiff) =>
        index == 0 ? firstDiff : unchecked(samples[index] - samples[index - 1]);

    private static (int Count, int Bits) ChoosePacking(ReadOnlySpan<int> samples, int pos, int firstDiff, (int Count, int Bits)[] packings)
    {
        foreach (var (count, bits) in packings)
        {
            if (pos + count > samples.Length)
            {
                continue;
            }

            var ok = true;
            for (var k = 0; k < count && ok; k++)
            {
                var i = pos + k;
                var diff = i == 0 ? firstDiff : (long)samples[i] - samples[i - 1];
                ok = Fits(diff, bits);
            }

            if (ok)
            {
                return (count, bits);
            }
        }

        throw new ArgumentException($"The difference at sample {pos} does not fit in a Steim word.", nameof(samples));
    }

    private static (uint Code, uint Word) Pack(ReadOnlySpan<int> diffs, int bits, bool steim2)
    {
        uint word = 0;
        var mask = bits == 32 ? uint.MaxValue : (1u << bits) - 1;
        for (var k = 0; k < diffs.Length; k++)
        {
            var shift = bits * (diffs.Length - 1 - k);
            word |= ((uint)diffs[k] & mask) << shift;
        }

        if (!steim2)
        {
            return (bits switch { 8 => 1u, 16 => 2u, _ => 3u }, word);
        }

        return bits switch
        {
            8 => (1u, word),
            30 => (2u, (1u << 30) | word),
            15 => (2u, (2u << 30) | word),
            10 => (2u, (3u << 30) | word),
            6 => (3u, word),
            5 => (3u, (1u << 30) | word),
            _ => (3u, (2u << 30) | word), // seven 4-bit differences in the low 28 bits
        };
    }

    private static bool Fits(long value, int bits) =>
        value >= -(1L << (bits - 1)) && value < (1L << (bits - 1));
}
