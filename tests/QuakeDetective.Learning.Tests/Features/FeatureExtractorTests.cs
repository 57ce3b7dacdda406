using QuakeDetective.Learning.Features;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Learning.Tests.Features;

public class FeatureExtractorTests
{
    private readonly FeatureExtractor _extractor = new();

    private int Index(string name) => FeatureSchema.Names.ToList().IndexOf(name);

    [Theory]
    [InlineData(20, 60)]
    [InlineData(20, 2000)]
    [InlineData(40, 600)]
    [InlineData(100, 120)]
    [InlineData(200, 60)]
    [InlineData(200, 600)]
    public void Extract_RatesAndLengthsInRange_EveryFeatureFinite(double sampleRate, double seconds)
    {
        foreach (var trueClass in Enum.GetValues<SyntheticClass>())
        {
            var features = _extractor.Extract(SyntheticSamples.Window(trueClass, 11, seconds, sampleRate));

            Assert.Equal(FeatureSchema.Count, features.Length);
            Assert.All(features, v => Assert.True(float.IsFinite(v)));
            Assert.Equal(1f, features[Index("has_horizontals")]);
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(200)]
    public void Extract_StrongEarthquakeVersusNoise_EnvelopeStandsOut(double sampleRate)
    {
        var quake = _extractor.Extract(SyntheticSamples.Window(SyntheticClass.Earthquake, 3, 300, sampleRate, snr: 50));
        var noise = _extractor.Extract(SyntheticSamples.Window(SyntheticClass.Noise, 3, 300, sampleRate, snr: 0.5));

        Assert.True(quake[Index("z_peak_to_noise")] > noise[Index("z_peak_to_noise")] + 0.5,
            $"peak/noise {quake[Index("z_peak_to_noise")]} vs {noise[Index("z_peak_to_noise")]}");
        Assert.True(quake[Index("z_sta_lta_max")] > noise[Index("z_sta_lta_max")]);
    }

    [Fact]
    public void Extract_GainChanged_SameFeatures()
    {
        var traces = SyntheticSamples.Window(SyntheticClass.Earthquake, 5, 120, 100);
        var scaled = traces.Select(t => t.WithSamples(t.Samples.Select(v => v * 1234.5).ToArray())).ToList();

        var a = _extractor.Extract(traces);
        var b = _extractor.Extract(scaled);

        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-3 * Math.Max(1, Math.Abs(a[i])), $"{FeatureSchema.Names[i]}: {a[i]} vs {b[i]}");
        }
    }

    [Fact]
    public void Extract_ZeroHorizontals_CountAsAbsent()
    {
        var traces = SyntheticSamples.Window(SyntheticClass.Earthquake, 5, 90, 100);
        var padded = new[] { traces[0], traces[1].WithSamples(new double[traces[1].Count]), traces[2].WithSamples(new double[traces[2].Count]) };

        var features = _extractor.Extract(padded);
        var verticalOnly = _extractor.Extract([traces[0]]);

        Assert.Equal(0f, features[Index("has_horizontals")]);
        Assert.Equal(verticalOnly, features);
        Assert.All(FeatureSchema.Names.Select((n, i) => (n, i)).Where(x => x.n.StartsWith("h_", StringComparison.Ordinal)), x => Assert.Equal(0f, features[x.i]));
    }

    [Fact]
    public void Extract_BandAboveNyquist_MarkedEmpty()
    {
        // 12 Hz sampling: Nyquist 6 Hz, so the 8–16 Hz band does not exist and 4–8 Hz is cut to 4–6 Hz.
        var features = _extractor.Extract(SyntheticSamples.Window(SyntheticClass.Tremor, 2, 300, 12));

        Assert.Equal(-6f, features[Index("z_band_rel_8_16hz")]);
        Assert.Equal(0f, features[Index("z_band_snr_8_16hz")]);
        Assert.True(features[Index("z_band_rel_4_8hz")] > -6f);
        Assert.InRange(features[Index("z_peak_hz")], 0.5f, 6f);
    }

    [Fact]
    public void Extract_NoSamples_ThrowsArgumentException()
    {
        var empty = new Trace(new SeedId("XX", "A", "", "BHZ"), 0, 40, []);

        Assert.Throws<ArgumentException>(() => _extractor.Extract([empty]));
    }

    [Fact]
    public void Codec_RoundTrip_SameValues()
    {
        float[] values = [1.5f, -2.25f, float.Epsilon, 0f];

        Assert.Equal(values, FeatureCodec.Decode(FeatureCodec.Encode(values), 4));
        Assert.Null(FeatureCodec.Decode(FeatureCodec.Encode(values), 5));
    }
}
