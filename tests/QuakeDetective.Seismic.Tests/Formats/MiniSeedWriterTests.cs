using System.Buffers.Binary;
using System.Text;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Seismic.Tests.Formats;

public sealed class MiniSeedWriterTests
{
    private static readonly SeedId Id = new("XX", "TEST", "00", "HHZ");

    // 2010-02-27T06:50:00.069539Z: needs blockette 1001 for the microseconds below 0.0001 s.
    private static readonly long Start = SeismicTime.FromDateTime(new DateTime(2010, 2, 27, 6, 50, 0, DateTimeKind.Utc)) + 69_539_000;

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(30)]
    public void RoundTrip_Steim2WithDifferencesOfGivenWidth_ReturnsSameIntegers(int bits)
    {
        var samples = RandomWalk(seed: bits, count: 3000, maxDifferenceBits: bits);
        var trace = new Trace(Id, Start, 100, samples);

        var (bytes, result) = WriteAndRead([trace], 512);

        Assert.Equal(MiniSeedEncoding.Steim2, (MiniSeedEncoding)bytes[52]);
        Assert.Empty(result.Errors);
        var read = Assert.Single(result.Traces);
        Assert.Equal(samples, read.Samples);
        Assert.Equal(Start, read.StartTimeNs);
        Assert.Equal(100, read.SampleRate);
    }

    [Fact]
    public void RoundTrip_IntegersAtInt32Extremes_KeepsEveryValue()
    {
        // Differences up to 2^32 do not fit Steim-2's 30 bits: the writer must fall back to INT32, not lose values.
        double[] samples = [int.MinValue, int.MaxValue, 0, -1, int.MaxValue, int.MinValue, 12345];
        var (bytes, result) = WriteAndRead([new Trace(Id, Start, 20, samples)], 512);

        Assert.Equal(MiniSeedEncoding.Int32, (MiniSeedEncoding)bytes[52]);
        Assert.Equal(samples, Assert.Single(result.Traces).Samples);
    }

    [Fact]
    public void RoundTrip_NonIntegerSamples_UsesFloat32()
    {
        var samples = Enumerable.Range(0, 1000).Select(i => Math.Sin(i * 0.01) * 1e-3).ToArray();
        var (bytes, result) = WriteAndRead([new Trace(Id, Start, 40, samples)], 512);

        Assert.Equal(MiniSeedEncoding.Float32, (MiniSeedEncoding)bytes[52]);
        var read = Assert.Single(result.Traces);
        Assert.Equal(samples.Select(x => (double)(float)x), read.Samples);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(4096)]
    [InlineData(8192)]
    public void Write_RecordLength_WritesWholeRecordsThatMergeIntoOneTrace(int recordLength)
    {
        var samples = RandomWalk(seed: recordLength, count: 20000, maxDifferenceBits: 12);
        var (bytes, result) = WriteAndRead([new Trace(Id, Start, 40, samples)], recordLength);

        Assert.Equal(0, bytes.Length % recordLength);
        Assert.True(bytes.Length / recordLength > 1);
        Assert.Equal(recordLength, 1 << bytes[54]);
        Assert.Empty(result.Gaps);
        Assert.Equal(samples, Assert.Single(result.Traces).Samples);
    }

    [Fact]
    public void Write_SeveralRecords_NumbersThemAndAdvancesStartTimes()
    {
        var samples = RandomWalk(seed: 7, count: 5000, maxDifferenceBits: 20);
        var (bytes, result) = WriteAndRead([new Trace(Id, Start, 100, samples)], 512);

        var records = bytes.Length / 512;
        Assert.True(records > 3);
        var expectedStart = Start;
        for (var r = 0; r < records; r++)
        {
            var header = bytes.AsSpan(r * 512, 512);
            Assert.Equal((r + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(header[..6]));
            Assert.Equal("TEST 00HHZXX", Encoding.ASCII.GetString(header.Slice(8, 12)));
            var count = BinaryPrimitives.ReadUInt16BigEndian(header[30..]);
            var fraction = BinaryPrimitives.ReadUInt16BigEndian(header[28..]);
            var micros = (sbyte)header[61];
            Assert.Equal(expectedStart / 1000 % 1_000_000, (fraction * 100) + micros);
            expectedStart += count * 10_000_000L;
        }

        Assert.Equal(samples, Assert.Single(result.Traces).Samples);
    }

    [Fact]
    public void RoundTrip_SeveralTraces_ReturnsEachChannel()
    {
        var z = new Trace(Id, Start, 100, RandomWalk(1, 2000, 9));
        var n = new Trace(Id with { Channel = "HHN" }, Start, 100, RandomWalk(2, 2000, 9));
        var e = new Trace(Id with { Channel = "HHE" }, Start + 5_000_000, 50, RandomWalk(3, 900, 9));

        var (_, result) = WriteAndRead([z, n, e], 512);

        Assert.Equal(3, result.Traces.Count);
        Assert.Equal(["XX.TEST.00.HHE", "XX.TEST.00.HHN", "XX.TEST.00.HHZ"], result.Traces.Select(t => t.Id.ToString()));
        Assert.Equal(e.Samples, result.Traces[0].Samples);
        Assert.Equal(e.StartTimeNs, result.Traces[0].StartTimeNs);
        Assert.Equal(50, result.Traces[0].SampleRate);
        Assert.Equal(n.Samples, result.Traces[1].Samples);
        Assert.Equal(z.Samples, result.Traces[2].Samples);
    }

    [Theory]
    [InlineData(40.0, 40, 1)]
    [InlineData(0.1, -10, 1)]
    [InlineData(1.0, 1, 1)]
    public void SampleRateFactors_ExactRates_UseFactorAndMultiplier(double rate, short factor, short multiplier)
    {
        var (f, m, exact) = MiniSeedWriter.SampleRateFactors(rate);

        Assert.True(exact);
        Assert.Equal((factor, multiplier), (f, m));
    }

    [Theory]
    [InlineData(0.3333333333)]
    [InlineData(19.98)]
    [InlineData(1000.5)]
    public void RoundTrip_FractionalSampleRate_ReadsBackSameRate(double rate)
    {
        var (_, result) = WriteAndRead([new Trace(Id, Start, rate, RandomWalk(5, 300, 8))], 512);

        Assert.Equal(rate, Assert.Single(result.Traces).SampleRate, rate * 1e-6);
    }

    [Fact]
    public void Write_StationCodeTooLong_Throws()
    {
        var trace = new Trace(Id with { Station = "TOOLONG" }, Start, 1, [1, 2, 3]);

        Assert.Throws<ArgumentException>(() => MiniSeedWriter.Write(new MemoryStream(), [trace]));
    }

    [Fact]
    public void Write_StartBefore1900_Throws()
    {
        var trace = new Trace(Id, SeismicTime.FromDateTime(new DateTime(1850, 1, 1, 0, 0, 0, DateTimeKind.Utc)), 1, [1, 2, 3]);

        Assert.Throws<ArgumentException>(() => MiniSeedWriter.Write(new MemoryStream(), [trace]));
    }

    [Theory]
    [InlineData(128)]
    [InlineData(500)]
    [InlineData(16384)]
    public void Write_InvalidRecordLength_Throws(int recordLength) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniSeedWriter.Write(new MemoryStream(), [], recordLength));

    internal static double[] RandomWalk(int seed, int count, int maxDifferenceBits)
    {
        var random = new Random(seed);
        var limit = 1L << (maxDifferenceBits - 1);
        var samples = new double[count];
        long x = 0;
        for (var i = 0; i < count; i++)
        {
            // Mostly small steps with occasional ones that need the full width.
            var step = random.Next(8) == 0 ? random.NextInt64(-limit, limit) : random.NextInt64(-limit / 8 - 1, limit / 8 + 1);
            x = Math.Clamp(x + step, int.MinValue / 2, int.MaxValue / 2);
            samples[i] = x;
        }

        return samples;
    }

    private static (byte[] Bytes, WaveformReadResult Result) WriteAndRead(IEnumerable<Trace> traces, int recordLength)
    {
        using var stream = new MemoryStream();
        MiniSeedWriter.Write(stream, traces, recordLength);
        var bytes = stream.ToArray();
        return (bytes, WaveformReader.ReadDetailed(bytes, "written.mseed"));
    }
}
