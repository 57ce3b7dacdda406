using System.Buffers.Binary;
using System.Text;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Seismic.Tests.Formats;

/// <summary>Builds MiniSEED 3 records (INT32 or FLOAT64 data) for tests, following the FDSN MiniSEED 3 layout.</summary>
internal static class MiniSeed3Builder
{
    public static byte[] Int32Record(string sid, long startNs, double rate, int[] samples)
    {
        var data = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4 * i), samples[i]);
        }

        return Record(sid, startNs, rate, MiniSeedEncoding.Int32, samples.Length, data);
    }

    public static byte[] Record(string sid, long startNs, double rate, MiniSeedEncoding encoding, int count, byte[] data)
    {
        var sidBytes = Encoding.ASCII.GetBytes(sid);
        var record = new byte[40 + sidBytes.Length + data.Length];
        var (year, day, hour, minute, second, nanos) = SeismicTime.ToDayOfYear(startNs);
        record[0] = (byte)'M';
        record[1] = (byte)'S';
        record[2] = 3;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)nanos);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(8), (ushort)year);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(10), (ushort)day);
        record[12] = (byte)hour;
        record[13] = (byte)minute;
        record[14] = (byte)second;
        record[15] = (byte)encoding;
        BinaryPrimitives.WriteDoubleLittleEndian(record.AsSpan(16), rate);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(24), (uint)count);
        record[32] = 1;
        record[33] = (byte)sidBytes.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(36), (uint)data.Length);
        sidBytes.CopyTo(record, 40);
        data.CopyTo(record, 40 + sidBytes.Length);
        FixCrc(record);
        return record;
    }

    /// <summary>Recomputes the CRC-32C of a record (after a test changed its bytes on purpose).</summary>
    public static void FixCrc(Span<byte> record) =>
        BinaryPrimitives.WriteUInt32LittleEndian(record[28..], MiniSeedParser.Crc32C(record));
}
