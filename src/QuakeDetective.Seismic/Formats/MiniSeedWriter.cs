using System.Buffers.Binary;
using System.Text;

namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Writes traces as MiniSEED 2 (Steim-2 when every sample is an integer, FLOAT32 otherwise), 512-byte records
/// by default, with blockette 1000. CONTRACT: keep this signature.
/// </summary>
/// <remarks>
/// Every record carries blockette 1000 (encoding, big-endian word order, record length) and blockette 1001 (the
/// microseconds that the 0.0001 s start time cannot hold, and the number of Steim frames used). When the sampling
/// rate is not exactly a SEED factor/multiplier pair, blockette 100 carries the rate as a float. Integer samples whose
/// neighbouring differences do not fit Steim-2's 30-bit field are written as INT32 so that no value is lost. Sequence
/// numbers run 000001, 000002 ... over the whole stream. Empty traces write no record.
/// </remarks>
public static class MiniSeedWriter
{
    private const int FixedHeaderLength = 48;

    public static void Write(Stream output, IEnumerable<Trace> traces, int recordLength = 512) =>
        Write(output, traces, recordLength, forcedEncoding: null);

    /// <summary>
    /// Writes with a chosen encoding (Steim-1, Steim-2, INT32, FLOAT32 or FLOAT64) instead of the automatic choice;
    /// integer encodings require integer samples. Used by tests and benchmarks.
    /// </summary>
    internal static void Write(Stream output, IEnumerable<Trace> traces, int recordLength, MiniSeedEncoding? forcedEncoding)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(traces);
        if (recordLength is < 256 or > 8192 || (recordLength & (recordLength - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(recordLength), recordLength, "Record length must be a power of two from 256 to 8192 bytes.");
        }

        var record = new byte[recordLength];
        var sequence = 0;
        foreach (var trace in traces)
        {
            ArgumentNullException.ThrowIfNull(trace, nameof(traces));
            if (trace.Count == 0)
            {
                continue;
            }

            var codes = FieldCodes(trace.Id);
            if (trace.StartUtc.Year < 1900 || trace.EndUtc.Year > 2100)
            {
                // Readers (libmseed included) recognise MiniSEED 2 headers by a year within 1900-2100.
                throw new ArgumentException($"{trace.Id} starts or ends outside the years 1900-2100, which MiniSEED 2 readers accept.", nameof(traces));
            }

            var encoding = forcedEncoding ?? ChooseEncoding(trace.Samples);
            var ints = encoding is MiniSeedEncoding.Steim1 or MiniSeedEncoding.Steim2 or MiniSeedEncoding.Int32
                ? ToIntegers(trace.Samples)
                : null;
            var (factor, multiplier, exact) = SampleRateFactors(trace.SampleRate);
            var dataOffset = exact ? 64 : 128;
            if (encoding is not (MiniSeedEncoding.Steim1 or MiniSeedEncoding.Steim2))
            {
                dataOffset = exact ? 64 : 80;
            }

            var dataLength = recordLength - dataOffset;
            var written = 0;
            while (written < trace.Count)
            {
                Array.Clear(record);
                var data = record.AsSpan(dataOffset, dataLength);
                int count;
                var frames = 0;
                switch (encoding)
                {
                    case MiniSeedEncoding.Steim1:
                    case MiniSeedEncoding.Steim2:
                        int? previous = written == 0 ? null : ints![written - 1];
                        (count, frames) = SteimEncoder.Encode(ints.AsSpan(written), previous, encoding == MiniSeedEncoding.Steim2, data);
                        break;
                    case MiniSeedEncoding.Int32:
                        count = Math.Min(trace.Count - written, dataLength / 4);
                        for (var i = 0; i < count; i++)
                        {
                            BinaryPrimitives.WriteInt32BigEndian(data[(4 * i)..], ints![written + i]);
                        }

                        break;
                    case MiniSeedEncoding.Float32:
                        count = Math.Min(trace.Count - written, dataLength / 4);
                        for (var i = 0; i < count; i++)
                        {
                            BinaryPrimitives.WriteSingleBigEndian(data[(4 * i)..], (float)trace.Samples[written + i]);
                        }

                        break;
                    case MiniSeedEncoding.Float64:
                        count = Math.Min(trace.Count - written, dataLength / 8);
                        for (var i = 0; i < count; i++)
                        {
                            BinaryPrimitives.WriteDoubleBigEndian(data[(8 * i)..], trace.Samples[written + i]);
                        }

                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(forcedEncoding), encoding, "The writer supports Steim-1, Steim-2, INT32, FLOAT32 and FLOAT64.");
                }

                sequence = sequence >= 999_999 ? 1 : sequence + 1;
                var startNs = trace.StartTimeNs + (long)Math.Round(written * 1e9 / trace.SampleRate);
                WriteHeader(record, sequence, codes, startNs, count, factor, multiplier, exact ? null : (float)trace.SampleRate,
                    encoding, dataOffset, frames);
                output.Write(record);
                written += count;
            }
        }
    }

    /// <summary>
    /// The SEED sample rate factor and multiplier (manual, fixed header field 10): positive factor = samples per second,
    /// negative factor = seconds per sample; positive multiplier multiplies, negative multiplier divides.
    /// </summary>
    internal static (short Factor, short Multiplier, bool Exact) SampleRateFactors(double rate)
    {
        if (rate >= 1 && rate <= short.MaxValue && rate == Math.Floor(rate))
        {
            return ((short)rate, 1, true);
        }

        var period = 1 / rate;
        if (rate < 1 && period <= short.MaxValue && Math.Abs(period - Math.Round(period)) < 1e-9 * period)
        {
            return ((short)-Math.Round(period), 1, true);
        }

        // Best rational approximation: rate = f / k (f > 0, multiplier -k) or rate = m / k (factor -k, multiplier m).
        var best = (Factor: (short)1, Multiplier: (short)1, Error: double.MaxValue);
        for (var k = 1; k <= short.MaxValue; k++)
        {
            var numerator = Math.Round(rate * k);
            if (numerator > short.MaxValue)
            {
                break;
            }

            if (numerator < 1)
            {
                continue;
            }

            var error = Math.Abs(numerator / k - rate);
            if (error < best.Error)
            {
                best = rate >= 1 ? ((short)numerator, (short)-k, error) : ((short)-k, (short)numerator, error);
                if (error == 0)
                {
                    break;
                }
            }
        }

        return (best.Factor, best.Multiplier, best.Error <= 1e-12 * rate);
    }

    private static MiniSeedEncoding ChooseEncoding(double[] samples)
    {
        foreach (var x in samples)
        {
            if (!(x >= int.MinValue && x <= int.MaxValue && x == Math.Floor(x)))
            {
                return MiniSeedEncoding.Float32;
            }
        }

        return SteimEncoder.FitsSteim2(ToIntegers(samples)) ? MiniSeedEncoding.Steim2 : MiniSeedEncoding.Int32;
    }

    private static int[] ToIntegers(double[] samples)
    {
        var ints = new int[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            if (!(x >= int.MinValue && x <= int.MaxValue && x == Math.Floor(x)))
            {
                throw new ArgumentException($"Sample {i} ({x}) is not an integer within int32, so it cannot be written with an integer encoding.", nameof(samples));
            }

            ints[i] = (int)x;
        }

        return ints;
    }

    private static byte[] FieldCodes(SeedId id)
    {
        // Station 5, location 2, channel 3, network 2 characters, left-justified and space-padded (header bytes 8-19).
        var codes = new byte[12];
        codes.AsSpan().Fill((byte)' ');
        Put(id.Station, 0, 5, "station");
        Put(id.Location, 5, 2, "location");
        Put(id.Channel, 7, 3, "channel");
        Put(id.Network, 10, 2, "network");
        return codes;

        void Put(string value, int offset, int length, string what)
        {
            if (value.Length > length || !Ascii.IsValid(value))
            {
                throw new ArgumentException($"The {what} code '{value}' of {id} does not fit MiniSEED 2 ({length} ASCII characters at most).", nameof(id));
            }

            Encoding.ASCII.GetBytes(value, codes.AsSpan(offset));
        }
    }

    private static void WriteHeader(byte[] record, int sequence, byte[] codes, long startNs, int count, short factor, short multiplier,
        float? actualRate, MiniSeedEncoding encoding, int dataOffset, int frames)
    {
        var span = record.AsSpan();
        Encoding.ASCII.GetBytes(sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), span);
        span[6] = (byte)'D';
        span[7] = (byte)' ';
        codes.CopyTo(span[8..]);

        // BTIME holds 0.0001 s; blockette 1001 holds the remaining microseconds (0-99).
        var tenthMillis = SeismicTime.FloorDiv(startNs, 100_000);
        var micros = (int)((startNs - tenthMillis * 100_000) / 1000);
        var (year, day, hour, minute, second, nanos) = SeismicTime.ToDayOfYear(tenthMillis * 100_000);
        BinaryPrimitives.WriteUInt16BigEndian(span[20..], (ushort)year);
        BinaryPrimitives.WriteUInt16BigEndian(span[22..], (ushort)day);
        span[24] = (byte)hour;
        span[25] = (byte)minute;
        span[26] = (byte)second;
        BinaryPrimitives.WriteUInt16BigEndian(span[28..], (ushort)(nanos / 100_000));
        BinaryPrimitives.WriteUInt16BigEndian(span[30..], (ushort)count);
        BinaryPrimitives.WriteInt16BigEndian(span[32..], factor);
        BinaryPrimitives.WriteInt16BigEndian(span[34..], multiplier);
        span[39] = (byte)(actualRate is null ? 2 : 3);
        BinaryPrimitives.WriteUInt16BigEndian(span[44..], (ushort)dataOffset);
        BinaryPrimitives.WriteUInt16BigEndian(span[46..], FixedHeaderLength);

        // Blockette 1000 at 48: encoding, word order (1 = big-endian), record length exponent.
        BinaryPrimitives.WriteUInt16BigEndian(span[48..], 1000);
        BinaryPrimitives.WriteUInt16BigEndian(span[50..], 56);
        span[52] = (byte)encoding;
        span[53] = 1;
        span[54] = (byte)System.Numerics.BitOperations.Log2((uint)record.Length);

        // Blockette 1001 at 56: timing quality (unknown: 0), microseconds, frame count.
        BinaryPrimitives.WriteUInt16BigEndian(span[56..], 1001);
        BinaryPrimitives.WriteUInt16BigEndian(span[58..], (ushort)(actualRate is null ? 0 : 64));
        span[61] = (byte)(sbyte)micros;
        span[63] = (byte)frames;

        if (actualRate is { } rate)
        {
            // Blockette 100 at 64: the actual sampling rate when factor/multiplier can only approximate it.
            BinaryPrimitives.WriteUInt16BigEndian(span[64..], 100);
            BinaryPrimitives.WriteUInt16BigEndian(span[66..], 0);
            BinaryPrimitives.WriteSingleBigEndian(span[68..], rate);
        }
    }
}
