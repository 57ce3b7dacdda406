using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Seismic.Tests.Synthetic;

public sealed class SyntheticWaveformGeneratorTests
{
    private static readonly SyntheticWaveformGenerator Generator = new();

    public static TheoryData<SyntheticClass> Classes => [SyntheticClass.Earthquake, SyntheticClass.Tremor, SyntheticClass.Noise, SyntheticClass.NoneOfTheAbove];

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_SameSeedClassAndOptions_GivesIdenticalWindows(SyntheticClass trueClass)
    {
        var a = Generator.Generate(trueClass, 42, new SyntheticOptions());
        var b = new SyntheticWaveformGenerator().Generate(trueClass, 42, new SyntheticOptions());

        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(a.Traces[c].Samples, b.Traces[c].Samples);
        }

        Assert.Equal(a.Description, b.Description);
        Assert.Equal(a.SignalToNoise, b.SignalToNoise);
        Assert.Equal(a.Features, b.Features);
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_DifferentSeeds_GiveDifferentSamples(SyntheticClass trueClass)
    {
        var a = Generator.Generate(trueClass, 1, new SyntheticOptions());
        var b = Generator.Generate(trueClass, 2, new SyntheticOptions());

        Assert.NotEqual(a.Traces[0].Samples, b.Traces[0].Samples);
        Assert.NotEqual(a.Description, b.Description);
    }

    [Fact]
    public void Generate_SameSeedDifferentClass_DoesNotShareBackground()
    {
        var quake = Generator.Generate(SyntheticClass.Earthquake, 5, new SyntheticOptions());
        var noise = Generator.Generate(SyntheticClass.Noise, 5, new SyntheticOptions());

        Assert.NotEqual(quake.Traces[0].Samples.Take(100), noise.Traces[0].Samples.Take(100));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_AnyClass_GivesZneTracesWithRequestedIdsRateStartAndLength(SyntheticClass trueClass)
    {
        var options = new SyntheticOptions
        {
            SampleRate = 100.0,
            DurationSeconds = 300.0,
            StartTimeNs = 1_300_000_000_123_000_000L,
            Network = "QD",
            Station = "TEST",
            Location = "",
            ChannelPrefix = "HH",
        };

        var window = Generator.Generate(trueClass, 9, options);

        Assert.Equal(trueClass, window.TrueClass);
        Assert.Equal(["QD.TEST..HHZ", "QD.TEST..HHN", "QD.TEST..HHE"], window.Traces.Select(t => t.Id.ToString()));
        Assert.All(window.Traces, t =>
        {
            Assert.Equal(30_000, t.Count);
            Assert.Equal(100.0, t.SampleRate);
            Assert.Equal(options.StartTimeNs, t.StartTimeNs);
        });
        Assert.False(string.IsNullOrWhiteSpace(window.Description));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_AnyClass_SamplesAreWholeCountsWithinA24BitDigitiser(SyntheticClass trueClass)
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var window = Generator.Generate(trueClass, seed, new SyntheticOptions());

            Assert.All(window.Traces, t => Assert.All(t.Samples, v =>
            {
                Assert.Equal(Math.Round(v), v);
                Assert.InRange(v, -8_388_607, 8_388_607);
            }));
        }
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_AnyClass_HorizontalsCarryGroundNoiseComparableToVertical(SyntheticClass trueClass)
    {
        var window = Generator.Generate(trueClass, 3, new SyntheticOptions());
        var fs = window.Traces[0].SampleRate;
        // Compare the first 100 s of microseism band, before most class signals (and dropouts) begin.
        var z = SyntheticProbe.Rms(SyntheticProbe.Band(window.Traces[0], 0.1, 0.3), fs, 20, 80);

        foreach (var horizontal in window.Traces.Skip(1))
        {
            var h = SyntheticProbe.Rms(SyntheticProbe.Band(horizontal, 0.1, 0.3), fs, 20, 80);
            Assert.InRange(h / z, 0.3, 3.0);
        }
    }

    [Theory]
    [InlineData(5.0, 30.0)]
    [InlineData(20.0, 10.0)]
    [InlineData(200.0, 30.0)]
    [InlineData(1000.0, 12.0)]
    public void Generate_ShortWindowsAtLowAndHighRates_AreFiniteAndFullLength(double sampleRate, double seconds)
    {
        foreach (var trueClass in Enum.GetValues<SyntheticClass>())
        {
            for (var seed = 0; seed < 5; seed++)
            {
                var window = Generator.Generate(trueClass, seed, new SyntheticOptions { SampleRate = sampleRate, DurationSeconds = seconds });

                Assert.Equal((int)Math.Round(sampleRate * seconds), window.Traces[0].Count);
                Assert.All(window.Features, f => Assert.InRange(f.StartSeconds, 0, seconds));
                Assert.All(window.Traces, t => Assert.All(t.Samples, v => Assert.True(double.IsFinite(v))));
                Assert.All(window.Features, f => Assert.InRange(f.StartSeconds + f.DurationSeconds, f.StartSeconds, seconds + 1e-9));
            }
        }
    }

    [Fact]
    public void Generate_InvalidOptions_ThrowNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(SyntheticClass.Noise, 1, new SyntheticOptions { SampleRate = 1 }));
        Assert.Equal("SampleRate", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(SyntheticClass.Noise, 1, new SyntheticOptions { DurationSeconds = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate((SyntheticClass)99, 1, new SyntheticOptions()));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_UnforcedSnr_SpansTheClassRange(SyntheticClass trueClass)
    {
        var (low, high) = SyntheticWaveformGenerator.SnrRange(trueClass);
        var snrs = Enumerable.Range(0, 30)
            .Select(seed => Generator.Generate(trueClass, seed, new SyntheticOptions { DurationSeconds = 600 }).SignalToNoise)
            .ToList();

        // Log-uniform draws: some windows in the hardest third and some in the easiest third of the range.
        var third = Math.Pow(high / low, 1.0 / 3.0);
        if (trueClass != SyntheticClass.NoneOfTheAbove)
        {
            Assert.Contains(snrs, s => s < low * third);
        }

        Assert.Contains(snrs, s => s > high / third);
        Assert.True(snrs.Distinct().Count() > 25);
    }

    [Fact]
    public void Generate_ForcedSnr_ChangesOnlyTheSignalLevel()
    {
        var weak = Generator.Generate(SyntheticClass.Earthquake, 8, new SyntheticOptions { SignalToNoise = 2 });
        var strong = Generator.Generate(SyntheticClass.Earthquake, 8, new SyntheticOptions { SignalToNoise = 20 });

        Assert.Equal(2.0, weak.SignalToNoise);
        Assert.Equal(20.0, strong.SignalToNoise);
        Assert.Equal(weak.OnsetSeconds, strong.OnsetSeconds);
        Assert.Equal(weak.DistanceKm, strong.DistanceKm);
        Assert.True(strong.Magnitude > weak.Magnitude + 0.8); // ten times the amplitude is one magnitude unit
    }
}
