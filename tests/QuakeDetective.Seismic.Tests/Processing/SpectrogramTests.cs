using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Tests.Processing;

public sealed class SpectrogramTests
{
    [SkippableFact]
    public void Compute_ReferenceInput_MatchesScipySpectrogram()
    {
        var reference = DspReference.OutputElement("spectrogram");
        var expectedFrequencies = DspReference.ToArray(reference.GetProperty("frequencies_hz"));
        var expectedTimes = DspReference.ToArray(reference.GetProperty("times_s"));
        var rows = reference.GetProperty("data");
        var expected = new double[rows.GetArrayLength(), rows[0].GetArrayLength()];
        for (var f = 0; f < expected.GetLength(0); f++)
        {
            var row = DspReference.ToArray(rows[f]);
            for (var t = 0; t < row.Length; t++)
            {
                expected[f, t] = row[t];
            }
        }

        var got = Spectrogram.Compute(DspReference.InputOf("spectrogram"), DspReference.SampleRate);

        Assert.Equal(129, got.FrequenciesHz.Length);
        Assert.Equal(45, got.TimesSeconds.Length);
        Close.Arrays(expectedFrequencies, got.FrequenciesHz, 1e-12, "frequencies");
        Close.Arrays(expectedTimes, got.TimesSeconds, 1e-12, "times");
        Close.Matrices(expected, got.Power, Close.ReferenceTolerance, "power");
    }

    [Fact]
    public void Compute_Sine_PeaksAtItsFrequencyWithParsevalPower()
    {
        const double fs = 40.0;
        var x = Enumerable.Range(0, 4096).Select(i => 3.0 * Math.Sin(2 * Math.PI * 5.0 * i / fs)).ToArray();

        var s = Spectrogram.Compute(x, fs);

        var df = s.FrequenciesHz[1];
        for (var t = 0; t < s.TimesSeconds.Length; t++)
        {
            var peak = 0;
            var total = 0.0;
            for (var f = 0; f < s.FrequenciesHz.Length; f++)
            {
                total += s.Power[f, t] * df;
                if (s.Power[f, t] > s.Power[peak, t])
                {
                    peak = f;
                }
            }

            Assert.Equal(5.0, s.FrequenciesHz[peak], 9);
            // Density scaling: the PSD integrates to the variance, 3²/2 for a sine of amplitude 3.
            Assert.Equal(4.5, total, 1);
        }
    }

    [Fact]
    public void Compute_EmptyOrShorterThanSegment_GivesNoTimeColumns()
    {
        var empty = Spectrogram.Compute([], 100.0);
        var shortInput = Spectrogram.Compute(new double[255], 100.0);

        Assert.Empty(empty.TimesSeconds);
        Assert.Equal(0, empty.Power.GetLength(1));
        Assert.Equal(129, empty.FrequenciesHz.Length);
        Assert.Empty(shortInput.TimesSeconds);
    }

    [Fact]
    public void Compute_OverlapNotBelowSegmentLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Spectrogram.Compute(new double[1000], 100.0, 128, 128));
    }
}
