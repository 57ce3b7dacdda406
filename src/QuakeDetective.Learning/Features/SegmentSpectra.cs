using System.Collections.Concurrent;
using System.Numerics;

namespace QuakeDetective.Learning.Features;

/// <summary>
/// Power spectra of Hann-windowed, half-overlapping segments (a spectrogram without density scaling, which the
/// features, all ratios, do not need), computed with an iterative radix-2 FFT whose tables are cached per length.
/// Several times faster than a general-purpose FFT for the thousands of short segments features need.
/// </summary>
internal static class SegmentSpectra
{
    private static readonly ConcurrentDictionary<int, Tables> Cache = new();

    /// <summary>[segment][bin] power for bins 0..length/2 of every whole segment; <paramref name="length"/> must be a power of two.</summary>
    public static double[][] Compute(ReadOnlySpan<double> x, int length)
    {
        if (length < 4 || !BitOperations.IsPow2(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "Segment length must be a power of two, at least 4.");
        }

        var tables = Cache.GetOrAdd(length, n => new Tables(n));
        var step = length / 2;
        var count = x.Length < length ? 0 : (x.Length - length) / step + 1;
        var spectra = new double[count][];
        var re = new double[length];
        var im = new double[length];
        var bins = length / 2 + 1;

        // Two real segments per complex transform: one in the real part, the next in the imaginary part.
        for (var k = 0; k < count; k += 2)
        {
            var second = k + 1 < count;
            Load(x.Slice(k * step, length), re, tables);
            if (second)
            {
                Load(x.Slice((k + 1) * step, length), im, tables);
            }
            else
            {
                Array.Clear(im);
            }

            Transform(re, im, tables);
            var p1 = new double[bins];
            var p2 = second ? new double[bins] : null;
            for (var i = 0; i < bins; i++)
            {
                var m = i == 0 ? 0 : length - i;
                double a = re[i], b = im[i], c = re[m], d = im[m];
                p1[i] = 0.25 * ((a + c) * (a + c) + (b - d) * (b - d));
                if (p2 is not null)
                {
                    p2[i] = 0.25 * ((b + d) * (b + d) + (a - c) * (a - c));
                }
            }

            spectra[k] = p1;
            if (p2 is not null)
            {
                spectra[k + 1] = p2;
            }
        }

        return spectra;
    }

    /// <summary>Demeaned, windowed segment written in bit-reversed order.</summary>
    private static void Load(ReadOnlySpan<double> segment, double[] target, Tables tables)
    {
        var mean = 0.0;
        foreach (var v in segment)
        {
            mean += v;
        }

        mean /= segment.Length;
        for (var i = 0; i < segment.Length; i++)
        {
            target[tables.BitReversed[i]] = (segment[i] - mean) * tables.Window[i];
        }
    }

    /// <summary>In-place decimation-in-time FFT of bit-reversed input.</summary>
    private static void Transform(double[] re, double[] im, Tables tables)
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
                    var wr = tables.Cos[j * stride];
                    var wi = tables.Sin[j * stride];
                    var a = start + j;
                    var b = a + half;
                    var tr = re[b] * wr - im[b] * wi;
                    var ti = re[b] * wi + im[b] * wr;
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
        public Tables(int n)
        {
            Window = new double[n];
            Cos = new double[n / 2];
            Sin = new double[n / 2];
            BitReversed = new int[n];
            var bits = BitOperations.Log2((uint)n);
            for (var i = 0; i < n; i++)
            {
                Window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n); // periodic Hann
                BitReversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
            }

            for (var i = 0; i < n / 2; i++)
            {
                Cos[i] = Math.Cos(-2 * Math.PI * i / n);
                Sin[i] = Math.Sin(-2 * Math.PI * i / n);
            }
        }

        public double[] Window { get; }

        public double[] Cos { get; }

        public double[] Sin { get; }

        public int[] BitReversed { get; }

        private static uint ReverseBits(uint v)
        {
            v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
            v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
            v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
            v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
            return (v >> 16) | (v << 16);
        }
    }
}
