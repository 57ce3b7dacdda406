using QuakeDetective.Media.Audio;

namespace QuakeDetective.Media.Tests.Audio;

public sealed class AudioRendererTests
{
    private readonly AudioRenderer _renderer = new();

    [Fact]
    public void Render_DefaultSettings_Is16BitMonoAt16kHz()
    {
        var wav = WavFile.Decode(_renderer.RenderWav(TestSignals.Sine(3, 40, 200), new AudioSettings()));

        Assert.Equal(16_000, wav.SampleRate);
        Assert.Equal(16, wav.BitsPerSample);
        Assert.Equal(1, wav.Channels);
    }

    [Theory]
    [InlineData(40, 2000, 400)]
    [InlineData(40, 600, 400)]
    [InlineData(40, 2000, 200)]
    [InlineData(100, 300, 400)]
    [InlineData(200, 300, 400)]
    [InlineData(20, 1000, 1600)]
    [InlineData(10, 500, 400)]
    public void Render_Duration_IsWindowLengthOverSpeedUp(double sampleRate, double seconds, double speedUp)
    {
        var trace = TestSignals.Noise(sampleRate, seconds, 100, seed: 1);
        var settings = new AudioSettings { SpeedUp = speedUp, BandLowHz = 1, BandHighHz = Math.Min(8, sampleRate * 0.4) };

        var wav = WavFile.Decode(_renderer.RenderWav(trace, settings));

        Assert.InRange(wav.DurationSeconds, seconds / speedUp - 1.0 / wav.SampleRate, seconds / speedUp + 1.0 / wav.SampleRate);
    }

    [Fact]
    public void Render_ThreeHertzAt40HzTimes400_PeaksAt1200Hz()
    {
        var trace = TestSignals.Sine(3, 40, 2000);

        var wav = WavFile.Decode(_renderer.RenderWav(trace, new AudioSettings()));

        Assert.Equal(1200, wav.PeakFrequencyHz(), 1.0);
    }

    [Fact]
    public void Render_100HzData_Plays40kHzWithoutResampling()
    {
        var trace = TestSignals.Sine(3, 100, 400);

        var wav = WavFile.Decode(_renderer.RenderWav(trace, new AudioSettings()));

        Assert.Equal(40_000, wav.SampleRate);
        Assert.Equal(1200, wav.PeakFrequencyHz(), 1.0);
    }

    [Fact]
    public void Render_200HzData_ResampledTo48kHzKeepingPitch()
    {
        var trace = TestSignals.Sine(3, 200, 400);

        var wav = WavFile.Decode(_renderer.RenderWav(trace, new AudioSettings()));

        Assert.Equal(48_000, wav.SampleRate);
        Assert.Equal(1200, wav.PeakFrequencyHz(), 1.0);
        Assert.InRange(wav.DurationSeconds, 1.0 - 1.0 / 48_000, 1.0 + 1.0 / 48_000);
    }

    [Fact]
    public void Render_SlowData_UpsampledTo16kHzKeepingPitch()
    {
        // 10 Hz × 400 = 4 kHz, below what browsers play reliably.
        var trace = TestSignals.Sine(3, 10, 2000);
        var settings = new AudioSettings { BandLowHz = 1, BandHighHz = 4 };

        var wav = WavFile.Decode(_renderer.RenderWav(trace, settings));

        Assert.Equal(16_000, wav.SampleRate);
        Assert.Equal(1200, wav.PeakFrequencyHz(), 1.0);
    }

    [Theory]
    [InlineData(40, 400, 16_000)]
    [InlineData(100, 400, 40_000)]
    [InlineData(200, 400, 48_000)]
    [InlineData(20, 400, 8_000)]
    [InlineData(10, 400, 16_000)]
    [InlineData(1, 400, 16_000)]
    [InlineData(50, 400, 22_050)]
    public void OutputSampleRate_OutsideEightTo48kHz_IsBrowserFriendly(double dataRate, double speedUp, int expected)
    {
        // 50 × 400 = 20 kHz plays as it is (it is inside 8–48 kHz), hence the odd one out.
        var expectedRate = dataRate * speedUp is >= 8_000 and <= 48_000 ? (int)(dataRate * speedUp) : expected;

        Assert.Equal(expectedRate, AudioRenderer.OutputSampleRate(dataRate, speedUp));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_HugeSpike_NoSampleClips(bool compression)
    {
        var samples = TestSignals.Noise(40, 2000, 10, seed: 3).Samples;
        samples[40_000] = 1e12;
        samples[40_001] = -1e12;
        var settings = new AudioSettings { CompressionEnabled = compression };

        var wav = WavFile.Decode(_renderer.RenderWav(TestSignals.Make(samples, 40), settings));

        Assert.All(wav.Samples, s => Assert.True(Math.Abs((int)s) < short.MaxValue, $"sample {s} clips"));
        Assert.True(wav.Samples.Max(s => Math.Abs((int)s)) > 20_000, "the spike should play loud");
    }

    [Fact]
    public void Render_FixedAmplitudeAndSpikeFarAboveIt_CompressionKeepsBelowFullScale()
    {
        var samples = TestSignals.Noise(40, 2000, 10, seed: 4).Samples;
        samples[30_000] = 1e9;
        var settings = new AudioSettings { FixedAmplitude = 50 };

        var wav = WavFile.Decode(_renderer.RenderWav(TestSignals.Make(samples, 40), settings));

        Assert.All(wav.Samples, s => Assert.True(Math.Abs((int)s) < short.MaxValue, $"sample {s} clips"));
    }

    [Fact]
    public void Render_FixedScaling_QuietWindowIsQuieterThanLoud()
    {
        var settings = new AudioSettings { FixedAmplitude = 5000 };
        var quiet = WavFile.Decode(_renderer.RenderWav(TestSignals.Sine(3, 40, 2000, amplitude: 100), settings));
        var loud = WavFile.Decode(_renderer.RenderWav(TestSignals.Sine(3, 40, 2000, amplitude: 3000), settings));

        Assert.True(loud.Rms() > 3 * quiet.Rms(), $"loud RMS {loud.Rms():F0} vs quiet {quiet.Rms():F0}");
    }

    [Fact]
    public void Render_PerSubjectScaling_QuietAndLoudWindowsPlayAlike()
    {
        var settings = new AudioSettings();
        var quiet = WavFile.Decode(_renderer.RenderWav(TestSignals.Sine(3, 40, 2000, amplitude: 100), settings));
        var loud = WavFile.Decode(_renderer.RenderWav(TestSignals.Sine(3, 40, 2000, amplitude: 3000), settings));

        Assert.Equal(1.0, loud.Rms() / quiet.Rms(), 0.02);
    }

    [Fact]
    public void Render_Compression_LiftsQuietPartsRelativeToPeak()
    {
        // A loud burst in a quiet window: compression makes the quiet part a larger share of full scale.
        var samples = TestSignals.Sine(3, 40, 2000, amplitude: 10).Samples;
        for (var i = 40_000; i < 41_000; i++)
        {
            samples[i] *= 100;
        }

        var trace = TestSignals.Make(samples, 40);
        var linear = WavFile.Decode(_renderer.RenderWav(trace, new AudioSettings { CompressionEnabled = false }));
        var compressed = WavFile.Decode(_renderer.RenderWav(trace, new AudioSettings()));

        static double QuietRms(WavFile wav) => Math.Sqrt(wav.Samples.Take(wav.Samples.Length / 3).Average(s => (double)s * s));
        Assert.True(QuietRms(compressed) > 3 * QuietRms(linear), $"compressed quiet RMS {QuietRms(compressed):F0} vs linear {QuietRms(linear):F0}");
    }

    [Fact]
    public void Render_Fades_StartAndEndAtSilence()
    {
        // A sine with no taper reaches full scale right at the edges, so only the fades can bring them to zero.
        var trace = TestSignals.Sine(3, 40, 2000);
        var settings = new AudioSettings { TaperFraction = 0 };

        var wav = WavFile.Decode(_renderer.RenderWav(trace, settings));
        var fade = (int)(0.020 * wav.SampleRate);

        Assert.Equal(0, wav.Samples[0]);
        Assert.Equal(0, wav.Samples[^1]);
        Assert.All(wav.Samples.Take(fade / 10), s => Assert.InRange(Math.Abs((int)s), 0, 1000));
        Assert.All(wav.Samples.TakeLast(fade / 10), s => Assert.InRange(Math.Abs((int)s), 0, 1000));
        Assert.True(wav.Samples.Skip(fade).Take(200).Max(s => Math.Abs((int)s)) > 10_000, "after the fade the sound is at full level");
    }

    [Fact]
    public void Render_SameInput_SameBytes()
    {
        var trace = TestSignals.Earthquake()[0];

        Assert.Equal(_renderer.RenderWav(trace, new AudioSettings()), _renderer.RenderWav(trace, new AudioSettings()));
    }

    [Fact]
    public void Render_NaNGapsAndZeros_PlaysWithoutNaNNoise()
    {
        var samples = TestSignals.Sine(3, 40, 2000).Samples;
        Array.Fill(samples, double.NaN, 10_000, 500);
        var gaps = WavFile.Decode(_renderer.RenderWav(TestSignals.Make(samples, 40), new AudioSettings()));
        var zeros = WavFile.Decode(_renderer.RenderWav(TestSignals.Make(new double[80_000], 40), new AudioSettings()));

        Assert.Equal(80_000, gaps.Samples.Length);
        Assert.True(gaps.Rms() > 1000);
        Assert.All(zeros.Samples, s => Assert.Equal(0, s));
    }

    [Fact]
    public void Render_WritesToCallerStreamAndLeavesItOpen()
    {
        using var stream = new MemoryStream();

        _renderer.RenderWav(TestSignals.Sine(3, 40, 200), new AudioSettings(), stream);

        Assert.True(stream.CanWrite);
        Assert.Equal(_renderer.RenderWav(TestSignals.Sine(3, 40, 200), new AudioSettings()), stream.ToArray());
    }

    public static TheoryData<AudioSettings, string> InvalidSettings => new()
    {
        { new AudioSettings { SpeedUp = 0 }, nameof(AudioSettings.SpeedUp) },
        { new AudioSettings { SpeedUp = -400 }, nameof(AudioSettings.SpeedUp) },
        { new AudioSettings { SpeedUp = double.NaN }, nameof(AudioSettings.SpeedUp) },
        { new AudioSettings { BandLowHz = 0 }, nameof(AudioSettings.BandLowHz) },
        { new AudioSettings { BandLowHz = 8, BandHighHz = 2 }, nameof(AudioSettings.BandHighHz) },
        { new AudioSettings { FilterCorners = 0 }, nameof(AudioSettings.FilterCorners) },
        { new AudioSettings { CompressionGain = 0 }, nameof(AudioSettings.CompressionGain) },
        { new AudioSettings { FixedAmplitude = -1 }, nameof(AudioSettings.FixedAmplitude) },
        { new AudioSettings { FadeMs = -20 }, nameof(AudioSettings.FadeMs) },
        { new AudioSettings { TaperFraction = 0.8 }, nameof(AudioSettings.TaperFraction) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Render_InvalidSettings_ThrowNamingTheSetting(AudioSettings settings, string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => _renderer.RenderWav(TestSignals.Sine(3, 40, 200), settings));

        Assert.Equal(setting, ex.ParamName);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BandAboveNyquist_ThrowsSayingSo()
    {
        var ex = Assert.Throws<ArgumentException>(() => _renderer.RenderWav(TestSignals.Sine(1, 10, 200), new AudioSettings()));

        Assert.Contains("Nyquist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("XX.TEST.00.BHZ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyTrace_ThrowsSayingSo()
    {
        var ex = Assert.Throws<ArgumentException>(() => _renderer.RenderWav(TestSignals.Make([], 40), new AudioSettings()));

        Assert.Contains("no samples", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CacheKey_DefaultSettings_IsStable()
    {
        Assert.Equal("audio-1-bp2_8_4-x400-atan10-auto-fade20-taper0.05", new AudioSettings().CacheKey());
    }

    [Fact]
    public void CacheKey_DiffersWhenASettingDiffers()
    {
        var baseline = new AudioSettings();
        AudioSettings[] variants =
        [
            baseline with { BandLowHz = 1 }, baseline with { BandHighHz = 9 }, baseline with { FilterCorners = 2 },
            baseline with { SpeedUp = 200 }, baseline with { CompressionEnabled = false }, baseline with { CompressionGain = 3 },
            baseline with { FixedAmplitude = 1000 }, baseline with { FadeMs = 10 }, baseline with { TaperFraction = 0.1 },
        ];

        var keys = variants.Select(v => v.CacheKey()).Append(baseline.CacheKey()).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }
}
