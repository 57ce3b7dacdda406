namespace QuakeDetective.Seismic.Processing;

/// <summary>Sampling-rate changes with anti-alias filtering (scipy.signal.decimate and resample_poly).</summary>
public static class Resample
{
    /// <summary>
    /// scipy <c>decimate(x, q, ftype='iir', zero_phase=True)</c>: zero-phase Chebyshev I low-pass (order 8, 0.05 dB ripple,
    /// corner 0.8/q of Nyquist, via <see cref="SosFilter.FilterZeroPhase"/>), then every q-th sample from the first.
    /// Output length ceil(n/q).
    /// </summary>
    public static double[] Decimate(ReadOnlySpan<double> x, int factor)
    {
        if (factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Decimation factor must be a positive integer.");
        }

        if (factor == 1)
        {
            return x.ToArray();
        }

        var filtered = DecimationFilter(factor).FilterZeroPhase(x);
        var y = new double[(x.Length + factor - 1) / factor];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = filtered[i * factor];
        }

        return y;
    }

    /// <summary>The anti-alias filter <see cref="Decimate"/> uses: scipy cheby1(8, 0.05, 0.8/q, output='sos').</summary>
    public static SosFilter DecimationFilter(int factor) =>
        // Designed at a nominal rate of 2 so that the corner, 0.8/q, is directly a fraction of Nyquist.
        ChebyshevI.LowPass(8, 0.05, 0.8 / factor, 2.0);

    /// <summary>
    /// scipy <c>resample_poly(x, up, down)</c> with its defaults (window ('kaiser', 5.0), padtype 'constant'): upsample
    /// by <paramref name="up"/>, low-pass with the <see cref="FirDesign.KaiserLowPass"/> FIR of 2·10·max(up, down) + 1
    /// taps and cutoff 1/max(up, down) times <paramref name="up"/>, keep every <paramref name="down"/>-th sample, treating
    /// samples outside x as zero. Output length ceil(n·up/down); output sample 0 is at the time of input sample 0.
    /// </summary>
    public static double[] Polyphase(ReadOnlySpan<double> x, int up, int down, double kaiserBeta = 5.0)
    {
        if (up < 1 || down < 1)
        {
            throw new ArgumentOutOfRangeException(up < 1 ? nameof(up) : nameof(down), "Up and down factors must be positive integers.");
        }

        var g = Gcd(up, down);
        up /= g;
        down /= g;
        if (up == 1 && down == 1)
        {
            return x.ToArray();
        }

        var maxRate = Math.Max(up, down);
        var halfLength = 10 * maxRate;
        var h = FirDesign.KaiserLowPass(2 * halfLength + 1, 1.0 / maxRate, kaiserBeta);
        for (var i = 0; i < h.Length; i++)
        {
            h[i] *= up;
        }

        var n = x.Length;
        var outputLength = (int)(((long)n * up + down - 1) / down);
        var y = new double[outputLength];
        for (var m = 0; m < outputLength; m++)
        {
            // y[m] = Σ_k h[down·m − up·k + halfLength]·x[k] over taps inside the filter and samples inside x.
            var centre = (long)down * m + halfLength;
            var kFirst = (int)Math.Max(0, CeilDiv(centre - (h.Length - 1), up));
            var kLast = (int)Math.Min(n - 1, centre / up);
            var sum = 0.0;
            for (var k = kFirst; k <= kLast; k++)
            {
                sum += h[centre - (long)up * k] * x[k];
            }

            y[m] = sum;
        }

        return y;
    }

    /// <summary>
    /// Resamples from one rate to another with <see cref="Polyphase"/>, using up/down factors from the greatest common
    /// divisor of the two rates (e.g. 100 → 40 Hz is up 2, down 5).
    /// </summary>
    public static double[] ToRate(ReadOnlySpan<double> x, double fromRate, double toRate)
    {
        var (up, down) = RationalFactors(fromRate, toRate);
        return Polyphase(x, up, down);
    }

    /// <summary>
    /// Smallest integers (up, down) with toRate/fromRate = up/down. Rates may have up to three decimals (e.g. 19.5 Hz);
    /// rates that are not rationally related that way, or that need factors above 1000, are refused.
    /// </summary>
    public static (int Up, int Down) RationalFactors(double fromRate, double toRate)
    {
        CheckRate(fromRate, nameof(fromRate));
        CheckRate(toRate, nameof(toRate));
        foreach (var scale in new[] { 1.0, 10.0, 100.0, 1000.0 })
        {
            var a = Math.Round(fromRate * scale);
            var b = Math.Round(toRate * scale);
            if (Math.Abs(a - fromRate * scale) <= 1e-9 * a && Math.Abs(b - toRate * scale) <= 1e-9 * b && a < int.MaxValue && b < int.MaxValue)
            {
                var g = Gcd((long)a, (long)b);
                var up = b / g;
                var down = a / g;
                if (up <= 1000 && down <= 1000)
                {
                    return ((int)up, (int)down);
                }

                break;
            }
        }

        throw new ArgumentException(
            $"Cannot resample from {fromRate} Hz to {toRate} Hz with a polyphase filter: the ratio is not a fraction up/down with both at most 1000.",
            nameof(toRate));
    }

    private static void CheckRate(double rate, string name)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(name, rate, "Sampling rate must be positive and finite.");
        }
    }

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);

    private static int Gcd(int a, int b) => (int)Gcd((long)a, b);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
