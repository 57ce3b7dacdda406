using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace QuakeDetective.Seismic.Processing;

/// <summary>
/// Power spectral density over time (scipy.signal.spectrogram with a periodic Hann window, density scaling).
/// CONTRACT: keep these members.
/// </summary>
public sealed class Spectrogram
{
    public Spectrogram(double[] frequenciesHz, double[] timesSeconds, double[,] power)
    {
        FrequenciesHz = frequenciesHz;
        TimesSeconds = timesSeconds;
        Power = power;
    }

    public double[] FrequenciesHz { get; }

    /// <summary>Segment centres, seconds from the first sample.</summary>
    public double[] TimesSeconds { get; }

    /// <summary>[frequency index, time index].</summary>
    public double[,] Power { get; }

    /// <summary>
    /// scipy.signal.spectrogram(x, fs, window='hann', nperseg, noverlap, detrend='constant', scaling='density',
    /// mode='psd'), one-sided: each segment minus its mean, times the periodic Hann window, |rfft|² / (fs·Σw²), with
    /// every bin except DC (and Nyquist when the length is even) doubled. Segments start every
    /// <c>segmentLength − overlap</c> samples; samples after the last whole segment are not used. An input shorter than
    /// one segment gives a spectrogram with no time columns (scipy instead shrinks the segment to the input).
    /// </summary>
    public static Spectrogram Compute(ReadOnlySpan<double> x, double sampleRate, int segmentLength = 256, int overlap = 128)
    {
        if (!(sampleRate > 0) || double.IsInfinity(sampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Sampling rate must be positive and finite.");
        }

        if (segmentLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(segmentLength), segmentLength, "Segment length must be at least 2 samples.");
        }

        if (overlap < 0 || overlap >= segmentLength)
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, $"Overlap must be at least 0 and less than the segment length {segmentLength}.");
        }

        var step = segmentLength - overlap;
        var segments = x.Length < segmentLength ? 0 : (x.Length - segmentLength) / step + 1;
        var bins = segmentLength / 2 + 1;

        var frequencies = new double[bins];
        for (var i = 0; i < bins; i++)
        {
            frequencies[i] = i * sampleRate / segmentLength;
        }

        var times = new double[segments];
        for (var k = 0; k < segments; k++)
        {
            times[k] = (k * step + segmentLength / 2.0) / sampleRate;
        }

        var window = Window.HannPeriodic(segmentLength);
        var windowPower = 0.0;
        foreach (var w in window)
        {
            windowPower += w * w;
        }

        var scale = 1.0 / (sampleRate * windowPower);
        var power = new double[bins, segments];
        // ForwardReal packs the half spectrum in place as (re, im) pairs and needs two extra slots for even lengths.
        var buffer = new double[segmentLength % 2 == 0 ? segmentLength + 2 : segmentLength + 1];
        for (var k = 0; k < segments; k++)
        {
            var segment = x.Slice(k * step, segmentLength);
            var mean = 0.0;
            foreach (var v in segment)
            {
                mean += v;
            }

            mean /= segmentLength;
            for (var n = 0; n < segmentLength; n++)
            {
                buffer[n] = (segment[n] - mean) * window[n];
            }

            buffer[segmentLength] = 0.0;
            if (buffer.Length > segmentLength + 1)
            {
                buffer[segmentLength + 1] = 0.0;
            }

            Fourier.ForwardReal(buffer, segmentLength, FourierOptions.NoScaling);
            for (var i = 0; i < bins; i++)
            {
                var re = buffer[2 * i];
                var im = buffer[2 * i + 1];
                var p = (re * re + im * im) * scale;
                var isNyquist = segmentLength % 2 == 0 && i == bins - 1;
                power[i, k] = i == 0 || isNyquist ? p : 2.0 * p;
            }
        }

        return new Spectrogram(frequencies, times, power);
    }
}
