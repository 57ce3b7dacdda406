using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Tests.Processing;

public sealed class WaveformPreprocessorTests
{
    private static readonly SeedId Id = new("XX", "TST", "00", "BHZ");

    [Fact]
    public void Version_SameOptions_SameVersionAndHash()
    {
        var a = new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8, TargetSampleRate = 40 };
        var b = new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8, TargetSampleRate = 40 };

        Assert.Equal(a.Version, b.Version);
        Assert.Equal(a.VersionHash, b.VersionHash);
        Assert.Equal(16, a.VersionHash.Length);
        Assert.Equal("pre1;demean;detrend;taper=0.05;bp=2-8;zerophase;corners=4;rate=40", a.Version);
    }

    [Fact]
    public void Version_AnyOptionChanged_ChangesVersion()
    {
        var basis = new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8 };
        var variants = new[]
        {
            basis,
            basis with { Demean = false },
            basis with { Detrend = false },
            basis with { TaperFraction = 0.1 },
            basis with { BandLowHz = 1 },
            basis with { BandHighHz = 9 },
            basis with { ZeroPhase = false },
            basis with { Corners = 2 },
            basis with { TargetSampleRate = 20 },
            basis with { BandLowHz = null },
        };

        Assert.Equal(variants.Length, variants.Select(v => v.VersionHash).Distinct().Count());
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new WaveformPreprocessor(new PreprocessingOptions { BandLowHz = 8, BandHighHz = 2 }));
        Assert.Equal("BandLowHz", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveformPreprocessor(new PreprocessingOptions { TaperFraction = 0.7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveformPreprocessor(new PreprocessingOptions { Corners = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveformPreprocessor(new PreprocessingOptions { TargetSampleRate = -1 }));
    }

    [Fact]
    public void Process_BandPassAndResample_KeepsInBandSineAndRemovesOffsetTrendAndMicroseism()
    {
        const double fs = 100.0;
        var x = Enumerable.Range(0, 20_000).Select(i =>
        {
            var t = i / fs;
            return 500 + 0.3 * t + 50 * Math.Sin(2 * Math.PI * 0.2 * t) + Math.Sin(2 * Math.PI * 4.0 * t);
        }).ToArray();
        var trace = new Trace(Id, 1_000_000_000, fs, x);
        var options = new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8, TargetSampleRate = 40 };

        var got = new WaveformPreprocessor(options).Process(trace);

        Assert.Equal(40.0, got.SampleRate);
        Assert.Equal(8000, got.Count);
        Assert.Equal(trace.Id, got.Id);
        Assert.Equal(trace.StartTimeNs, got.StartTimeNs);
        var middle = got.Samples.AsSpan(1000, 6000).ToArray();
        var rms = Math.Sqrt(middle.Sum(v => v * v) / middle.Length);
        Assert.Equal(Math.Sqrt(0.5), rms, 2); // only the 4 Hz sine of amplitude 1 survives
    }

    [Fact]
    public void Process_HighCornerAboveNyquist_BecomesHighPass()
    {
        var options = new PreprocessingOptions { BandLowHz = 2, BandHighHz = 30 };

        var filter = new WaveformPreprocessor(options).DesignFilter(40.0);

        Assert.NotNull(filter);
        Assert.Equal(Math.Sqrt(0.5), ButterworthTests.Magnitude(filter, 2.0, 40.0), 9);
        Assert.Equal(1.0, ButterworthTests.Magnitude(filter, 20.0, 40.0), 9);
    }

    [Fact]
    public void Process_LowCornerAboveNyquist_Throws()
    {
        var preprocessor = new WaveformPreprocessor(new PreprocessingOptions { BandLowHz = 25, BandHighHz = 30 });

        Assert.Throws<ArgumentOutOfRangeException>(() => preprocessor.Process(new Trace(Id, 0, 40, new double[100])));
    }

    [Fact]
    public void Process_EmptyAndShortTraces_DoNotThrow()
    {
        var preprocessor = new WaveformPreprocessor(new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8, TargetSampleRate = 20 });

        Assert.Empty(preprocessor.Process(new Trace(Id, 0, 40, [])).Samples);
        var shortTrace = preprocessor.Process(new Trace(Id, 0, 40, [1.0, 2.0, 3.0]));
        Assert.Equal(2, shortTrace.Count);
        Assert.All(shortTrace.Samples, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Process_CausalOption_DiffersFromZeroPhase()
    {
        var x = Enumerable.Range(0, 2000).Select(i => i == 1000 ? 1.0 : 0.0).ToArray();
        var trace = new Trace(Id, 0, 100, x);
        var causal = new WaveformPreprocessor(new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8, ZeroPhase = false, TaperFraction = 0, Demean = false, Detrend = false }).Process(trace);

        // A causal filter cannot respond before the impulse.
        Assert.All(causal.Samples.Take(1000), v => Assert.Equal(0.0, v));
    }
}
