using MathNet.Numerics;

namespace QuakeDetective.Seismic.Processing;

/// <summary>Cosine tapers that bring both ends of a trace smoothly to zero before filtering.</summary>
public static class Taper
{
    /// <summary>
    /// ObsPy <c>Trace.taper(max_percentage, type='hann')</c>: each end ramps over <c>wlen = int(maxPercentage·n)</c> samples
    /// (at most n/2) with the halves of a symmetric Hann window of 2·wlen + 1 points (2·wlen points when that equals n).
    /// </summary>
    public static double[] Hann(ReadOnlySpan<double> x, double maxPercentage) => Apply(x, HannWindow(x.Length, maxPercentage));

    /// <summary>scipy.signal.windows.tukey(n, alpha): cosine ramps over alpha/2 of the length at each end.</summary>
    public static double[] Tukey(ReadOnlySpan<double> x, double alpha) => Apply(x, TukeyWindow(x.Length, alpha));

    /// <summary>The ObsPy Hann taper of <see cref="Hann"/> as a window of length <paramref name="length"/>.</summary>
    public static double[] HannWindow(int length, double maxPercentage)
    {
        if (!(maxPercentage >= 0 && maxPercentage <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(maxPercentage), maxPercentage, "Taper fraction per side must be between 0 and 0.5.");
        }

        var w = new double[length];
        Array.Fill(w, 1.0);
        var wlen = Math.Min((int)(maxPercentage * length), length / 2);
        if (wlen == 0)
        {
            return w;
        }

        var sides = Window.Hann(2 * wlen == length ? 2 * wlen : 2 * wlen + 1);
        for (var i = 0; i < wlen; i++)
        {
            w[i] = sides[i];
            w[length - wlen + i] = sides[sides.Length - wlen + i];
        }

        return w;
    }

    /// <summary>scipy's Tukey window: all ones for alpha ≤ 0, a Hann window for alpha ≥ 1.</summary>
    public static double[] TukeyWindow(int length, double alpha)
    {
        if (double.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Tukey alpha must be a number between 0 and 1.");
        }

        if (length <= 1 || alpha <= 0)
        {
            var ones = new double[Math.Max(length, 0)];
            Array.Fill(ones, 1.0);
            return ones;
        }

        return alpha >= 1 ? Window.Hann(length) : Window.Tukey(length, alpha);
    }

    private static double[] Apply(ReadOnlySpan<double> x, double[] window)
    {
        var y = new double[x.Length];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = x[i] * window[i];
        }

        return y;
    }
}
