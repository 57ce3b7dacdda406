using System.Buffers.Binary;
using System.Text;

namespace QuakeDetective.Seismic.Formats;

/// <summary>The decoded data section of one record, shared by the MiniSEED 2 and 3 parsers.</summary>
internal readonly record struct MiniSeedPayload(ArraySegment<int> Integers, float[]? Floats, double[]? Doubles, string? Text, string? IntegrityProblem)
{
    /// <summary>
    /// Checks the declared sample count against what the data section can hold (so that a corrupt count never makes
    /// us allocate more than the record justifies), then decodes. Returns an error reason, or null on success.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> data, MiniSeedEncoding encoding, bool bigEndian, long count, IntArena arena, out MiniSeedPayload payload, out int errorOffset)
    {
        payload = default;
        errorOffset = 0;
        var capacity = encoding switch
        {
            MiniSeedEncoding.Text => data.Length,
            MiniSeedEncoding.Int16 => data.Length / 2,
            MiniSeedEncoding.Int32 or MiniSeedEncoding.Float32 => data.Length / 4,
            MiniSeedEncoding.Float64 => data.Length / 8,
            MiniSeedEncoding.Steim1 => data.Length / SteimDecoder.FrameBytes * 60L,
            MiniSeedEncoding.Steim2 => data.Length / SteimDecoder.FrameBytes * 105L,
            _ => -1L,
        };
        if (capacity < 0)
        {
            return $"unsupported data encoding {(int)encoding} (supported: 0 text, 1 INT16, 3 INT32, 4 FLOAT32, 5 FLOAT64, 10 Steim-1, 11 Steim-2)";
        }

        if (count > capacity)
        {
            return $"the header declares {count} samples but the {data.Length}-byte data section of encoding {EncodingName(encoding)} holds at most {capacity}";
        }

        var n = (int)count;
        switch (encoding)
        {
            case MiniSeedEncoding.Text:
                payload = new MiniSeedPayload(default, null, null, DecodeText(data[..n]), null);
                return null;
            case MiniSeedEncoding.Int16:
            {
                var values = arena.Rent(n);
                for (var i = 0; i < n; i++)
                {
                    var s = data.Slice(2 * i, 2);
                    values[i] = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s);
                }

                payload = new MiniSeedPayload(values, null, null, null, null);
                return null;
            }

            case MiniSeedEncoding.Int32:
            {
                var values = arena.Rent(n);
                for (var i = 0; i < n; i++)
                {
                    var s = data.Slice(4 * i, 4);
                    values[i] = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s);
                }

                payload = new MiniSeedPayload(values, null, null, null, null);
                return null;
            }

            case MiniSeedEncoding.Float32:
            {
                var values = new float[n];
                for (var i = 0; i < n; i++)
                {
                    var s = data.Slice(4 * i, 4);
                    values[i] = bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s);
                }

                payload = new MiniSeedPayload(default, values, null, null, null);
                return null;
            }

            case MiniSeedEncoding.Float64:
            {
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var s = data.Slice(8 * i, 8);
                    values[i] = bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s);
                }

                payload = new MiniSeedPayload(default, null, values, null, null);
                return null;
            }

            default:
            {
                // Every element is written by the decoder, or the record is rejected.
                var values = arena.Rent(n);
                int reverse;
                try
                {
                    reverse = SteimDecoder.Decode(data, bigEndian, encoding == MiniSeedEncoding.Steim2, values.AsSpan());
                }
                catch (SteimFormatException ex)
                {
                    errorOffset = ex.DataOffset;
                    return ex.Reason;
                }

                var problem = n > 0 && values[n - 1] != reverse
                    ? $"{EncodingName(encoding)} integrity check failed: the last sample is {values[n - 1]} but the reverse integration constant is {reverse}; the samples are kept but may be wrong"
                    : null;
                payload = new MiniSeedPayload(values, null, null, null, problem);
                return null;
            }
        }
    }

    public static string EncodingName(MiniSeedEncoding encoding) => encoding switch
    {
        MiniSeedEncoding.Text => "TEXT",
        MiniSeedEncoding.Int16 => "INT16",
        MiniSeedEncoding.Int32 => "INT32",
        MiniSeedEncoding.Float32 => "FLOAT32",
        MiniSeedEncoding.Float64 => "FLOAT64",
        MiniSeedEncoding.Steim1 => "Steim-1",
        MiniSeedEncoding.Steim2 => "Steim-2",
        _ => $"encoding {(int)encoding}",
    };

    private static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        // Text records are ASCII/UTF-8; trailing NUL padding is not part of the log.
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] == 0)
        {
            end--;
        }

        return Encoding.UTF8.GetString(bytes[..end]);
    }
}
