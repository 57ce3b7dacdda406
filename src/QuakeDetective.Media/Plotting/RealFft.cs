using System.Collections.Concurrent;

namespace QuakeDetective.Media.Plotting;

/// <summary>
/// Power spectrum of real segments of one power-of-two length: an in-place radix-2 FFT of half the length on the
/// even/odd samples packed as complex numbers, then the split step that recovers the real input's half spectrum.
/// The twiddle factors and bit-reversal order are computed once per length and shared (immutable); the work buffers
/// belong to the instance, so one instance serves every segment of a spectrogram without allocating.
/// Not thread-safe; make one per rendering.
/// </summary>
internal sealed class RealFft
{
    private static readonly ConcurrentDictionary<int, Tables> Shared = new();

    private readonly Tables _tables;
    private readonly double[] _re;
    private readonly double[] _im;

    public RealFft(int length)
    {
        if (length < 4 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FFT length must be a power of two of at least 4.");
        }

        Length = length;
        _tables = Shared.GetOrAdd(length, n => new Tables(n));
        _re = new double[length / 2];
        _im = new double[length / 2];
    }

    public int Length { get; }

    /// <summary>Number of one-sided bins: Length / 2 + 1 (DC to Nyquist).</summary>
    public int Bins => Length / 2 + 1;

    /// <summary>|X[k]|² for k = 0 … Length/2 of the real input (no scaling).</summary>
    public void PowerSpectrum(ReadOnlySpan<double> input, Span<double> power)
    {
        if (input.Length != Length || power.Length < Bins)
        {
            throw new ArgumentException($"Expected {Length} samples and room for {Bins} bins.");
        }

        var m = Length / 2;
        var re = _re;
        var im = _im;
        var reverse = _tables.BitReverse;
        for (var n = 0; n < m; n++)
        {
            var j = reverse[n];
            re[j] = input[2 * n];
            im[j] = input[2 * n + 1];
        }

        Transform(re, im, _tables.Cos, _tables.Sin);

        // Split: X[k] = E[k] + W^k O[k] with E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i, W = e^(-2πi/N).
        power[0] = Square(re[0] + im[0]);
        power[m] = Square(re[0] - im[0]);
        var cos = _tables.SplitCos;
        var sin = _tables.SplitSin;
        for (var k = 1; k < m; k++)
        {
            var ar = re[k];
            var ai = im[k];
            var br = re[m - k];
            var bi = -im[m - k];
            var er = 0.5 * (ar + br);
            var ei = 0.5 * (ai + bi);

            // (a - b) / 2i = (ai - bi) / 2 - i (ar - br) / 2
            var or = 0.5 * (ai - bi);
            var oi = -0.5 * (ar - br);
            var wr = cos[k];
            var wi = sin[k];
            var xr = er + wr * or - wi * oi;
            var xi = ei + wr * oi + wi * or;
            power[k] = xr * xr + xi * xi;
        }
    }

    private static double Square(double v) => v * v;

    /// <summary>Iterative decimation-in-time FFT on bit-reversed input.</summary>
    private static void Transform(double[] re, double[] im, double[] cos, double[] sin)
    {
        var n = re.Length;
        for (var size = 2; size <= n; size *= 2)
        {
            var half = size / 2;
            var stride = n / size;
            for (var start = 0; start < n; start += size)
            {
                for (var j = 0; j < half; j++)
                {
                    var wr = cos[j * stride];
                    var wi = sin[j * stride];
                    var a = start + j;
                    var b = a + half;
                    var tr = wr * re[b] - wi * im[b];
                    var ti = wr * im[b] + wi * re[b];
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    private sealed class Tables
    {
        public Tables(int length)
        {
            var m = length / 2;
            var bits = System.Numerics.BitOperations.Log2((uint)m);
            BitReverse = new int[m];
            for (var i = 0; i < m; i++)
            {
                var r = 0;
                for (var b = 0; b < bits; b++)
                {
                    r |= ((i >> b) & 1) << (bits - 1 - b);
                }

                BitReverse[i] = r;
            }

            // e^(-2πi j / m) for the half-length transform, e^(-2πi k / N) for the split.
            Cos = new double[m];
            Sin = new double[m];
            SplitCos = new double[m];
            SplitSin = new double[m];
            for (var j = 0; j < m; j++)
            {
                Cos[j] = Math.Cos(2 * Math.PI * j / m);
                Sin[j] = -Math.Sin(2 * Math.PI * j / m);
                SplitCos[j] = Math.Cos(2 * Math.PI * j / length);
                SplitSin[j] = -Math.Sin(2 * Math.PI * j / length);
            }
        }

        public int[] BitReverse { get; }

        public double[] Cos { get; }

        public double[] Sin { get; }

        public double[] SplitCos { get; }

        public double[] SplitSin { get; }
    }
}
