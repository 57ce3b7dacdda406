using System.Text.Json;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Seismic.Tests.Formats;

/// <summary>Every MiniSEED file in the shared data decodes to what libmseed decodes (reference_values.json).</summary>
public sealed class MiniSeedReferenceTests
{
    public static TheoryData<string> Files => ReferenceValues.FilesUnder("mseed");

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Decode_SharedMiniSeedFile_MatchesLibmseedSegments(string file) => AssertMatchesReference(file);

    [SkippableFact]
    public void Decode_Steim1LittleEndian_MatchesReference() => AssertMatchesReference("mseed/reference-testdata-steim1-LE.mseed2");

    [SkippableFact]
    public void Decode_Steim2LittleEndian_MatchesReference() => AssertMatchesReference("mseed/reference-testdata-steim2-LE.mseed2");

    [SkippableFact]
    public void Decode_LittleEndianHeaderBigEndianData_MatchesReference() =>
        AssertMatchesReference("mseed/obspy-endiantest/endiantest.le-header.be-data.mseed");

    [SkippableFact]
    public void Decode_RecordsWithoutBlockette1000_FindsRecordLengthFromNextHeader()
    {
        var result = AssertMatchesReference("mseed/testdata-no-blockette1000-steim1.mseed2");

        var samples = Assert.Single(result.Traces).Samples;
        Assert.Equal([309, 211, 117, 26], samples[3628..3632]);
    }

    [SkippableFact]
    public void Decode_MixedRecordLengthsOutOfOrder_MergesIntoOneSegment()
    {
        AssertMatchesReference("mseed/testdata-oneseries-mixedlengths-mixedorder.mseed2");
        AssertMatchesReference("mseed/testdata-oneseries-mixedlengths-mixedorder.mseed3");
    }

    [SkippableFact]
    public void Decode_FileWithGaps_ReportsThreeGaps()
    {
        var result = AssertMatchesReference("mseed/gaps.mseed");

        Assert.Equal(3, result.Gaps.Count);
        var first = result.Gaps[0];
        Assert.Equal("BW.BGLD..EHE", first.Id.ToString());
        Assert.Equal("2008-01-01T00:00:01.970000Z", SeismicTime.Format(first.PreviousEndNs));
        Assert.Equal("2008-01-01T00:00:04.035000Z", SeismicTime.Format(first.NextStartNs));
        Assert.Equal(2.065, first.GapSeconds, 9);
        Assert.False(first.IsOverlap);
    }

    [SkippableFact]
    public void Decode_MiniSeed3ThreeChannels_MatchesDocumentedFirstRecord()
    {
        var result = AssertMatchesReference("mseed/testdata-3channel-signal.mseed3");

        var lh1 = result.Traces[0];
        Assert.Equal("IU.COLA.00.LH1", lh1.Id.ToString());
        Assert.Equal("2010-02-27T06:50:00.069539Z", SeismicTime.Format(lh1.StartTimeNs));
        Assert.Equal([-502676, -504105, -507491, -506991], lh1.Samples[..4]);
        Assert.Equal([-505212, -499533, -495590, -496168], lh1.Samples[131..135]);
    }

    [SkippableFact]
    public void Decode_TextRecords_AreKeptAsLogNotSamples()
    {
        foreach (var file in new[] { "mseed/reference-testdata-text.mseed2", "mseed/reference-testdata-text.mseed3" })
        {
            var result = AssertMatchesReference(file);

            Assert.Empty(result.Traces);
            var log = Assert.Single(result.TextLogs);
            Assert.StartsWith("I've seen things you people wouldn't believe.", log.Text, StringComparison.Ordinal);
            Assert.EndsWith("Time to die.", log.Text, StringComparison.Ordinal);
            Assert.Equal(234, log.Text.Length);
        }
    }

    [SkippableFact]
    public void Decode_TruncatedLastRecord_ReturnsFirstRecordAndReportsTruncation()
    {
        var path = ReferenceValues.PathOf("mseed/brokenlastrecord.mseed");

        var result = WaveformReader.ReadFileDetailed(path);

        Assert.Equal(5980, Assert.Single(result.Traces).Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("brokenlastrecord.mseed", error.FileName);
        Assert.Equal(4096, error.ByteOffset);
        Assert.Contains("truncated or corrupt", error.Reason, StringComparison.Ordinal);
        Assert.Equal(5980, Assert.Single(WaveformReader.ReadFile(path)).Count);
    }

    internal static WaveformReadResult AssertMatchesReference(string file)
    {
        var entry = ReferenceValues.Entry(file);
        var path = ReferenceValues.PathOf(file);

        var result = WaveformReader.ReadFileDetailed(path);

        if (entry.GetProperty("errors").GetArrayLength() > 0)
        {
            // libmseed rejects the file (brokenlastrecord); we must report an error too.
            Assert.NotEmpty(result.Errors);
            return result;
        }

        Assert.True(result.Errors.Count == 0, $"{file}: unexpected errors: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        var expected = entry.GetProperty("segments").EnumerateArray()
            .Where(s => s.GetProperty("type").GetString() != "t")
            .OrderBy(s => SeedIdOf(s).ToString(), StringComparer.Ordinal)
            .ThenBy(s => s.GetProperty("start").GetString(), StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Count, result.Traces.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSegment(file, expected[i], result.Traces[i]);
        }

        var texts = entry.GetProperty("segments").EnumerateArray().Where(s => s.GetProperty("type").GetString() == "t").ToList();
        Assert.Equal(texts.Count, result.TextLogs.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(SeedIdOf(texts[i]), result.TextLogs[i].Id);
            Assert.StartsWith(texts[i].GetProperty("text").GetString()!, result.TextLogs[i].Text, StringComparison.Ordinal);
            // The declared length may include a terminating NUL, which is not part of the log.
            Assert.InRange(result.TextLogs[i].Text.Length, texts[i].GetProperty("numsamples").GetInt32() - 1, texts[i].GetProperty("numsamples").GetInt32());
        }

        return result;
    }

    private static void AssertSegment(string file, JsonElement expected, Trace actual)
    {
        var where = $"{file} {actual.Id} segment {expected.GetProperty("seg").GetInt32()}";
        Assert.True(SeedIdOf(expected) == actual.Id, $"{where}: id {actual.Id}, expected {SeedIdOf(expected)}");
        Assert.True(expected.GetProperty("numsamples").GetInt32() == actual.Count, $"{where}: {actual.Count} samples, expected {expected.GetProperty("numsamples")}");
        Assert.Equal(expected.GetProperty("samprate").GetDouble(), actual.SampleRate, 6);
        Assert.Equal(Iso(expected.GetProperty("start").GetString()!), SeismicTime.Format(actual.StartTimeNs));

        // libmseed ends a segment at its last record's own end time, Trace at start + (count - 1) / rate: they differ by
        // the rounding of record start times (0.0001 s in MiniSEED 2, 1 ns in MiniSEED 3 but printed to 1 µs).
        var toleranceUs = file.EndsWith(".mseed3", StringComparison.Ordinal) ? 1.0 : 101.0;
        var endDifferenceUs = Math.Abs(ParseNs(expected.GetProperty("end").GetString()!) - actual.EndTimeNs) / 1000.0;
        Assert.True(endDifferenceUs <= toleranceUs, $"{where}: end {SeismicTime.Format(actual.EndTimeNs)}, expected {expected.GetProperty("end")}");

        var first = expected.GetProperty("first").EnumerateArray().Select(ReferenceValues.Number).ToArray();
        var last = expected.GetProperty("last").EnumerateArray().Select(ReferenceValues.Number).ToArray();
        var isFloat = expected.GetProperty("type").GetString() is "f";
        for (var i = 0; i < first.Length; i++)
        {
            AssertClose(first[i], actual.Samples[i], isFloat, $"{where}: sample {i}");
        }

        for (var i = 0; i < last.Length; i++)
        {
            AssertClose(last[i], actual.Samples[actual.Count - last.Length + i], isFloat, $"{where}: sample {actual.Count - last.Length + i}");
        }

        var sum = actual.Samples.Sum();
        var magnitude = actual.Samples.Sum(Math.Abs);
        var expectedSum = ReferenceValues.Number(expected.GetProperty("sum"));
        Assert.True(Math.Abs(sum - expectedSum) <= 1e-6 * magnitude + 1e-9, $"{where}: sum {sum}, expected {expectedSum}");
        if (expected.TryGetProperty("min", out var min))
        {
            Assert.Equal(ReferenceValues.Number(min), actual.Samples.Min());
            Assert.Equal(ReferenceValues.Number(expected.GetProperty("max")), actual.Samples.Max());
        }
    }

    private static void AssertClose(double expected, double actual, bool isFloat, string what)
    {
        // FLOAT32 references are printed with 9 significant digits.
        var tolerance = isFloat ? Math.Abs(expected) * 1e-7 + 1e-12 : 0;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: {actual}, expected {expected}");
    }

    private static long ParseNs(string text)
    {
        // "2005-07-23T14:53:14.993366667Z": whole seconds plus up to nine fraction digits.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var seconds = DateTime.Parse(text[..(dot < 0 ? text.Length - 1 : dot)] + "Z", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var fraction = dot < 0 ? 0 : long.Parse(text[(dot + 1)..^1].PadRight(9, '0'), System.Globalization.CultureInfo.InvariantCulture);
        return SeismicTime.FromDateTime(seconds) + fraction;
    }

    private static string Iso(string text)
    {
        // libmseed prints whole seconds without a fraction ("2012-05-12T00:00:00Z"); we always print microseconds.
        return text.Contains('.', StringComparison.Ordinal) ? text : text[..^1] + ".000000Z";
    }

    private static SeedId SeedIdOf(JsonElement segment)
    {
        var sid = segment.GetProperty("sid").GetString()!;
        var parts = sid["FDSN:".Length..].Split('_');
        return new SeedId(parts[0], parts[1], parts[2], string.Concat(parts[3..]));
    }
}
