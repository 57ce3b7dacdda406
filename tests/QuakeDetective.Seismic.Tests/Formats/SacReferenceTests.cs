using System.Text.Json;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Seismic.Tests.Formats;

/// <summary>Every SAC file in the shared data decodes to what NumPy reads (reference_values.json).</summary>
public sealed class SacReferenceTests
{
    public static TheoryData<string> Files => ReferenceValues.FilesUnder("sac");

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Decode_SharedSacFile_MatchesReference(string file)
    {
        var entry = ReferenceValues.Entry(file);
        var path = ReferenceValues.PathOf(file);

        var result = WaveformReader.ReadFileDetailed(path);

        if (entry.TryGetProperty("error", out _))
        {
            var error = Assert.Single(result.Errors);
            Assert.Empty(result.Traces);
            Assert.Contains("alphanumeric", error.Reason, StringComparison.Ordinal);
            return;
        }

        Assert.Empty(result.Errors);
        Assert.Equal(WaveformFormat.Sac, result.Format);
        var header = result.SacHeader!;
        var trace = Assert.Single(result.Traces);
        Assert.Equal(entry.GetProperty("byteorder").GetString() == "BE", header.BigEndian);
        Assert.Equal(entry.GetProperty("nvhdr").GetInt32(), header.Version);
        Assert.Equal(entry.GetProperty("npts").GetInt32(), trace.Count);
        Assert.Equal(entry.GetProperty("delta").GetDouble(), header.Delta);
        Assert.Equal(1.0 / entry.GetProperty("delta").GetDouble(), trace.SampleRate);
        AssertOptional(entry.GetProperty("b"), header.B);
        AssertOptional(entry.GetProperty("e"), header.E);
        AssertOptional(entry.GetProperty("a"), header.A);
        AssertOptional(entry.GetProperty("o"), header.O);
        AssertOptional(entry.GetProperty("t0"), header.T[0]);
        AssertOptional(entry.GetProperty("depmen_hdr"), header.DepMen);
        Assert.Equal(Text(entry, "kstnm"), header.Kstnm);
        Assert.Equal(Text(entry, "kcmpnm"), header.Kcmpnm);
        Assert.Equal(Text(entry, "knetwk"), header.Knetwk);
        Assert.Equal(entry.GetProperty("idep").GetInt32() is var idep && idep == -12345 ? null : idep, header.IDep);

        var nz = entry.GetProperty("nzyear..nzmsec").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(nz, new[] { header.NzYear, header.NzJday, header.NzHour, header.NzMin, header.NzSec, header.NzMsec }.Select(v => v!.Value));
        var reference = new DateTime(nz[0], 1, 1, nz[2], nz[3], nz[4], nz[5], DateTimeKind.Utc).AddDays(nz[1] - 1);
        Assert.Equal(SeismicTime.FromDateTime(reference) + (long)Math.Round(entry.GetProperty("b").GetDouble() * 1e9), trace.StartTimeNs);

        var first = entry.GetProperty("first5").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var last = entry.GetProperty("last3").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i], trace.Samples[i], Math.Abs(first[i]) * 1e-6);
        }

        for (var i = 0; i < last.Length; i++)
        {
            Assert.Equal(last[i], trace.Samples[trace.Count - 3 + i], Math.Abs(last[i]) * 1e-6);
        }

        Assert.Equal(entry.GetProperty("sum").GetDouble(), trace.Samples.Sum(), 1e-6 * trace.Samples.Sum(Math.Abs) + 1e-9);
        Assert.Equal(entry.GetProperty("min").GetDouble(), trace.Samples.Min(), 1e-6);
        Assert.Equal(entry.GetProperty("max").GetDouble(), trace.Samples.Max(), 1e-6);
    }

    [SkippableFact]
    public void Decode_SacBigEndianAndSwappedCopies_GiveTheSameTrace()
    {
        var little = SacFile.ReadFile(ReferenceValues.PathOf("sac/test.sac"));
        var big = SacFile.ReadFile(ReferenceValues.PathOf("sac/test.sac.swap"));

        Assert.False(little.Header.BigEndian);
        Assert.True(big.Header.BigEndian);
        Assert.Equal(little.Trace.Samples, big.Trace.Samples);
        Assert.Equal(little.Trace.StartTimeNs, big.Trace.StartTimeNs);
        Assert.Equal("..STA.Q", ".." + little.Trace.Id.Station + "." + little.Trace.Id.Channel);
        Assert.Null(little.Header.Knetwk);
        Assert.Null(little.Header.Stla);
    }

    [SkippableFact]
    public void Read_AlphanumericSac_ThrowsClearMessage()
    {
        var path = ReferenceValues.PathOf("sac/testxy.sac");

        var error = Assert.Throws<SeismicFormatException>(() => WaveformReader.ReadFile(path));

        Assert.Equal("testxy.sac", error.FileName);
        Assert.Equal(0, error.ByteOffset);
        Assert.Contains("alphanumeric (text) SAC", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Read_SacWithNptsLargerThanFile_ThrowsBeforeAllocating()
    {
        var bytes = File.ReadAllBytes(ReferenceValues.PathOf("sac/test.sac"));
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 79 * 4);

        var error = Assert.Throws<SeismicFormatException>(() => SacFile.Read(bytes, "big.sac"));

        Assert.Contains("NPTS=2147483647", error.Reason, StringComparison.Ordinal);
    }

    private static void AssertOptional(JsonElement expected, double? actual)
    {
        var value = expected.GetDouble();
        if (value == -12345)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Equal(value, actual!.Value, Math.Abs(value) * 1e-7);
        }
    }

    private static string? Text(JsonElement entry, string name)
    {
        var value = entry.GetProperty(name).GetString()!.Trim();
        return value == "-12345" || value.Length == 0 ? null : value;
    }
}
