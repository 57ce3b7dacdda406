using System.Buffers.Binary;
using System.Text;

namespace QuakeDetective.Seismic.Formats;

/// <summary>MiniSEED 2: 48-byte fixed header, blockettes 100/1000/1001, either byte order.</summary>
internal sealed partial class MiniSeedParser
{
    private const int V2HeaderLength = 48;

    /// <summary>
    /// A plausible SEED 2 fixed data header: sequence number of digits/spaces/NULs, quality D/R/Q/M, a reserved space,
    /// and a start time whose year (1900-2100) and day (1-366) tell the header byte order.
    /// </summary>
    internal static bool LooksLikeV2Header(ReadOnlySpan<byte> b, out bool bigEndian)
    {
        bigEndian = true;
        if (b.Length < V2HeaderLength)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            if (!(b[i] is >= (byte)'0' and <= (byte)'9' || b[i] == ' ' || b[i] == 0))
            {
                return false;
            }
        }

        if (b[6] is not ((byte)'D' or (byte)'R' or (byte)'Q' or (byte)'M') || b[7] is not ((byte)' ' or 0))
        {
            return false;
        }

        if (b[24] > 23 || b[25] > 59 || b[26] > 60)
        {
            return false;
        }

        if (IsYearDay(BinaryPrimitives.ReadUInt16BigEndian(b[20..]), BinaryPrimitives.ReadUInt16BigEndian(b[22..])))
        {
            bigEndian = true;
            return true;
        }

        if (IsYearDay(BinaryPrimitives.ReadUInt16LittleEndian(b[20..]), BinaryPrimitives.ReadUInt16LittleEndian(b[22..])))
        {
            bigEndian = false;
            return true;
        }

        return false;

        static bool IsYearDay(int year, int day) => year is >= 1900 and <= 2100 && day is >= 1 and <= 366;
    }

    /// <summary>Parses the MiniSEED 2 record at <paramref name="offset"/>; returns the bytes consumed, or 0 when it cannot be sized.</summary>
    private int ParseV2(int offset, bool be)
    {
        SawVersion2 = true;
        var available = _length - offset;
        var h = new EndianSpan(_data.AsSpan(offset, Math.Min(available, 65536)), be);

        var id = V2Id(h.Slice(8, 12));
        var sampleCount = h.U16(30);
        var factor = h.I16(32);
        var multiplier = h.I16(34);
        var activity = h[36];
        var timeCorrection = h.I32(40);
        var dataOffset = h.U16(44);

        // Walk the blockette chain (offsets must increase, so a corrupt chain cannot loop).
        int? exponent = null;
        int? dataWordOrder = null;
        MiniSeedEncoding? encoding = null;
        var microseconds = 0;
        float? actualRate = null;
        var next = h.U16(46);
        var previous = 0;
        string? blocketteProblem = null;
        while (next != 0)
        {
            if (next <= previous || next < V2HeaderLength || next + 4 > h.Length)
            {
                blocketteProblem = $"blockette chain points to byte {next} of the record, which is outside the record or not after the previous blockette";
                break;
            }

            var type = h.U16(next);
            var following = h.U16(next + 2);
            var size = type switch { 1000 or 1001 => 8, 100 => 12, _ => 4 };
            if (next + size > h.Length)
            {
                blocketteProblem = $"blockette {type} at byte {next} of the record runs past the end of the file";
                break;
            }

            switch (type)
            {
                case 1000:
                    encoding = (MiniSeedEncoding)h[next + 4];
                    dataWordOrder = h[next + 5];
                    exponent = h[next + 6];
                    break;
                case 1001:
                    microseconds = (sbyte)h[next + 5];
                    break;
                case 100:
                    actualRate = h.F32(next + 4);
                    break;
            }

            previous = next;
            next = following;
        }

        int recordLength;
        if (exponent is { } e)
        {
            if (e is < 7 or > 16)
            {
                AddError(offset, $"{RecordName(offset)}: blockette 1000 declares record length 2^{e}; MiniSEED 2 records are 128 to 65536 bytes");
                return 0;
            }

            recordLength = 1 << e;
        }
        else
        {
            recordLength = DetectV2RecordLength(offset);
            if (recordLength == 0)
            {
                AddError(offset, $"{RecordName(offset)}: no blockette 1000 and no following record header at a power-of-two distance (128-65536 bytes), so the record length is unknown");
                return 0;
            }
        }

        if (recordLength > available)
        {
            AddError(offset, $"{RecordName(offset)} {id}: the record is {recordLength} bytes but only {available} bytes remain: the file is truncated");
            _recordIndex++;
            return available;
        }

        try
        {
            if (blocketteProblem is not null)
            {
                AddError(offset, $"{RecordName(offset)} {id}: {blocketteProblem}");
                return recordLength;
            }

            if (previous != 0 && previous >= recordLength)
            {
                AddError(offset, $"{RecordName(offset)} {id}: a blockette lies beyond the {recordLength}-byte record");
                return recordLength;
            }

            if (!SeismicTime.TryFromDayOfYear(h.U16(20), h.U16(22), h[24], h[25], Math.Min((int)h[26], 60), h.U16(28) * 100_000L, out var startNs) ||
                h.U16(28) > 9999)
            {
                AddError(offset + 20, $"{RecordName(offset)} {id}: invalid start time (year {h.U16(20)}, day {h.U16(22)}, {h[24]}:{h[25]}:{h[26]}, fraction {h.U16(28)})");
                return recordLength;
            }

            startNs += microseconds * 1000L;
            if ((activity & 0x02) == 0)
            {
                // Activity flag bit 1 clear: the time correction (0.0001 s units) has not been applied yet.
                startNs += timeCorrection * 100_000L;
            }

            var rate = actualRate is { } r && r > 0 && float.IsFinite(r) ? r : RateFromFactors(factor, multiplier);
            if (sampleCount == 0)
            {
                return recordLength;
            }

            if (dataOffset < V2HeaderLength || dataOffset >= recordLength)
            {
                AddError(offset + 44, $"{RecordName(offset)} {id}: the data section starts at byte {dataOffset}, outside the {recordLength}-byte record");
                return recordLength;
            }

            var dataEncoding = encoding ?? MiniSeedEncoding.Steim1;
            var dataBigEndian = dataWordOrder is { } order ? order != 0 : be;
            var data = _data.AsSpan(offset + dataOffset, recordLength - dataOffset);
            var problem = MiniSeedPayload.TryDecode(data, dataEncoding, dataBigEndian, sampleCount, _arena, out var payload, out var errorOffset);
            if (problem is not null)
            {
                AddError(offset + dataOffset + errorOffset, $"{RecordName(offset)} {id}: {problem}");
                return recordLength;
            }

            AddDecoded(
                new MiniSeedRecord
                {
                    Id = id,
                    StartTimeNs = startNs,
                    SampleRate = dataEncoding == MiniSeedEncoding.Text ? 0 : rate,
                    SampleCount = sampleCount,
                    Encoding = dataEncoding,
                    ByteOffset = offset,
                    RecordLength = recordLength,
                    FormatVersion = 2,
                    Integers = payload.Integers,
                    Floats = payload.Floats,
                    Doubles = payload.Doubles,
                    Text = payload.Text,
                },
                payload.IntegrityProblem);
            return recordLength;
        }
        finally
        {
            _recordIndex++;
        }
    }

    /// <summary>
    /// The SEED rule (manual, fixed header fields 10-11): factor &gt; 0 is samples/s and &lt; 0 is s/sample; multiplier
    /// &gt; 0 multiplies and &lt; 0 divides. Zero means no sampling (e.g. log records).
    /// </summary>
    internal static double RateFromFactors(int factor, int multiplier)
    {
        if (factor == 0 || multiplier == 0)
        {
            return 0;
        }

        return (factor > 0, multiplier > 0) switch
        {
            (true, true) => (double)factor * multiplier,
            (true, false) => -(double)factor / multiplier,
            (false, true) => -(double)multiplier / factor,
            _ => 1.0 / ((double)factor * multiplier),
        };
    }

    /// <summary>Without blockette 1000: the record ends where the next record header (or the file) begins.</summary>
    private int DetectV2RecordLength(int offset)
    {
        for (var length = 128; length <= 65536; length *= 2)
        {
            var end = (long)offset + length;
            if (end == _length)
            {
                return length;
            }

            if (end > _length)
            {
                return 0;
            }

            var span = _data.AsSpan((int)end, _length - (int)end);
            if (LooksLikeV3Header(span) || LooksLikeV2Header(span, out _))
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>Station, location, channel and network codes (header bytes 8-19); consecutive records usually share them.</summary>
    private SeedId V2Id(ReadOnlySpan<byte> codes)
    {
        if (_lastCodes is { } last && codes.SequenceEqual(last))
        {
            return _lastId;
        }

        _lastCodes = codes.ToArray();
        _lastId = new SeedId(Code(codes.Slice(10, 2)), Code(codes[..5]), Code(codes.Slice(5, 2)), Code(codes.Slice(7, 3)));
        return _lastId;
    }

    private static string Code(ReadOnlySpan<byte> field) => Encoding.ASCII.GetString(field).Trim(' ', '\0');
}
