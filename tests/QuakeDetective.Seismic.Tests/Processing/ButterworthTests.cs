using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Tests.Processing;

public sealed class ButterworthTests
{
    [SkippableFact]
    public void BandPass_Order4_2To8Hz_MatchesScipyButterSos()
    {
        var designed = Butterworth.BandPass(4, 2.0, 8.0, 100.0);

        AssertSectionsEqual(DspReference.Matrix("bandpass_butter4_2_8hz", "sos"), designed.Sections);
    }

    [SkippableFact]
    public void HighPass_Order4_1Hz_MatchesScipyButterSos()
    {
        var designed = Butterworth.HighPass(4, 1.0, 100.0);

        AssertSectionsEqual(DspReference.Matrix("highpass_butter4_1hz", "sos"), designed.Sections);
    }

    [SkippableFact]
    public void BandPass_DesignedFilter_ReproducesScipyZeroPhaseOutput()
    {
        var got = Butterworth.BandPass(4, 2.0, 8.0, DspReference.SampleRate).FilterZeroPhase(DspReference.InputOf("bandpass_zerophase"));

        Close.Arrays(DspReference.Output("bandpass_zerophase"), got);
    }

    [SkippableFact]
    public void HighPass_DesignedFilter_ReproducesObspyZeroPhaseOutput()
    {
        var got = Butterworth.HighPass(4, 1.0, DspReference.SampleRate).FilterZeroPhaseNoPadding(DspReference.InputOf("highpass_obspy_zerophase"));

        Close.Arrays(DspReference.Output("highpass_obspy_zerophase"), got);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void LowPass_OddOrder_HasUnitDcGainAndHalfPowerAtCorner(int order)
    {
        var filter = Butterworth.LowPass(order, 10.0, 100.0);

        Assert.Equal((order + 1) / 2, filter.SectionCount);
        Assert.Equal(1.0, Magnitude(filter, 0.0, 100.0), 10);
        Assert.Equal(Math.Sqrt(0.5), Magnitude(filter, 10.0, 100.0), 10);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void HighPass_AnyOrder_HasHalfPowerAtCornerAndUnitGainAtNyquist(int order)
    {
        var filter = Butterworth.HighPass(order, 1.0, 40.0);

        Assert.Equal(Math.Sqrt(0.5), Magnitude(filter, 1.0, 40.0), 10);
        Assert.Equal(1.0, Magnitude(filter, 20.0, 40.0), 10);
        Assert.True(Magnitude(filter, 0.0, 40.0) < 1e-12);
    }

    [Theory]
    [InlineData(2, 2.0, 8.0, 40.0)]
    [InlineData(3, 0.1, 0.3, 40.0)]
    [InlineData(4, 1.0, 19.0, 40.0)]
    public void BandPass_AnyOrder_HasHalfPowerAtBothCorners(int order, double low, double high, double fs)
    {
        var filter = Butterworth.BandPass(order, low, high, fs);

        Assert.Equal(order, filter.SectionCount);
        Assert.Equal(Math.Sqrt(0.5), Magnitude(filter, low, fs), 9);
        Assert.Equal(Math.Sqrt(0.5), Magnitude(filter, high, fs), 9);
        // Unit gain at the centre of the pre-warped band (the bilinear transform maps the analog geometric mean there).
        var centre = fs / Math.PI * Math.Atan(Math.Sqrt(Math.Tan(Math.PI * low / fs) * Math.Tan(Math.PI * high / fs)));
        Assert.Equal(1.0, Magnitude(filter, centre, fs), 9);
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(60.0)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void LowPass_CornerNotBetweenZeroAndNyquist_ThrowsWithClearMessage(double corner)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.LowPass(4, corner, 100.0));

        Assert.Equal("cornerHz", ex.ParamName);
        Assert.Contains("Nyquist frequency 50 Hz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HighPass_CornerAtNyquist_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(4, 20.0, 40.0));
    }

    [Fact]
    public void BandPass_HighCornerAboveNyquist_ThrowsNamingHighCorner()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.BandPass(4, 2.0, 25.0, 40.0));

        Assert.Equal("highHz", ex.ParamName);
        Assert.Contains("25 Hz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BandPass_LowNotBelowHigh_Throws()
    {
        Assert.Throws<ArgumentException>(() => Butterworth.BandPass(4, 8.0, 2.0, 100.0));
    }

    [Fact]
    public void BandPass_OrderZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.BandPass(0, 2.0, 8.0, 100.0));
    }

    /// <summary>|H(e^{jω})| evaluated from the sections.</summary>
    internal static double Magnitude(SosFilter filter, double hz, double fs)
    {
        var z = System.Numerics.Complex.FromPolarCoordinates(1.0, 2 * Math.PI * hz / fs);
        var h = System.Numerics.Complex.One;
        var s = filter.Sections;
        for (var i = 0; i < filter.SectionCount; i++)
        {
            var num = s[i, 0] * z * z + s[i, 1] * z + s[i, 2];
            var den = s[i, 3] * z * z + s[i, 4] * z + s[i, 5];
            h *= num / den;
        }

        return h.Magnitude;
    }

    internal static void AssertSectionsEqual(double[,] expected, double[,] actual)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(6, actual.GetLength(1));
        for (var r = 0; r < expected.GetLength(0); r++)
        {
            var bScale = Math.Max(Math.Abs(expected[r, 0]), Math.Max(Math.Abs(expected[r, 1]), Math.Abs(expected[r, 2])));
            for (var c = 0; c < 6; c++)
            {
                var scale = c < 3 ? bScale : 1.0;
                Assert.True(
                    Math.Abs(expected[r, c] - actual[r, c]) <= 1e-10 * scale,
                    $"sos[{r},{c}]: expected {expected[r, c]:R}, got {actual[r, c]:R}");
            }
        }
    }
}
