using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Tests.Synthetic;

/// <summary>Independent measurements on generated traces (the tests do not reuse the generator's own bookkeeping).</summary>
internal static class SyntheticProbe
{
    /// <summary>Demeaned and band-passed with a zero-phase 4th-order Butterworth.</summary>
    public static double[] Band(Trace trace, double lowHz = 2.0, double highHz = 8.0) =>
        Butterworth.BandPass(4, lowHz, highHz, trace.SampleRate).FilterZeroPhase(Detrend.Demean(trace.Samples));

    public static double Rms(double[] x, double sampleRate, double startSeconds, double lengthSeconds)
    {
        var first = Math.Clamp((int)(startSeconds * sampleRate), 0, x.Length);
        var last = Math.Clamp((int)((startSeconds + lengthSeconds) * sampleRate), first, x.Length);
        if (last == first)
        {
            return 0.0;
        }

        var sum = 0.0;
        for (var i = first; i < last; i++)
        {
            sum += x[i] * x[i];
        }

        return Math.Sqrt(sum / (last - first));
    }

    public static double Mean(double[] x, double sampleRate, double startSeconds, double lengthSeconds)
    {
        var first = Math.Clamp((int)(startSeconds * sampleRate), 0, x.Length);
        var last = Math.Clamp((int)((startSeconds + lengthSeconds) * sampleRate), first, x.Length);
        return last == first ? 0.0 : x.AsSpan(first, last - first).ToArray().Average();
    }

    /// <summary>Welch power spectrum: the mean over time of the spectrogram's columns, with its frequencies.</summary>
    public static (double[] Frequencies, double[] Power) Welch(Trace trace, int segment)
    {
        var s = Spectrogram.Compute(trace.Samples, trace.SampleRate, segment, segment / 2);
        var power = new double[s.FrequenciesHz.Length];
        for (var f = 0; f < power.Length; f++)
        {
            for (var t = 0; t < s.TimesSeconds.Length; t++)
            {
                power[f] += s.Power[f, t] / s.TimesSeconds.Length;
            }
        }

        return (s.FrequenciesHz, power);
    }

    /// <summary>The stretch [start, start + length) s of x minus its own mean.</summary>
    public static double[] Demeaned(double[] x, double sampleRate, double startSeconds, double lengthSeconds)
    {
        var first = Math.Clamp((int)(startSeconds * sampleRate), 0, x.Length);
        var last = Math.Clamp((int)((startSeconds + lengthSeconds) * sampleRate), first, x.Length);
        return Detrend.Demean(x.AsSpan(first, last - first));
    }
}
