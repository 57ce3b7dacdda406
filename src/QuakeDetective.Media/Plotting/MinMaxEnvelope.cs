namespace QuakeDetective.Media.Plotting;

/// <summary>
/// Reduces a long trace to at most two points per pixel column, its minimum and maximum in time order, so that
/// the line drawn through them covers exactly the pixels the full trace would (spikes are never lost).
/// </summary>
internal static class MinMaxEnvelope
{
    public static (double[] Times, double[] Values) Decimate(ReadOnlySpan<double> samples, double sampleRate, int columns)
    {
        var n = samples.Length;
        columns = Math.Max(1, columns);
        if (n <= 2 * columns)
        {
            var times = new double[n];
            for (var i = 0; i < n; i++)
            {
                times[i] = i / sampleRate;
            }

            return (times, samples.ToArray());
        }

        var xs = new double[2 * columns];
        var ys = new double[2 * columns];
        var count = 0;
        for (var c = 0; c < columns; c++)
        {
            var start = (int)((long)c * n / columns);
            var end = (int)((long)(c + 1) * n / columns);
            var minIndex = start;
            var maxIndex = start;
            for (var i = start + 1; i < end; i++)
            {
                var v = samples[i];
                if (v < samples[minIndex])
                {
                    minIndex = i;
                }
                else if (v > samples[maxIndex])
                {
                    maxIndex = i;
                }
            }

            var first = Math.Min(minIndex, maxIndex);
            var second = Math.Max(minIndex, maxIndex);
            xs[count] = first / sampleRate;
            ys[count++] = samples[first];
            xs[count] = second / sampleRate;
            ys[count++] = samples[second];
        }

        return (xs, ys);
    }
}
