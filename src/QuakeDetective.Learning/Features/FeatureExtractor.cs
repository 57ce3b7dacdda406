using QuakeDetective.Seismic;

namespace QuakeDetective.Learning.Features;

/// <summary>
/// Turns a subject's window (vertical plus optional horizontals) into the <see cref="FeatureSchema"/> vector:
/// per-component features of the vertical and of the horizontals (averaged), and cross-component features. Thread-safe.
/// </summary>
public sealed class FeatureExtractor
{
    private const double MaxLagSeconds = 60.0;

    private readonly ComponentAnalyzer _analyzer = new();

    public string Version => FeatureSchema.Version;

    /// <summary>Features of one window. Several segments of a channel (gaps) count as its longest segment.</summary>
    /// <exception cref="ArgumentException">No trace has samples.</exception>
    public float[] Extract(IReadOnlyList<Trace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var byChannel = traces
            .Where(t => t.Count > 0)
            .GroupBy(t => t.Id.Channel, StringComparer.Ordinal)
            .Select(g => g.MaxBy(t => t.Count)!)
            .ToList();
        if (byChannel.Count == 0)
        {
            throw new ArgumentException("The window has no samples to compute features from.", nameof(traces));
        }

        var vertical = byChannel.FirstOrDefault(t => char.ToUpperInvariant(t.Id.Component) == 'Z') ?? byChannel[0];
        var horizontals = byChannel
            .Where(t => !ReferenceEquals(t, vertical) && t.Id.Component is 'N' or 'n' or 'E' or 'e' or '1' or '2')
            .Take(2)
            .Select(t => (t.Samples, t.SampleRate))
            .ToList();
        return Extract(vertical.Samples, vertical.SampleRate, horizontals);
    }

    /// <summary>Features from raw sample arrays: the vertical and zero to two horizontals.</summary>
    public float[] Extract(ReadOnlySpan<double> vertical, double sampleRate, IReadOnlyList<(double[] Samples, double SampleRate)> horizontals)
    {
        ArgumentNullException.ThrowIfNull(horizontals);
        var z = _analyzer.Analyze(vertical, sampleRate);
        var h = horizontals
            .Select(c => _analyzer.Analyze(c.Samples, c.SampleRate))
            .Where(a => !a.IsDead)
            .ToList();

        var values = new float[FeatureSchema.Count];
        var per = FeatureSchema.PerComponent;
        Copy(z.Features, values, 0);
        if (h.Count > 0)
        {
            var mean = new double[per];
            foreach (var a in h)
            {
                for (var i = 0; i < per; i++)
                {
                    mean[i] += a.Features[i] / h.Count;
                }
            }

            Copy(mean, values, per);
            AddCrossFeatures(z, h, values, 2 * per);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                values[i] = 0f;
            }
        }

        return values;
    }

    private static void AddCrossFeatures(ComponentAnalysis z, List<ComponentAnalysis> h, float[] values, int offset)
    {
        values[offset] = 1f;
        if (z.IsDead)
        {
            return;
        }

        var hMeanSquare = h.Average(a => a.MeanSquare);
        values[offset + 1] = (float)(0.5 * Math.Log10((hMeanSquare + 1e-300) / (z.MeanSquare + 1e-300)));

        // Horizontal envelope: the mean of the horizontals' bin energies, on the vertical's bins.
        var bins = Math.Min(z.Envelope.Length, h.Min(a => a.Envelope.Length));
        if (bins == 0)
        {
            return;
        }

        var hEnvelope = new double[bins];
        for (var i = 0; i < bins; i++)
        {
            var sum = 0.0;
            foreach (var a in h)
            {
                sum += a.Envelope[i] * a.Envelope[i];
            }

            hEnvelope[i] = Math.Sqrt(sum / h.Count);
        }

        var peak = Math.Min(z.PeakBin, bins - 1);
        double zSum = 0, hSum = 0;
        for (var i = Math.Max(0, peak - 2); i <= Math.Min(bins - 1, peak + 2); i++)
        {
            zSum += z.Envelope[i] * z.Envelope[i];
            hSum += hEnvelope[i] * hEnvelope[i];
        }

        values[offset + 2] = (float)(0.5 * Math.Log10((hSum + 1e-300) / (zSum + 1e-300)));
        values[offset + 3] = (float)LogCorrelation(z.Envelope.AsSpan(0, bins), hEnvelope);
        var hPeak = Array.IndexOf(hEnvelope, hEnvelope.Max());
        values[offset + 4] = (float)Math.Clamp((hPeak - peak) * z.BinSeconds, -MaxLagSeconds, MaxLagSeconds);
    }

    /// <summary>Pearson correlation of the log envelopes (how much the components rise and fall together).</summary>
    private static double LogCorrelation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        if (n < 3)
        {
            return 0;
        }

        double ma = 0, mb = 0;
        var la = new double[n];
        var lb = new double[n];
        for (var i = 0; i < n; i++)
        {
            la[i] = Math.Log(a[i] + 1e-300);
            lb[i] = Math.Log(b[i] + 1e-300);
            ma += la[i] / n;
            mb += lb[i] / n;
        }

        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            sab += (la[i] - ma) * (lb[i] - mb);
            saa += (la[i] - ma) * (la[i] - ma);
            sbb += (lb[i] - mb) * (lb[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }

    private static void Copy(double[] source, float[] target, int offset)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[offset + i] = (float)source[i];
        }
    }
}
