using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Seismic.Tests.Synthetic;

/// <summary>Each class has the physical signature a seismologist (and a volunteer) would recognise.</summary>
public sealed class SyntheticClassPropertyTests
{
    private static readonly SyntheticWaveformGenerator Generator = new();

    [Fact]
    public void Earthquake_ClearEvent_BandEnergyAfterOnsetFarAboveBefore()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var window = Generator.Generate(SyntheticClass.Earthquake, seed, new SyntheticOptions { SignalToNoise = 10 });
            var onset = window.OnsetSeconds!.Value;
            var band = SyntheticProbe.Band(window.Traces[0]);
            var fs = window.Traces[0].SampleRate;

            var before = SyntheticProbe.Rms(band, fs, onset - 100, 95);
            var after = SyntheticProbe.Rms(band, fs, onset, 30);

            Assert.True(after > 3 * before, $"seed {seed}: 2-8 Hz RMS after onset {after:F1} vs before {before:F1}");
        }
    }

    [Fact]
    public void Earthquake_AnySnr_OnsetStillRaisesBandEnergy()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var window = Generator.Generate(SyntheticClass.Earthquake, seed, new SyntheticOptions());
            var onset = window.OnsetSeconds!.Value;
            var band = SyntheticProbe.Band(window.Traces[0]);
            var fs = window.Traces[0].SampleRate;

            var before = SyntheticProbe.Rms(band, fs, onset - 100, 95);
            var peak = Enumerable.Range(0, 12).Max(k => SyntheticProbe.Rms(band, fs, onset + 5 * k, 5));

            Assert.True(peak > 1.2 * before, $"seed {seed} (SNR {window.SignalToNoise:F1}): peak 5 s RMS {peak:F1} vs noise {before:F1}");
        }
    }

    [Fact]
    public void Earthquake_ReportedSnr_MatchesWhatTheTraceShows()
    {
        foreach (var snr in new[] { 3.0, 10.0, 30.0 })
        {
            var window = Generator.Generate(SyntheticClass.Earthquake, 21, new SyntheticOptions { SignalToNoise = snr });
            var onset = window.OnsetSeconds!.Value;
            var band = SyntheticProbe.Band(window.Traces[0]);
            var fs = window.Traces[0].SampleRate;
            var noise = SyntheticProbe.Rms(band, fs, 0, onset - 5);
            var peak = Enumerable.Range(0, 200).Max(k => SyntheticProbe.Rms(band, fs, onset + 0.5 * k, 5));

            var measured = Math.Sqrt(Math.Max(0, peak * peak - noise * noise)) / noise;

            Assert.InRange(measured, 0.6 * snr, 1.5 * snr);
        }
    }

    [Fact]
    public void Earthquake_SWave_IsLargerOnHorizontalsThanVertical()
    {
        for (var seed = 0; seed < 8; seed++)
        {
            var window = Generator.Generate(SyntheticClass.Earthquake, seed, new SyntheticOptions { SignalToNoise = 30 });
            var s = window.Features.Single(f => f.Kind == "S").StartSeconds;
            var p = window.OnsetSeconds!.Value;
            var fs = window.Traces[0].SampleRate;
            var z = SyntheticProbe.Band(window.Traces[0], 1, 10);
            var n = SyntheticProbe.Band(window.Traces[1], 1, 10);
            var e = SyntheticProbe.Band(window.Traces[2], 1, 10);

            var zS = SyntheticProbe.Rms(z, fs, s, 10);
            var hS = Math.Sqrt(Math.Pow(SyntheticProbe.Rms(n, fs, s, 10), 2) + Math.Pow(SyntheticProbe.Rms(e, fs, s, 10), 2));
            var zP = SyntheticProbe.Rms(z, fs, p, Math.Min(2, s - p));

            Assert.True(hS > 1.5 * zS, $"seed {seed}: horizontal S {hS:F0} vs vertical S {zS:F0}");
            Assert.True(hS > 2 * zP, $"seed {seed}: S {hS:F0} should exceed P {zP:F0}");
        }
    }

    [Fact]
    public void Earthquake_Onsets_AreSpreadThroughTheWindow()
    {
        var onsets = Enumerable.Range(0, 20)
            .Select(seed => Generator.Generate(SyntheticClass.Earthquake, seed, new SyntheticOptions { DurationSeconds = 1000 }).OnsetSeconds!.Value)
            .ToList();

        Assert.All(onsets, o => Assert.InRange(o, 100, 700));
        Assert.True(onsets.Max() - onsets.Min() > 250, string.Join(", ", onsets));
    }

    [Fact]
    public void Earthquake_BodyWaveEnergy_IsBetweenOneAndTenHertz()
    {
        var window = Generator.Generate(SyntheticClass.Earthquake, 4, new SyntheticOptions { SignalToNoise = 50 });
        var onset = window.OnsetSeconds!.Value;
        var fs = window.Traces[0].SampleRate;
        var inBand = SyntheticProbe.Rms(SyntheticProbe.Band(window.Traces[0], 1, 10), fs, onset, 20);
        var above = SyntheticProbe.Rms(SyntheticProbe.Band(window.Traces[0], 12, 19), fs, onset, 20);

        Assert.True(inBand > 5 * above, $"1-10 Hz {inBand:F0} vs 12-19 Hz {above:F0}");
    }

    [Fact]
    public void Tremor_BandPowerElevatedForMinutesWithEmergentEnvelope()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var window = Generator.Generate(SyntheticClass.Tremor, seed, new SyntheticOptions { SignalToNoise = 5 });
            var tremor = window.Features.Single(f => f.Kind == "tremor");
            var fs = window.Traces[0].SampleRate;
            var band = SyntheticProbe.Band(window.Traces[0]);
            var quiet = tremor.StartSeconds > 200
                ? SyntheticProbe.Rms(band, fs, 0, tremor.StartSeconds - 10)
                : SyntheticProbe.Rms(band, fs, tremor.StartSeconds + tremor.DurationSeconds + 10, 2000);
            var windows = Enumerable.Range(0, (int)(tremor.DurationSeconds / 10))
                .Select(k => SyntheticProbe.Rms(band, fs, tremor.StartSeconds + 10 * k, 10))
                .ToList();

            // Minutes long: at least two minutes of 10 s windows with clearly more 2–8 Hz energy than the quiet part.
            Assert.True(windows.Count(r => r > 1.5 * quiet) >= 12, $"seed {seed}: {windows.Count(r => r > 1.5 * quiet)} elevated windows");
            Assert.True(tremor.DurationSeconds >= 120);

            // Emergent: the first 5 s are well below the strongest part, unlike an impulsive onset.
            var start = SyntheticProbe.Rms(band, fs, tremor.StartSeconds, 5);
            Assert.True(start < 0.5 * windows.Max(), $"seed {seed}: start {start:F0} vs max {windows.Max():F0}");
        }
    }

    [Fact]
    public void Tremor_IsSimilarOnAllComponents()
    {
        for (var seed = 0; seed < 5; seed++)
        {
            var window = Generator.Generate(SyntheticClass.Tremor, seed, new SyntheticOptions { SignalToNoise = 8 });
            var tremor = window.Features.Single(f => f.Kind == "tremor");
            var fs = window.Traces[0].SampleRate;
            var levels = window.Traces
                .Select(t => SyntheticProbe.Rms(SyntheticProbe.Band(t), fs, tremor.StartSeconds, tremor.DurationSeconds))
                .ToList();

            Assert.InRange(levels[1] / levels[0], 0.5, 2.0);
            Assert.InRange(levels[2] / levels[0], 0.5, 2.0);
        }
    }

    [Fact]
    public void Noise_DominantSpectralPeak_IsTheMicroseismAtPointOneToPointThreeHertz()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var window = Generator.Generate(SyntheticClass.Noise, seed, new SyntheticOptions());
            var (frequencies, power) = SyntheticProbe.Welch(window.Traces[0], 2048);
            var peak = Array.IndexOf(power, power.Skip(1).Max());

            Assert.InRange(frequencies[peak], 0.1, 0.3);
        }
    }

    [Fact]
    public void Noise_HasCulturalOrMachineryNoiseAndNoOnset()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var window = Generator.Generate(SyntheticClass.Noise, seed, new SyntheticOptions());

            Assert.Null(window.OnsetSeconds);
            Assert.Contains(window.Features, f => f.Kind is "cultural" or "machinery");
        }
    }

    [Fact]
    public void NoneOfTheAbove_EveryListedArtefact_IsDetectableInTheSamples()
    {
        var kinds = new HashSet<string>();
        for (var seed = 0; seed < 30; seed++)
        {
            var window = Generator.Generate(SyntheticClass.NoneOfTheAbove, seed, new SyntheticOptions());
            var artefacts = window.Features.Where(f => f.Kind is "dropout" or "step" or "glitch" or "calibration-sine" or "calibration-pulse").ToList();
            Assert.NotEmpty(artefacts);
            foreach (var artefact in artefacts)
            {
                kinds.Add(artefact.Kind);
                foreach (var component in artefact.Components)
                {
                    var trace = window.Traces["ZNE".IndexOf(component, StringComparison.Ordinal)];
                    Assert.True(Detectable(trace, artefact), $"seed {seed}: {artefact} not visible on {component}");
                }
            }
        }

        Assert.Equal(5, kinds.Count);
    }

    private static bool Detectable(Trace trace, SyntheticFeature artefact)
    {
        var x = trace.Samples;
        var fs = trace.SampleRate;
        var t0 = artefact.StartSeconds;
        var before = SyntheticProbe.Mean(x, fs, t0 - 30, 29);
        switch (artefact.Kind)
        {
            case "dropout":
                // A flat run of exact zeros, at least a second long.
                var first = (int)Math.Ceiling(t0 * fs);
                var length = (int)(artefact.DurationSeconds * fs) - 1;
                return length >= fs && x.AsSpan(first, length).IndexOfAnyExcept(0.0) < 0;
            case "step":
                var after = SyntheticProbe.Mean(x, fs, t0 + 1, 29);
                return Math.Abs(Math.Abs(after - before) - artefact.Amplitude) < 0.5 * artefact.Amplitude;
            case "glitch":
            case "calibration-pulse":
                var lo = (int)(t0 * fs);
                var hi = Math.Min(x.Length, (int)((t0 + Math.Max(artefact.DurationSeconds, 10)) * fs));
                var deviation = 0.0;
                for (var i = lo; i < hi; i++)
                {
                    deviation = Math.Max(deviation, Math.Abs(x[i] - before));
                }

                return deviation > 0.5 * artefact.Amplitude;
            default: // calibration sine: its power adds A²/2 to the background's
                var during = SyntheticProbe.Rms(SyntheticProbe.Demeaned(x, fs, t0, artefact.DurationSeconds), fs, 0, artefact.DurationSeconds);
                var quiet = SyntheticProbe.Rms(SyntheticProbe.Demeaned(x, fs, t0 - 60, 55), fs, 0, 55);
                return during * during - quiet * quiet > 0.25 * artefact.Amplitude * artefact.Amplitude;
        }
    }
}
