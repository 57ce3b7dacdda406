using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>The window being built: background and class signal per component (Z, N, E), and what went into it.</summary>
internal sealed class SynthesisContext
{
    public const int Z = 0;
    public const int N = 1;
    public const int E = 2;

    /// <summary>Band volunteers hear by default; SNR is measured in it.</summary>
    public const double ListeningLowHz = 2.0;
    public const double ListeningHighHz = 8.0;

    private double? _backgroundBandRms;

    public SynthesisContext(int count, double sampleRate, SyntheticRandom random, long startTimeNs)
    {
        Count = count;
        SampleRate = sampleRate;
        Random = random;
        StartTimeNs = startTimeNs;
        for (var c = 0; c < 3; c++)
        {
            Background[c] = new double[count];
            Signal[c] = new double[count];
        }

        ListeningBand = Butterworth.BandPass(4, ListeningLowHz, Math.Min(ListeningHighHz, 0.45 * sampleRate), sampleRate);
    }

    public int Count { get; }

    public double SampleRate { get; }

    public double DurationSeconds => Count / SampleRate;

    public long StartTimeNs { get; }

    public SyntheticRandom Random { get; }

    public double[][] Background { get; } = new double[3][];

    public double[][] Signal { get; } = new double[3][];

    public List<SyntheticFeature> Features { get; } = [];

    /// <summary>Stretches of samples forced to exactly zero after digitising (telemetry dropouts).</summary>
    public List<(int Start, int Length, bool[] Components)> Dropouts { get; } = [];

    public SosFilter ListeningBand { get; }

    /// <summary>Digitiser offset per component, counts.</summary>
    public double[] Offsets { get; } = new double[3];

    /// <summary>RMS of the background on the vertical in the listening band.</summary>
    public double BackgroundBandRms => _backgroundBandRms ??= BandRmsAfterSettling(Background[Z]);

    public double BackgroundRawRms(int component) => SignalTools.Rms(Background[component]);

    public int Index(double seconds) => Math.Clamp((int)Math.Round(seconds * SampleRate), 0, Count);

    /// <summary>Band-passed peak 5 s RMS of <paramref name="signal"/> over the background's band RMS.</summary>
    public double ListeningSnr(double[] signal)
    {
        // Power needs no zero phase: one causal pass (class signals start from zero, so there is no start-up transient).
        var band = ListeningBand.Filter(signal);
        return SignalTools.PeakWindowRms(band, Math.Max(1, (int)(5.0 * SampleRate))) / BackgroundBandRms;
    }

    private double BandRmsAfterSettling(double[] x)
    {
        // The background does not start from zero, so skip the filter's first seconds of start-up ringing.
        var band = ListeningBand.Filter(x);
        var skip = Math.Min(band.Length / 2, (int)(10.0 * SampleRate));
        return SignalTools.Rms(band.AsSpan(skip));
    }

    /// <summary>Scales three component signals so that the vertical has <paramref name="targetSnr"/>, then adds them in.</summary>
    public double AddScaled(double[][] components, double targetSnr)
    {
        var measured = ListeningSnr(components[Z]);
        var scale = measured > 0 ? targetSnr / measured : 0.0;
        for (var c = 0; c < 3; c++)
        {
            var target = Signal[c];
            var source = components[c];
            for (var i = 0; i < Count; i++)
            {
                target[i] += scale * source[i];
            }
        }

        return scale;
    }
}
