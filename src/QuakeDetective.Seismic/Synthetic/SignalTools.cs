using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>Coloured noise and envelope helpers for the generator.</summary>
internal static class SignalTools
{
    /// <summary>
    /// Gaussian noise band-passed to [low, high] Hz (Butterworth of <paramref name="order"/>), scaled to unit RMS. The
    /// filter runs over a discarded lead-in first so that the result is stationary from its first sample.
    /// </summary>
    public static double[] BandNoise(SyntheticRandom random, int count, double lowHz, double highHz, double sampleRate, int order = 2)
    {
        var high = Math.Min(highHz, 0.45 * sampleRate);
        var low = Math.Min(lowHz, 0.5 * high);
        return Filtered(random, count, Butterworth.BandPass(order, low, high, sampleRate), LeadIn(low, sampleRate));
    }

    /// <summary>Gaussian noise low-passed at <paramref name="cornerHz"/>, unit RMS, stationary from the first sample.</summary>
    public static double[] LowNoise(SyntheticRandom random, int count, double cornerHz, double sampleRate, int order = 2) =>
        Filtered(random, count, Butterworth.LowPass(order, Math.Min(cornerHz, 0.45 * sampleRate), sampleRate), LeadIn(cornerHz, sampleRate));

    /// <summary>
    /// Several filtered versions of one white stream (bands that do not overlap are nearly independent), each at unit
    /// RMS, followed by the white stream itself. Every array keeps the filters' lead-in: the usable samples start at
    /// <c>Offset</c> (no copies: a 2000 s window at 40 Hz makes tens of these 0.7 MB arrays).
    /// </summary>
    public static (double[][] Streams, int Offset) FilterBank(SyntheticRandom random, int count, double sampleRate, double slowestHz, params SosFilter[] filters)
    {
        var lead = LeadIn(slowestHz, sampleRate);
        var white = new double[count + lead];
        random.FillWhite(white);
        var result = new double[filters.Length + 1][];
        for (var f = 0; f < filters.Length; f++)
        {
            var y = (double[])white.Clone();
            filters[f].FilterInPlace(y, null, 0.0);
            NormaliseInPlace(y, lead);
            result[f] = y;
        }

        result[filters.Length] = white;
        return (result, lead);
    }

    public static double Rms(ReadOnlySpan<double> x)
    {
        if (x.IsEmpty)
        {
            return 0.0;
        }

        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }

    /// <summary>Largest RMS over any <paramref name="window"/> consecutive samples.</summary>
    public static double PeakWindowRms(ReadOnlySpan<double> x, int window)
    {
        if (x.Length <= window)
        {
            return Rms(x);
        }

        var sum = 0.0;
        for (var i = 0; i < window; i++)
        {
            sum += x[i] * x[i];
        }

        var best = sum;
        for (var i = window; i < x.Length; i++)
        {
            sum += x[i] * x[i] - x[i - window] * x[i - window];
            best = Math.Max(best, sum);
        }

        return Math.Sqrt(Math.Max(best, 0.0) / window);
    }

    /// <summary>sin² ramp from 0 to 1 over [0, 1] (emergent onsets).</summary>
    public static double SmoothStep(double u) => u <= 0 ? 0.0 : u >= 1 ? 1.0 : Math.Pow(Math.Sin(0.5 * Math.PI * u), 2);

    private static double[] Filtered(SyntheticRandom random, int count, SosFilter filter, int lead)
    {
        var y = new double[count + lead];
        random.FillWhite(y);
        filter.FilterInPlace(y, null, 0.0);
        return Normalised(y.AsSpan(lead));
    }

    private static double[] Normalised(ReadOnlySpan<double> y)
    {
        var result = y.ToArray();
        NormaliseInPlace(result, 0);
        return result;
    }

    /// <summary>Scales <paramref name="y"/> so that its samples from <paramref name="from"/> on have unit RMS.</summary>
    private static void NormaliseInPlace(double[] y, int from)
    {
        var rms = Rms(y.AsSpan(from));
        var scale = rms > 0 ? 1.0 / rms : 0.0;
        for (var i = from; i < y.Length; i++)
        {
            y[i] *= scale;
        }
    }

    /// <summary>Enough samples for a filter with its slowest corner at <paramref name="hz"/> to forget its zero start.</summary>
    private static int LeadIn(double hz, double sampleRate) => (int)Math.Ceiling(Math.Min(8.0 / hz, 200.0) * sampleRate);
}
