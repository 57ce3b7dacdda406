using System.Buffers.Binary;
using System.Text;

namespace QuakeDetective.Seismic.Formats;

/// <summary>MiniSEED 3: 40-byte little-endian fixed header, FDSN source identifier, extra headers, CRC-32C.</summary>
internal sealed partial class MiniSeedParser
{
    private const int V3HeaderLength = 40;

    /// <summary>"MS", version 3, and a time whose fields are in range.</summary>
    internal static bool LooksLikeV3Header(ReadOnlySpan<byte> b) =>
        b.Length >= V3HeaderLength && b[0] == 'M' && b[1] == 'S' && b[2] == 3 &&
        BinaryPrimitives.ReadUInt16LittleEndian(b[8..]) is >= 1 and <= 9999 &&
        BinaryPrimitives.ReadUInt16LittleEndian(b[10..]) is >= 1 and <= 366 &&
        b[12] <= 23 && b[13] <= 59 && b[14] <= 60;

    private int ParseV3(int offset)
    {
        SawVersion3 = true;
        var available = _length - offset;
        var h = _data.AsSpan(offset, available);
        var nanos = BinaryPrimitives.ReadUInt32LittleEndian(h[4..]);
        var encoding = (MiniSeedEncoding)h[15];
        var rateOrPeriod = BinaryPrimitives.ReadDoubleLittleEndian(h[16..]);
        var sampleCount = BinaryPrimitives.ReadUInt32LittleEndian(h[24..]);
        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(h[28..]);
        var sidLength = h[33];
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h[34..]);
        var dataLength = BinaryPrimitives.ReadUInt32LittleEndian(h[36..]);
        var recordLength = (long)V3HeaderLength + sidLength + extraLength + dataLength;
        try
        {
            if (recordLength > available)
            {
                AddError(offset, $"{RecordName(offset)}: the record is {recordLength} bytes (identifier {sidLength}, extra headers {extraLength}, data {dataLength}) but only {available} bytes remain: the file is truncated or the lengths are corrupt");
                return available;
            }

            var length = (int)recordLength;
            var record = h[..length];
            var crc = Crc32C(record);
            if (crc != storedCrc)
            {
                AddError(offset + 28, $"{RecordName(offset)}: CRC-32C mismatch: the header says 0x{storedCrc:X8} but the record's bytes give 0x{crc:X8}; the record is corrupt and was skipped");
                return length;
            }

            var sidBytes = record.Slice(V3HeaderLength, sidLength);
            var sid = _lastSid is not null && Ascii.Equals(sidBytes, _lastSid) ? _lastSid : Encoding.ASCII.GetString(sidBytes);
            SeedId id;
            if (ReferenceEquals(sid, _lastSid))
            {
                id = _lastSidId;
            }
            else if (TryParseSourceId(sid, out id))
            {
                (_lastSid, _lastSidId) = (sid, id);
            }
            else
            {
                AddError(offset + V3HeaderLength, $"{RecordName(offset)}: source identifier '{sid}' is not an FDSN identifier of the form FDSN:NET_STA_LOC_B_S_SS");
                return length;
            }

            if (!SeismicTime.TryFromDayOfYear(BinaryPrimitives.ReadUInt16LittleEndian(h[8..]), BinaryPrimitives.ReadUInt16LittleEndian(h[10..]), h[12], h[13], h[14], nanos, out var startNs))
            {
                AddError(offset + 4, $"{RecordName(offset)} {id}: invalid start time (nanoseconds {nanos}, year {BinaryPrimitives.ReadUInt16LittleEndian(h[8..])}, day {BinaryPrimitives.ReadUInt16LittleEndian(h[10..])})");
                return length;
            }

            // Positive: samples per second; negative: seconds per sample (MiniSEED 3 specification, field 8).
            var rate = rateOrPeriod > 0 ? rateOrPeriod : rateOrPeriod < 0 ? -1.0 / rateOrPeriod : 0;
            if (!double.IsFinite(rate))
            {
                AddError(offset + 16, $"{RecordName(offset)} {id}: sampling rate {rateOrPeriod} is not a finite number");
                return length;
            }

            if (sampleCount == 0)
            {
                return length;
            }

            var dataStart = V3HeaderLength + sidLength + extraLength;
            var data = record[dataStart..];

            // Steim frames are big-endian in MiniSEED 3; every other encoding is little-endian.
            var bigEndian = encoding is MiniSeedEncoding.Steim1 or MiniSeedEncoding.Steim2;
            var problem = MiniSeedPayload.TryDecode(data, encoding, bigEndian, sampleCount, _arena, out var payload, out var errorOffset);
            if (problem is not null)
            {
                AddError(offset + dataStart + errorOffset, $"{RecordName(offset)} {id}: {problem}");
                return length;
            }

            AddDecoded(
                new MiniSeedRecord
                {
                    Id = id,
                    StartTimeNs = startNs,
                    SampleRate = encoding == MiniSeedEncoding.Text ? 0 : rate,
                    SampleCount = (int)sampleCount,
                    Encoding = encoding,
                    ByteOffset = offset,
                    RecordLength = length,
                    FormatVersion = 3,
                    Integers = payload.Integers,
                    Floats = payload.Floats,
                    Doubles = payload.Doubles,
                    Text = payload.Text,
                },
                payload.IntegrityProblem);
            return length;
        }
        finally
        {
            _recordIndex++;
        }
    }

    /// <summary>FDSN:NET_STA_LOC_B_S_SS (or the older FDSN:NET_STA_LOC_CHA) to NET.STA.LOC.BSS.</summary>
    internal static bool TryParseSourceId(string sid, out SeedId id)
    {
        id = default;
        const string prefix = "FDSN:";
        if (!sid.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = sid[prefix.Length..].Split('_');
        switch (parts.Length)
        {
            case 6:
                id = new SeedId(parts[0], parts[1], parts[2], parts[3] + parts[4] + parts[5]);
                return true;
            case 4:
                id = new SeedId(parts[0], parts[1], parts[2], parts[3]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>CRC-32C (Castagnoli) of a record with its CRC field (bytes 28-31) taken as zero.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> record)
    {
        var crc = 0xFFFFFFFFu;
        crc = Crc32CUpdate(crc, record[..28]);
        crc = System.Numerics.BitOperations.Crc32C(crc, 0u);
        crc = Crc32CUpdate(crc, record[32..]);
        return ~crc;
    }

    private static uint Crc32CUpdate(uint crc, ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            crc = System.Numerics.BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..]));
        }

        for (; i < bytes.Length; i++)
        {
            crc = System.Numerics.BitOperations.Crc32C(crc, bytes[i]);
        }

        return crc;
    }
}
