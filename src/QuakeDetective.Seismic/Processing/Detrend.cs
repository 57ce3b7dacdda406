namespace QuakeDetective.Seismic.Processing;

/// <summary>Mean and trend removal (scipy.signal.detrend types 'constant' and 'linear'; ObsPy Trace.detrend).</summary>
public static class Detrend
{
    /// <summary><c>x − mean(x)</c>.</summary>
    public static double[] Demean(ReadOnlySpan<double> x)
    {
        var y = x.ToArray();
        DemeanInPlace(y);
        return y;
    }

    /// <summary>Subtracts the least-squares line <c>a·n + b</c> fitted over the sample index n.</summary>
    public static double[] Linear(ReadOnlySpan<double> x)
    {
        var y = x.ToArray();
        LinearInPlace(y);
        return y;
    }

    internal static void DemeanInPlace(Span<double> y)
    {
        if (y.IsEmpty)
        {
            return;
        }

        var mean = Mean(y);
        for (var i = 0; i < y.Length; i++)
        {
            y[i] -= mean;
        }
    }

    internal static void LinearInPlace(Span<double> y)
    {
        var n = y.Length;
        if (n < 2)
        {
            DemeanInPlace(y);
            return;
        }

        // Least squares over a centred index t = i − (n−1)/2: Σt = 0, so slope = Σ t·(y − ȳ) / Σt² and the intercept is
        // the mean. Σt² = n(n²−1)/12 in closed form, so no index array is needed (a day at 100 Hz is 8.6 M samples).
        var mean = Mean(y);
        var centre = (n - 1) / 2.0;
        var sxy = 0.0;
        for (var i = 0; i < n; i++)
        {
            sxy += (i - centre) * (y[i] - mean);
        }

        var sxx = n * ((double)n * n - 1.0) / 12.0;
        var slope = sxy / sxx;
        for (var i = 0; i < n; i++)
        {
            y[i] -= mean + slope * (i - centre);
        }
    }

    private static double Mean(ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        foreach (var v in y)
        {
            sum += v;
        }

        return sum / y.Length;
    }
}
