namespace QuakeDetective.Seismic.Processing;

/// <summary>Short-term over long-term average of signal energy, the classic event trigger.</summary>
public static class StaLta
{
    private const double SmallestNormal = 2.2250738585072014e-308; // numpy finfo(float64).tiny

    /// <summary>
    /// ObsPy <c>classic_sta_lta(a, nsta, nlta)</c>: <c>c[i] = (Σ_{j=i−nsta+1..i} a_j² / nsta) / (Σ_{j=i−nlta+1..i} a_j² / nlta)</c>
    /// for i ≥ nlta − 1 and 0 before (where the long window is not yet full). A zero long-term average is replaced by the
    /// smallest normal double, as ObsPy does, so silence gives 0 rather than NaN.
    /// </summary>
    public static double[] Classic(ReadOnlySpan<double> a, int nsta, int nlta)
    {
        if (nsta < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nsta), nsta, "The short-term window must be at least one sample.");
        }

        if (nlta < nsta)
        {
            throw new ArgumentOutOfRangeException(nameof(nlta), nlta, $"The long-term window must be at least as long as the short-term window ({nsta}).");
        }

        var c = new double[a.Length];
        var sta = new RunningSum();
        var lta = new RunningSum();
        for (var i = 0; i < a.Length; i++)
        {
            var e = a[i] * a[i];
            sta.Add(e);
            lta.Add(e);
            if (i >= nsta)
            {
                sta.Add(-a[i - nsta] * a[i - nsta]);
            }

            if (i >= nlta)
            {
                lta.Add(-a[i - nlta] * a[i - nlta]);
            }

            if (i >= nlta - 1)
            {
                // Rounding can leave a tiny negative sum where the energy is exactly zero.
                var longAverage = Math.Max(lta.Value / nlta, SmallestNormal);
                c[i] = Math.Max(sta.Value, 0.0) / nsta / longAverage;
            }
        }

        return c;
    }

    /// <summary><see cref="Classic(ReadOnlySpan{double}, int, int)"/> with windows in seconds (rounded to whole samples).</summary>
    public static double[] Classic(ReadOnlySpan<double> a, double sampleRate, double staSeconds, double ltaSeconds) =>
        Classic(a, (int)Math.Round(staSeconds * sampleRate), (int)Math.Round(ltaSeconds * sampleRate));

    /// <summary>
    /// A sliding-window sum kept with Neumaier compensation, so that adding and removing squares over millions of samples
    /// does not drift (a plain running sum, or a difference of cumulative sums, loses digits on long traces).
    /// </summary>
    private struct RunningSum
    {
        private double _sum;
        private double _compensation;

        public readonly double Value => _sum + _compensation;

        public void Add(double value)
        {
            var t = _sum + value;
            _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
            _sum = t;
        }
    }
}
