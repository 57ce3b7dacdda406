using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Tests.Processing;

public sealed class SosFilterTests
{
    private static SosFilter ReferenceBandPass() => new(DspReference.Matrix("bandpass_butter4_2_8hz", "sos"));

    private static SosFilter ReferenceHighPass() => new(DspReference.Matrix("highpass_butter4_1hz", "sos"));

    [SkippableFact]
    public void Filter_ReferenceBandPass_MatchesScipySosfilt()
    {
        var got = ReferenceBandPass().Filter(DspReference.InputOf("bandpass_causal"));

        Close.Arrays(DspReference.Output("bandpass_causal"), got);
    }

    [SkippableFact]
    public void FilterZeroPhase_ReferenceBandPass_MatchesScipySosfiltfilt()
    {
        var got = ReferenceBandPass().FilterZeroPhase(DspReference.InputOf("bandpass_zerophase"));

        Close.Arrays(DspReference.Output("bandpass_zerophase"), got);
    }

    [SkippableFact]
    public void FilterZeroPhase_ReferenceHighPass_MatchesScipySosfiltfilt()
    {
        var got = ReferenceHighPass().FilterZeroPhase(DspReference.InputOf("highpass_zerophase"));

        Close.Arrays(DspReference.Output("highpass_zerophase"), got);
    }

    [SkippableFact]
    public void FilterZeroPhaseNoPadding_ReferenceBandPass_MatchesObspyZerophase()
    {
        var got = ReferenceBandPass().FilterZeroPhaseNoPadding(DspReference.InputOf("bandpass_obspy_zerophase"));

        Close.Arrays(DspReference.Output("bandpass_obspy_zerophase"), got);
    }

    [SkippableFact]
    public void FilterZeroPhaseNoPadding_ReferenceHighPass_MatchesObspyZerophase()
    {
        var got = ReferenceHighPass().FilterZeroPhaseNoPadding(DspReference.InputOf("highpass_obspy_zerophase"));

        Close.Arrays(DspReference.Output("highpass_obspy_zerophase"), got);
    }

    [SkippableTheory]
    [InlineData("bandpass_butter4_2_8hz")]
    [InlineData("highpass_butter4_1hz")]
    [InlineData("decimate_cheby1_8")]
    public void SteadyStateInitialConditions_ReferenceFilters_MatchScipySosfiltZi(string filter)
    {
        var zi = new SosFilter(DspReference.Matrix(filter, "sos")).SteadyStateInitialConditions();

        Close.Matrices(DspReference.Matrix(filter, "sosfilt_zi"), zi, 1e-12, filter);
    }

    [SkippableTheory]
    [InlineData("bandpass_butter4_2_8hz")]
    [InlineData("highpass_butter4_1hz")]
    [InlineData("decimate_cheby1_8")]
    public void ZeroPhasePadLength_ReferenceFilters_MatchesScipyPadlen(string filter)
    {
        var filterUnderTest = new SosFilter(DspReference.Matrix(filter, "sos"));

        Assert.Equal(DspReference.PadLength(filter), filterUnderTest.ZeroPhasePadLength);
    }

    [Fact]
    public void AllFilterMethods_EmptyInput_ReturnEmpty()
    {
        var filter = Butterworth.BandPass(4, 2, 8, 100);

        Assert.Empty(filter.Filter([]));
        Assert.Empty(filter.FilterZeroPhase([]));
        Assert.Empty(filter.FilterZeroPhaseNoPadding([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(27)]
    public void FilterZeroPhase_InputNotLongerThanPadLength_FiltersWithShorterPadding(int length)
    {
        var filter = Butterworth.BandPass(4, 2, 8, 100);
        Assert.True(length <= filter.ZeroPhasePadLength);
        var x = Enumerable.Range(0, length).Select(i => Math.Sin(i * 0.7) + 3.0).ToArray();

        var y = filter.FilterZeroPhase(x);

        Assert.Equal(length, y.Length);
        Assert.All(y, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void FilterZeroPhase_ConstantInput_IsRemovedByBandPassFromTheFirstSample()
    {
        // Steady-state initial conditions: a constant produces no start-up transient, so a band-pass gives ~0 everywhere.
        var filter = Butterworth.BandPass(4, 2, 8, 100);
        var x = Enumerable.Repeat(5.0, 500).ToArray();

        var y = filter.FilterZeroPhase(x);

        Assert.All(y, v => Assert.True(Math.Abs(v) < 1e-9, $"{v}"));
    }

    [Fact]
    public void FilterZeroPhase_ConstantInput_PassesLowPassUnchanged()
    {
        var filter = Butterworth.LowPass(4, 5, 100);
        var x = Enumerable.Repeat(-2.5, 300).ToArray();

        var y = filter.FilterZeroPhase(x);

        Assert.All(y, v => Assert.Equal(-2.5, v, 9));
    }

    [Fact]
    public void FilterZeroPhase_SineInPassBand_KeepsPhaseAndAmplitude()
    {
        var filter = Butterworth.BandPass(4, 2, 8, 100);
        var x = Enumerable.Range(0, 4000).Select(i => Math.Sin(2 * Math.PI * 4.0 * i / 100)).ToArray();

        var y = filter.FilterZeroPhase(x);

        for (var i = 500; i < 3500; i++)
        {
            Assert.True(Math.Abs(y[i] - x[i]) < 0.01, $"sample {i}: {y[i]} vs {x[i]}");
        }
    }

    [Fact]
    public void Filter_DoesNotModifyInput()
    {
        var filter = Butterworth.HighPass(2, 1, 100);
        var x = new[] { 1.0, 2.0, 3.0, 4.0 };

        _ = filter.Filter(x);
        _ = filter.FilterZeroPhase(x);
        _ = filter.FilterZeroPhaseNoPadding(x);

        Assert.Equal(new[] { 1.0, 2.0, 3.0, 4.0 }, x);
    }

    [Fact]
    public void Constructor_SectionWithA0NotOne_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SosFilter(new double[,] { { 1, 0, 0, 2, 0, 0 } }));

        Assert.Contains("a0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WrongColumnCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SosFilter(new double[2, 5]));
    }
}
