using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Decodes Steim-1 and Steim-2 compressed frames (SEED manual, appendix B) straight into an int array. Each 64-byte
/// frame is 16 32-bit words: word 0 holds 2-bit codes for the other 15 words; frame 0's words 1 and 2 hold the forward
/// (first sample) and reverse (last sample) integration constants.
/// </summary>
internal static class SteimDecoder
{
    public const int FrameBytes = 64;

    /// <summary>
    /// Decodes <paramref name="destination"/>.Length samples. Returns the reverse integration constant so that the
    /// caller can check it against the last sample. Throws <see cref="SteimFormatException"/> on malformed frames.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, bool bigEndian, bool steim2, Span<int> destination)
    {
        var n = destination.Length;
        var frames = data.Length / FrameBytes;
        if (n == 0)
        {
            return 0;
        }

        if (frames == 0)
        {
            throw new SteimFormatException(0, $"the data section ({data.Length} bytes) holds no complete 64-byte Steim frame");
        }

        var swap = bigEndian == BitConverter.IsLittleEndian;
        ref var src = ref MemoryMarshal.GetReference(data);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var x0 = (int)ReadWord(ref src, 4, swap);
        var xn = (int)ReadWord(ref src, 8, swap);

        Span<int> spill = stackalloc int[8];
        ref var spillRef = ref MemoryMarshal.GetReference(spill);
        var pos = 0;
        for (var f = 0; f < frames && pos < n; f++)
        {
            var frameOffset = f * FrameBytes;
            var control = ReadWord(ref src, frameOffset, swap);
            for (var w = f == 0 ? 3 : 1; w < 16; w++)
            {
                var code = (control >> (30 - 2 * w)) & 3;
                if (code == 0)
                {
                    continue;
                }

                var word = ReadWord(ref src, frameOffset + 4 * w, swap);
                if (pos + 7 <= n)
                {
                    pos += steim2
                        ? UnpackSteim2(word, code, bigEndian, ref Unsafe.Add(ref dst, pos), frameOffset + 4 * w)
                        : UnpackSteim1(word, code, bigEndian, ref Unsafe.Add(ref dst, pos));
                }
                else
                {
                    // Near the end: unpack into a small buffer and keep only what the header declares.
                    var count = steim2
                        ? UnpackSteim2(word, code, bigEndian, ref spillRef, frameOffset + 4 * w)
                        : UnpackSteim1(word, code, bigEndian, ref spillRef);
                    var take = Math.Min(count, n - pos);
                    spill[..take].CopyTo(destination[pos..]);
                    pos += take;
                    if (pos == n)
                    {
                        break;
                    }
                }
            }
        }

        if (pos < n)
        {
            throw new SteimFormatException(
                frames * FrameBytes,
                $"the Steim frames hold {pos} differences but the header declares {n} samples");
        }

        // The first difference refers to the previous record; the forward constant is the first sample.
        dst = x0;
        var last = x0;
        for (var i = 1; i < n; i++)
        {
            last += Unsafe.Add(ref dst, i);
            Unsafe.Add(ref dst, i) = last;
        }

        return xn;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadWord(ref byte src, int offset, bool swap)
    {
        var raw = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, offset));
        return swap ? BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UnpackBytes(uint word, bool bigEndian, ref int d)
    {
        if (!bigEndian)
        {
            // Memory order of a little-endian word is its low byte first.
            word = BinaryPrimitives.ReverseEndianness(word);
        }

        d = (sbyte)(word >> 24);
        Unsafe.Add(ref d, 1) = (sbyte)(word >> 16);
        Unsafe.Add(ref d, 2) = (sbyte)(word >> 8);
        Unsafe.Add(ref d, 3) = (sbyte)word;
        return 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UnpackSteim1(uint word, uint code, bool bigEndian, ref int d)
    {
        switch (code)
        {
            case 1:
                return UnpackBytes(word, bigEndian, ref d);
            case 2:
                d = bigEndian ? (short)(word >> 16) : (short)word;
                Unsafe.Add(ref d, 1) = bigEndian ? (short)word : (short)(word >> 16);
                return 2;
            default:
                d = (int)word;
                return 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UnpackSteim2(uint word, uint code, bool bigEndian, ref int d, int wordOffset)
    {
        var dnib = word >> 30;
        var w = (int)word;
        if (code == 1)
        {
            return UnpackBytes(word, bigEndian, ref d);
        }

        if (code == 2)
        {
            switch (dnib)
            {
                case 1:
                    d = (w << 2) >> 2;
                    return 1;
                case 2:
                    d = (w << 2) >> 17;
                    Unsafe.Add(ref d, 1) = (w << 17) >> 17;
                    return 2;
                case 3:
                    d = (w << 2) >> 22;
                    Unsafe.Add(ref d, 1) = (w << 12) >> 22;
                    Unsafe.Add(ref d, 2) = (w << 22) >> 22;
                    return 3;
                default:
                    throw new SteimFormatException(wordOffset, "Steim-2 word with code 2 has the invalid sub-code 00");
            }
        }

        switch (dnib)
        {
            case 0:
                d = (w << 2) >> 26;
                Unsafe.Add(ref d, 1) = (w << 8) >> 26;
                Unsafe.Add(ref d, 2) = (w << 14) >> 26;
                Unsafe.Add(ref d, 3) = (w << 20) >> 26;
                Unsafe.Add(ref d, 4) = (w << 26) >> 26;
                return 5;
            case 1:
                d = (w << 2) >> 27;
                Unsafe.Add(ref d, 1) = (w << 7) >> 27;
                Unsafe.Add(ref d, 2) = (w << 12) >> 27;
                Unsafe.Add(ref d, 3) = (w << 17) >> 27;
                Unsafe.Add(ref d, 4) = (w << 22) >> 27;
                Unsafe.Add(ref d, 5) = (w << 27) >> 27;
                return 6;
            case 2:
                d = (w << 4) >> 28;
                Unsafe.Add(ref d, 1) = (w << 8) >> 28;
                Unsafe.Add(ref d, 2) = (w << 12) >> 28;
                Unsafe.Add(ref d, 3) = (w << 16) >> 28;
                Unsafe.Add(ref d, 4) = (w << 20) >> 28;
                Unsafe.Add(ref d, 5) = (w << 24) >> 28;
                Unsafe.Add(ref d, 6) = (w << 28) >> 28;
                return 7;
            default:
                throw new SteimFormatException(wordOffset, "Steim-2 word with code 3 has the invalid sub-code 11");
        }
    }
}
