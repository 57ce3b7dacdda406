using System.Globalization;
using System.Text;

namespace QuakeDetective.Seismic.Formats;

/// <summary>
/// Binary SAC: a 632-byte header (70 floats, 40 integers, 24 eight-byte strings with kevnm 16 bytes) followed by npts
/// 32-bit floats, all in one byte order, which the header version (word 76, 6 or 7) tells.
/// </summary>
internal static class SacReader
{
    public const int HeaderLength = 632;
    private const int VersionOffset = 76 * 4;
    private const int Undefined = -12345;

    private static readonly System.Buffers.SearchValues<byte> Printable =
        System.Buffers.SearchValues.Create(Enumerable.Range(' ', '~' - ' ' + 1).Select(b => (byte)b).Concat("\r\n\t"u8.ToArray()).ToArray());

    /// <summary>True when the header version at word 76 reads 6 or 7 in either byte order.</summary>
    public static bool LooksLikeSac(ReadOnlySpan<byte> data, out bool bigEndian)
    {
        bigEndian = false;
        if (data.Length < HeaderLength)
        {
            return false;
        }

        if (new EndianSpan(data, false).I32(VersionOffset) is 6 or 7)
        {
            return true;
        }

        bigEndian = true;
        return new EndianSpan(data, true).I32(VersionOffset) is 6 or 7;
    }

    /// <summary>Alphanumeric SAC starts with lines of five numbers each (the float header words, 14 lines of them).</summary>
    public static bool LooksLikeAlphanumericSac(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 400)];
        if (head.IndexOfAnyExcept(Printable) >= 0)
        {
            return false;
        }

        var lines = Encoding.ASCII.GetString(head).Split('\n');
        if (lines.Length < 4)
        {
            return false;
        }

        for (var l = 0; l < 3; l++)
        {
            var fields = lines[l].Split(' ', '\t', '\r').Where(f => f.Length > 0).ToArray();
            if (fields.Length != 5 || !fields.All(f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                return false;
            }
        }

        return true;
    }

    public static SacFile Parse(byte[] bytes, int length, string source)
    {
        var data = bytes.AsSpan(0, length);
        if (!LooksLikeSac(data, out var bigEndian))
        {
            if (LooksLikeAlphanumericSac(data))
            {
                throw new SeismicFormatException(source, 0,
                    "this is alphanumeric (text) SAC, which is not supported; convert it to binary SAC first (in SAC: 'read FILE; write sac FILE.sac', or ObsPy: read(FILE).write(OUT, format='SAC'))");
            }

            throw new SeismicFormatException(source, data.Length < HeaderLength ? 0 : VersionOffset, data.Length < HeaderLength
                ? $"not a SAC file: {data.Length} bytes is shorter than the {HeaderLength}-byte SAC header"
                : "not a binary SAC file: the header version (NVHDR, word 76) is neither 6 nor 7 in either byte order");
        }

        var h = new EndianSpan(data, bigEndian);
        double? F(int word)
        {
            var value = new EndianSpan(bytes.AsSpan(0, HeaderLength), bigEndian).F32(4 * word);
            return value == Undefined || !float.IsFinite(value) ? null : value;
        }

        int? I(int word)
        {
            var value = new EndianSpan(bytes.AsSpan(0, HeaderLength), bigEndian).I32(4 * word);
            return value == Undefined ? null : value;
        }

        string? K(int byteOffset, int size)
        {
            var text = Encoding.ASCII.GetString(bytes, byteOffset, size).TrimEnd(' ', '\0').Trim();
            return text.Length == 0 || text == "-12345" ? null : text;
        }

        var npts = h.I32(79 * 4);
        var deltaRaw = h.F32(0);
        var version = h.I32(VersionOffset);
        var ifType = I(85);
        var leven = I(105);
        if (ifType != 1)
        {
            var kind = ifType switch { 2 => "IRLIM spectrum", 3 => "IAMPH spectrum", 4 => "IXY general x-y data", null => "undefined", _ => "unknown" };
            throw new SeismicFormatException(source, 85 * 4, $"SAC file type IFTYPE={ifType?.ToString(CultureInfo.InvariantCulture) ?? "undefined"} ({kind}) is not a time series; only ITIME (1) files can be read");
        }

        if (leven != 1)
        {
            throw new SeismicFormatException(source, 105 * 4, "SAC data are not evenly spaced (LEVEN is not true); only evenly sampled time series can be read");
        }

        if (!(deltaRaw > 0) || !float.IsFinite(deltaRaw))
        {
            throw new SeismicFormatException(source, 0, $"SAC sampling interval DELTA={deltaRaw} must be a positive number");
        }

        if (npts < 0)
        {
            throw new SeismicFormatException(source, 79 * 4, $"SAC sample count NPTS={npts} is negative");
        }

        // Check the declared count against the file before allocating anything.
        var needed = HeaderLength + 4L * npts;
        if (needed > data.Length)
        {
            throw new SeismicFormatException(source, data.Length,
                $"SAC header declares NPTS={npts} samples ({needed} bytes with the header) but the file has only {data.Length} bytes: it is truncated or NPTS is wrong");
        }

        var samples = new double[npts];
        for (var i = 0; i < npts; i++)
        {
            samples[i] = h.F32(HeaderLength + 4 * i);
        }

        var nz = new[] { I(70), I(71), I(72), I(73), I(74), I(75) };
        long? reference = null;
        if (nz.All(v => v is not null))
        {
            if (nz[5] is < 0 or > 999 || !SeismicTime.TryFromDayOfYear(nz[0]!.Value, nz[1]!.Value, nz[2]!.Value, nz[3]!.Value, nz[4]!.Value, nz[5]!.Value * 1_000_000L, out var referenceNs))
            {
                throw new SeismicFormatException(source, 70 * 4,
                    $"SAC reference time is invalid: year {nz[0]}, day {nz[1]}, {nz[2]}:{nz[3]}:{nz[4]}.{nz[5]:000}");
            }

            reference = referenceNs;
        }

        var t = new double?[10];
        for (var i = 0; i < 10; i++)
        {
            t[i] = F(10 + i);
        }

        var header = new SacHeader
        {
            BigEndian = bigEndian,
            Version = version,
            Npts = npts,
            Delta = deltaRaw,
            DepMin = F(1),
            DepMax = F(2),
            Scale = F(3),
            B = F(5),
            E = F(6),
            O = F(7),
            A = F(8),
            T = t,
            Stla = F(31),
            Stlo = F(32),
            Stel = F(33),
            Stdp = F(34),
            Evla = F(35),
            Evlo = F(36),
            Evel = F(37),
            Evdp = F(38),
            Mag = F(39),
            Dist = F(50),
            Az = F(51),
            Baz = F(52),
            Gcarc = F(53),
            DepMen = F(56),
            CmpAz = F(57),
            CmpInc = F(58),
            NzYear = nz[0],
            NzJday = nz[1],
            NzHour = nz[2],
            NzMin = nz[3],
            NzSec = nz[4],
            NzMsec = nz[5],
            IfType = ifType,
            IDep = I(86),
            IzType = I(87),
            Leven = leven == 1,
            Kstnm = K(440, 8),
            Kevnm = K(448, 16),
            Khole = K(464, 8),
            Kcmpnm = K(600, 8),
            Knetwk = K(608, 8),
            Kinst = K(624, 8),
            ReferenceTimeNs = reference,
        };
        return new SacFile(header, new Trace(header.Id, header.StartTimeNs, header.SampleRate, samples));
    }
}
