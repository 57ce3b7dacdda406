namespace QuakeDetective.Media.Plotting;

/// <summary>
/// Reduces a long trace to one minimum and maximum per pixel column. Each column also reaches the last sample of
/// the column before it, so that the columns join up like the line through all samples would: spikes are never
/// lost and steep flanks have no gaps.
/// </summary>
internal static class MinMaxEnvelope
{
    /// <summary>
    /// Sample i lies at pixel <paramref name="firstPixel"/> + i × <paramref name="pixelsPerSample"/>; column c of the
    /// result is the pixel column FirstColumn + c.
    /// </summary>
    public static (int FirstColumn, double[] Min, double[] Max) Columns(ReadOnlySpan<double> samples, double firstPixel, double pixelsPerSample)
    {
        if (samples.Length == 0)
        {
            return (0, [], []);
        }

        var firstColumn = (int)Math.Floor(firstPixel);
        var count = (int)Math.Floor(firstPixel + (samples.Length - 1) * pixelsPerSample) - firstColumn + 1;
        var min = new double[count];
        var max = new double[count];
        var column = -1;
        var previousLast = samples[0];
        for (var i = 0; i < samples.Length; i++)
        {
            var c = Math.Min((int)Math.Floor(firstPixel + i * pixelsPerSample) - firstColumn, count - 1);
            var v = samples[i];
            if (c != column)
            {
                // Columns that no sample falls in (only when samples are sparser than pixels) take the previous value.
                for (var skipped = column + 1; skipped < c; skipped++)
                {
                    min[skipped] = previousLast;
                    max[skipped] = previousLast;
                }

                var join = i > 0 ? samples[i - 1] : v;
                min[c] = Math.Min(join, v);
                max[c] = Math.Max(join, v);
                column = c;
            }
            else if (v < min[c])
            {
                min[c] = v;
            }
            else if (v > max[c])
            {
                max[c] = v;
            }

            previousLast = v;
        }

        return (firstColumn, min, max);
    }
}
