namespace QuakeDetective.Media.Plotting;

/// <summary>
/// The picture's share of a spectrogram: log power (dB) of the frequencies up to a limit, rows top (highest frequency)
/// to bottom, columns in time order, as floats. The same numbers as
/// <see cref="QuakeDetective.Seismic.Processing.Spectrogram.Compute"/> (scipy's density scaling with a periodic Hann
/// window and per-segment mean removal) at a fraction of the cost: one reused FFT with precomputed tables, no
/// per-segment allocation, and only the rows the plot shows.
/// </summary>
internal sealed class SpectrogramGrid
{
    private SpectrogramGrid(int rows, int columns, float[] decibels, double firstTimeSeconds, double stepSeconds, double binHz)
    {
        Rows = rows;
        Columns = columns;
        Decibels = decibels;
        FirstTimeSeconds = firstTimeSeconds;
        StepSeconds = stepSeconds;
        BinHz = binHz;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Row-major: [row × Columns + column]; row 0 is the highest frequency shown, the last row 0 Hz.</summary>
    public float[] Decibels { get; }

    /// <summary>Centre of the first segment, seconds from the first sample.</summary>
    public double FirstTimeSeconds { get; }

    /// <summary>Time between segment centres.</summary>
    public double StepSeconds { get; }

    /// <summary>Frequency between rows.</summary>
    public double BinHz { get; }

    /// <summary>The highest frequency shown (the top row's centre).</summary>
    public double TopHz => (Rows - 1) * BinHz;

    /// <param name="segmentLength">A power of two of at least 4.</param>
    /// <param name="maxHz">Rows above this frequency are left out.</param>
    public static SpectrogramGrid Compute(ReadOnlySpan<double> x, double sampleRate, int segmentLength, int overlap, double maxHz)
    {
        var fft = new RealFft(segmentLength);
        var step = segmentLength - overlap;
        var columns = x.Length < segmentLength ? 0 : (x.Length - segmentLength) / step + 1;
        var binHz = sampleRate / segmentLength;
        var rows = Math.Min(fft.Bins, (int)Math.Floor(maxHz / binHz + 1e-9) + 1);

        var window = new double[segmentLength];
        var windowPower = 0.0;
        for (var n = 0; n < segmentLength; n++)
        {
            window[n] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / segmentLength);
            windowPower += window[n] * window[n];
        }

        // Density scaling; one-sided bins count twice except DC and Nyquist. 10·log10 folded into one constant.
        var scale = 1.0 / (sampleRate * windowPower);
        var segment = new double[segmentLength];
        var power = new double[fft.Bins];
        var decibels = new float[rows * columns];
        for (var c = 0; c < columns; c++)
        {
            var source = x.Slice(c * step, segmentLength);
            var mean = 0.0;
            foreach (var v in source)
            {
                mean += v;
            }

            mean /= segmentLength;
            for (var n = 0; n < segmentLength; n++)
            {
                segment[n] = (source[n] - mean) * window[n];
            }

            fft.PowerSpectrum(segment, power);
            for (var f = 0; f < rows; f++)
            {
                var p = power[f] * scale;
                if (f != 0 && f != segmentLength / 2)
                {
                    p *= 2;
                }

                decibels[(rows - 1 - f) * columns + c] = (float)(10 * Math.Log10(Math.Max(p, 1e-30)));
            }
        }

        return new SpectrogramGrid(rows, columns, decibels, segmentLength / 2.0 / sampleRate, step / sampleRate, binHz);
    }

    /// <summary>
    /// Colours span the 5th percentile to the maximum: the noise floor is dark but not black, and a few very quiet
    /// cells do not wash out the rest. The percentile comes from an evenly spaced sample of at most 8192 cells.
    /// </summary>
    public (double Low, double High) ColourRange()
    {
        var count = Decibels.Length;
        var stride = Math.Max(1, count / 8192);
        var sample = new float[(count + stride - 1) / stride];
        var high = float.MinValue;
        for (var i = 0; i < count; i++)
        {
            high = Math.Max(high, Decibels[i]);
        }

        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = Decibels[i * stride];
        }

        Array.Sort(sample);
        double low = sample[(int)(0.05 * (sample.Length - 1))];
        return high > low ? (low, high) : (high - 1, high);
    }
}
