using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Tests.Processing;

/// <summary>Each operation fed the array named in outputs.X.input matches SciPy/ObsPy to the README's tolerance.</summary>
public sealed class ReferenceOutputTests
{
    [SkippableFact]
    public void Demean_ReferenceInput_MatchesReference() =>
        Close.Arrays(DspReference.Output("demean"), Detrend.Demean(DspReference.InputOf("demean")));

    [SkippableFact]
    public void DetrendLinear_ReferenceInput_MatchesScipyDetrend() =>
        Close.Arrays(DspReference.Output("detrend"), Detrend.Linear(DspReference.InputOf("detrend")));

    [SkippableFact]
    public void TaperHann_FivePercent_MatchesObspyTaper() =>
        Close.Arrays(DspReference.Output("taper_hann5"), Taper.Hann(DspReference.InputOf("taper_hann5"), 0.05));

    [SkippableFact]
    public void TaperTukey_TenPercent_MatchesScipyTukey() =>
        Close.Arrays(DspReference.Output("taper_tukey10"), Taper.Tukey(DspReference.InputOf("taper_tukey10"), 0.10));

    [SkippableFact]
    public void BandPassCausal_DesignedFilter_MatchesReference() =>
        Close.Arrays(
            DspReference.Output("bandpass_causal"),
            Butterworth.BandPass(4, 2, 8, DspReference.SampleRate).Filter(DspReference.InputOf("bandpass_causal")));

    [SkippableFact]
    public void BandPassObspyZeroPhase_DesignedFilter_MatchesReference() =>
        Close.Arrays(
            DspReference.Output("bandpass_obspy_zerophase"),
            Butterworth.BandPass(4, 2, 8, DspReference.SampleRate).FilterZeroPhaseNoPadding(DspReference.InputOf("bandpass_obspy_zerophase")));

    [SkippableFact]
    public void HighPassZeroPhase_DesignedFilter_MatchesReference() =>
        Close.Arrays(
            DspReference.Output("highpass_zerophase"),
            Butterworth.HighPass(4, 1, DspReference.SampleRate).FilterZeroPhase(DspReference.InputOf("highpass_zerophase")));

    [SkippableFact]
    public void DecimationFilter_FactorFour_MatchesScipyCheby1Sos() =>
        ButterworthTests.AssertSectionsEqual(DspReference.Matrix("decimate_cheby1_8", "sos"), Resample.DecimationFilter(4).Sections);

    [SkippableFact]
    public void Decimate_FactorFour_MatchesScipyDecimate()
    {
        var got = Resample.Decimate(DspReference.InputOf("decimate4"), 4);

        Assert.Equal(1500, got.Length);
        Close.Arrays(DspReference.Output("decimate4"), got);
    }

    [SkippableFact]
    public void KaiserLowPass_101TapsCutoffFifth_MatchesScipyFirwinTaps()
    {
        var taps = FirDesign.KaiserLowPass(101, 1.0 / 5, 5.0).Select(v => 2 * v).ToArray();

        Close.Arrays(DspReference.Taps("resample_fir_up2_down5"), taps, 1e-12, "taps");
    }

    [SkippableFact]
    public void Polyphase_Up2Down5_MatchesScipyResamplePoly()
    {
        var got = Resample.Polyphase(DspReference.InputOf("resample_40hz"), 2, 5);

        Assert.Equal(2400, got.Length);
        Close.Arrays(DspReference.Output("resample_40hz"), got);
    }

    [SkippableFact]
    public void ToRate_100To40Hz_MatchesScipyResamplePoly() =>
        Close.Arrays(DspReference.Output("resample_40hz"), Resample.ToRate(DspReference.InputOf("resample_40hz"), 100.0, 40.0));

    [SkippableFact]
    public void ClassicStaLta_OneAndTenSeconds_MatchesObspyDefinition()
    {
        var got = StaLta.Classic(DspReference.InputOf("sta_lta"), 100, 1000);

        Close.Arrays(DspReference.Output("sta_lta"), got);
        Assert.All(got.Take(999), v => Assert.Equal(0.0, v));
    }

    [SkippableFact]
    public void WaveformPreprocessor_ReferenceChain_MatchesBandPassZeroPhase()
    {
        // demean + detrend + 5 % Hann taper + 2–8 Hz zero-phase band-pass is exactly the reference chain (demean is
        // absorbed by detrend), so the whole preprocessor must land on bandpass_zerophase from the raw input.
        var options = new PreprocessingOptions { BandLowHz = 2, BandHighHz = 8, Corners = 4, ZeroPhase = true, TaperFraction = 0.05 };
        var trace = new Trace(new SeedId("XX", "REF", "00", "HHZ"), 0, DspReference.SampleRate, DspReference.Input());

        var got = new WaveformPreprocessor(options).Process(trace);

        Close.Arrays(DspReference.Output("bandpass_zerophase"), got.Samples, 1e-7, "chain");
    }

    [SkippableFact]
    public void WaveformPreprocessor_ResampleOnly_MatchesResample40Hz()
    {
        var options = new PreprocessingOptions { Demean = false, Detrend = false, TaperFraction = 0, TargetSampleRate = 40 };
        var trace = new Trace(new SeedId("XX", "REF", "00", "HHZ"), 123_000_000_000, 100.0, DspReference.InputOf("resample_40hz"));

        var got = new WaveformPreprocessor(options).Process(trace);

        Assert.Equal(40.0, got.SampleRate);
        Assert.Equal(trace.StartTimeNs, got.StartTimeNs);
        Close.Arrays(DspReference.Output("resample_40hz"), got.Samples);
    }
}
