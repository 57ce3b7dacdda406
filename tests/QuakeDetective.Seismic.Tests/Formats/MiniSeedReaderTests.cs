using System.Buffers.Binary;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Seismic.Tests.Formats;

/// <summary>Reader behaviour on generated records: times, rates, merging, gaps, integrity checks, bad input.</summary>
public sealed class MiniSeedReaderTests
{
    private static readonly SeedId Id = new("XX", "TEST", "", "BHZ");
    private static readonly long Start = SeismicTime.FromDateTime(new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Decode_TimeCorrectionNotYetApplied_AddsIt()
    {
        var bytes = Write(new Trace(Id, Start, 10, [1, 2, 3]));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(40), 12345); // 1.2345 s

        var trace = Assert.Single(WaveformReader.ReadDetailed(bytes, "tc.mseed").Traces);

        Assert.Equal(Start + 1_234_500_000, trace.StartTimeNs);
    }

    [Fact]
    public void Decode_TimeCorrectionFlaggedApplied_LeavesStartTime()
    {
        var bytes = Write(new Trace(Id, Start, 10, [1, 2, 3]));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(40), 12345);
        bytes[36] |= 0x02;

        var trace = Assert.Single(WaveformReader.ReadDetailed(bytes, "tc.mseed").Traces);

        Assert.Equal(Start, trace.StartTimeNs);
    }

    [Theory]
    [InlineData(20, 1, 20.0)]
    [InlineData(1, 1, 1.0)]
    [InlineData(-10, 1, 0.1)]
    [InlineData(20, -4, 5.0)]
    [InlineData(-4, 2, 0.5)]
    [InlineData(-10, -10, 0.01)]
    [InlineData(0, 1, 0.0)]
    public void RateFromFactors_FollowsSeedManualRules(int factor, int multiplier, double rate) =>
        Assert.Equal(rate, MiniSeedParser.RateFromFactors(factor, multiplier), 12);

    [Fact]
    public void Decode_Steim2ReverseConstantMismatch_ReportsRecordButKeepsSamples()
    {
        var samples = MiniSeedWriterTests.RandomWalk(3, 300, 12);
        var bytes = Write(new Trace(Id, Start, 100, samples));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(64 + 8), 42);

        var result = WaveformReader.ReadDetailed(bytes, "xn.mseed");

        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.ByteOffset);
        Assert.Contains("record 1", error.Reason, StringComparison.Ordinal);
        Assert.Contains("reverse integration constant is 42", error.Reason, StringComparison.Ordinal);
        Assert.Equal(samples.Length, Assert.Single(result.Traces).Count);
    }

    [Fact]
    public void Decode_RecordsOutOfOrder_SortsAndMergesThem()
    {
        var samples = MiniSeedWriterTests.RandomWalk(4, 3000, 10);
        var bytes = Write(new Trace(Id, Start, 100, samples));
        var records = bytes.Chunk(512).ToArray();
        Assert.True(records.Length >= 3);
        var shuffled = records.Reverse().SelectMany(r => r).ToArray();

        var result = WaveformReader.ReadDetailed(shuffled, "shuffled.mseed");

        Assert.Empty(result.Gaps);
        Assert.Equal(samples, Assert.Single(result.Traces).Samples);
    }

    [Fact]
    public void Assemble_StartWithinHalfSampleOfExpected_Merges()
    {
        // 10 Hz: the second record starts 40 ms late, less than half the 100 ms period.
        var a = Write(new Trace(Id, Start, 10, [1, 2, 3]));
        var b = Write(new Trace(Id, Start + 300_000_000 + 40_000_000, 10, [4, 5]));

        var result = WaveformReader.ReadDetailed([.. a, .. b], "jitter.mseed");

        Assert.Empty(result.Gaps);
        Assert.Equal([1, 2, 3, 4, 5], Assert.Single(result.Traces).Samples);
    }

    [Fact]
    public void Assemble_StartMoreThanHalfSampleLate_ReportsGap()
    {
        var a = Write(new Trace(Id, Start, 10, [1, 2, 3]));
        var b = Write(new Trace(Id, Start + 300_000_000 + 60_000_000, 10, [4, 5]));

        var result = WaveformReader.ReadDetailed([.. a, .. b], "gap.mseed");

        Assert.Equal(2, result.Traces.Count);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(Start + 200_000_000, gap.PreviousEndNs);
        Assert.Equal(Start + 360_000_000, gap.NextStartNs);
        Assert.Equal(0.16, gap.GapSeconds, 9);
        Assert.False(gap.IsOverlap);
    }

    [Fact]
    public void Assemble_OverlappingRecords_ReportsOverlap()
    {
        var a = Write(new Trace(Id, Start, 10, [1, 2, 3, 4, 5]));
        var b = Write(new Trace(Id, Start + 200_000_000, 10, [3, 4, 5, 6]));

        var result = WaveformReader.ReadDetailed([.. a, .. b], "overlap.mseed");

        Assert.Equal(2, result.Traces.Count);
        var overlap = Assert.Single(result.Gaps);
        Assert.True(overlap.IsOverlap);
        Assert.Equal(-0.2, overlap.GapSeconds, 9);
    }

    [Fact]
    public void Assemble_SameIdDifferentRates_KeepsSeparateSegmentsWithoutGap()
    {
        var a = Write(new Trace(Id, Start, 10, [1, 2, 3]));
        var b = Write(new Trace(Id, Start + 300_000_000, 20, [4, 5]));

        var result = WaveformReader.ReadDetailed([.. a, .. b], "rates.mseed");

        Assert.Equal([10.0, 20.0], result.Traces.Select(t => t.SampleRate));
        Assert.Empty(result.Gaps);
    }

    [Fact]
    public void Decode_MiniSeed3_KeepsNanosecondStartAndFdsnId()
    {
        var start = Start + 123_456_789;
        var record = MiniSeed3Builder.Int32Record("FDSN:XX_TEST_10_B_H_Z", start, 40, [7, -8, 9]);

        var result = WaveformReader.ReadDetailed(record, "ns.mseed3");

        Assert.Equal(WaveformFormat.MiniSeed3, result.Format);
        var trace = Assert.Single(result.Traces);
        Assert.Equal(start, trace.StartTimeNs);
        Assert.Equal("XX.TEST.10.BHZ", trace.Id.ToString());
        Assert.Equal([7, -8, 9], trace.Samples);
        Assert.Equal("2024-03-01T12:00:00.123457Z", SeismicTime.Format(trace.StartTimeNs));
    }

    [Fact]
    public void Decode_MiniSeed3NegativeRate_IsSamplePeriod()
    {
        var record = MiniSeed3Builder.Int32Record("FDSN:XX_TEST__L_H_Z", Start, -10, [1, 2]);

        Assert.Equal(0.1, Assert.Single(WaveformReader.ReadDetailed(record, "p.mseed3").Traces).SampleRate, 12);
    }

    [Fact]
    public void Decode_MiniSeed3WrongCrc_ReportsRecordAndOffsetAndSkipsIt()
    {
        var good = MiniSeed3Builder.Int32Record("FDSN:XX_TEST__L_H_Z", Start, 1, [1, 2, 3]);
        var bad = MiniSeed3Builder.Int32Record("FDSN:XX_TEST__L_H_Z", Start + 3_000_000_000, 1, [4, 5, 6]);
        bad[^1] ^= 0x40;

        var result = WaveformReader.ReadDetailed([.. good, .. bad], "crc.mseed3");

        var error = Assert.Single(result.Errors);
        Assert.Equal(good.Length + 28, error.ByteOffset);
        Assert.Contains("record 2", error.Reason, StringComparison.Ordinal);
        Assert.Contains("CRC-32C mismatch", error.Reason, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], Assert.Single(result.Traces).Samples);
    }

    [Fact]
    public void Crc32C_OfRecord_IsCastagnoliWithCrcFieldZeroed()
    {
        Assert.Equal(0xE3069283u, Crc32CBitwise("123456789"u8.ToArray()));
        var record = new byte[300];
        new Random(5).NextBytes(record);

        var crc = MiniSeedParser.Crc32C(record);

        record.AsSpan(28, 4).Clear();
        Assert.Equal(Crc32CBitwise(record), crc);
    }

    [Fact]
    public void Read_EmptyInput_ReportsError()
    {
        var result = WaveformReader.ReadDetailed([], "empty.mseed");

        Assert.Empty(result.Traces);
        Assert.Contains("empty", Assert.Single(result.Errors).Reason, StringComparison.Ordinal);
        Assert.Throws<SeismicFormatException>(() => WaveformReader.Read(new MemoryStream(), "empty.mseed"));
    }

    [Fact]
    public void Read_UnknownFormat_ThrowsWithFileAndOffset()
    {
        var error = Assert.Throws<SeismicFormatException>(() =>
            WaveformReader.Read(new MemoryStream("hello, this is not a seismogram at all....................................."u8.ToArray()), "notes.txt"));

        Assert.Equal("notes.txt", error.FileName);
        Assert.Equal(0, error.ByteOffset);
        Assert.StartsWith("notes.txt: byte 0: not a MiniSEED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonSeekableStream_ReadsAllRecords()
    {
        var samples = MiniSeedWriterTests.RandomWalk(9, 2000, 16);
        var bytes = Write(new Trace(Id, Start, 50, samples));

        var traces = WaveformReader.Read(new NonSeekableStream(bytes), "pipe");

        Assert.Equal(samples, Assert.Single(traces).Samples);
    }

    [Fact]
    public void Decode_GarbageBetweenRecords_SkipsItAndReportsWhere()
    {
        var a = Write(new Trace(Id, Start, 10, [1, 2, 3]));
        var b = Write(new Trace(Id with { Channel = "BHN" }, Start, 10, [4, 5, 6]));
        var garbage = Enumerable.Repeat((byte)0xEE, 100).ToArray();

        var result = WaveformReader.ReadDetailed([.. a, .. garbage, .. b], "junk.mseed");

        Assert.Equal(2, result.Traces.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal(a.Length, error.ByteOffset);
        Assert.Contains("skipped 100 bytes", error.Reason, StringComparison.Ordinal);
    }

    /// <summary>CRC-32C by its definition (reflected polynomial 0x82F63B78), to check the fast implementation.</summary>
    private static uint Crc32CBitwise(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Write(Trace trace)
    {
        using var stream = new MemoryStream();
        MiniSeedWriter.Write(stream, [trace]);
        return stream.ToArray();
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
