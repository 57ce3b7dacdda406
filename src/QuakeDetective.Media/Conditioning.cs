namespace QuakeDetective.Media;

/// <summary>The preprocessing that sound and plots share before filtering.</summary>
internal static class Conditioning
{
    /// <summary>A copy with the mean of the finite samples removed; gaps (NaN, ±∞) become 0, the new mean.</summary>
    public static double[] DemeanAndFill(ReadOnlySpan<double> samples)
    {
        var sum = 0.0;
        var finite = 0;
        foreach (var s in samples)
        {
            if (double.IsFinite(s))
            {
                sum += s;
                finite++;
            }
        }

        var mean = finite == 0 ? 0.0 : sum / finite;
        var result = new double[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var s = samples[i];
            result[i] = double.IsFinite(s) ? s - mean : 0.0;
        }

        return result;
    }

    /// <summary>Hann taper over <paramref name="fraction"/> of the samples at each end (ObsPy's taper), in place.</summary>
    public static void HannTaper(double[] x, double fraction)
    {
        var length = (int)Math.Floor(fraction * x.Length);
        if (length < 1)
        {
            return;
        }

        for (var i = 0; i < length; i++)
        {
            var w = 0.5 * (1 - Math.Cos(Math.PI * i / length));
            x[i] *= w;
            x[x.Length - 1 - i] *= w;
        }
    }
}
