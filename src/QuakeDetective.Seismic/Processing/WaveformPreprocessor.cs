namespace QuakeDetective.Seismic.Processing;

/// <summary>
/// Applies a <see cref="PreprocessingOptions"/> chain to traces: demean → linear detrend → Hann taper → Butterworth
/// band-, high- or low-pass (zero-phase or causal) → optional resampling. Stateless and thread-safe.
/// </summary>
public sealed class WaveformPreprocessor
{
    public WaveformPreprocessor(PreprocessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public PreprocessingOptions Options { get; }

    /// <summary>A new trace with processed samples; same id and start time, the target rate when resampling.</summary>
    public Trace Process(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var samples = Process(trace.Samples, trace.SampleRate, out var rate);
        return trace.WithSamples(samples, rate);
    }

    /// <summary>Processes raw samples at <paramref name="sampleRate"/>; <paramref name="outputRate"/> is the rate of the result.</summary>
    public double[] Process(ReadOnlySpan<double> samples, double sampleRate, out double outputRate)
    {
        if (!(sampleRate > 0) || double.IsInfinity(sampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Sampling rate must be positive and finite.");
        }

        var o = Options;
        var y = samples.ToArray();
        if (o.Demean)
        {
            Detrend.DemeanInPlace(y);
        }

        if (o.Detrend)
        {
            Detrend.LinearInPlace(y);
        }

        if (o.TaperFraction > 0)
        {
            var window = Taper.HannWindow(y.Length, o.TaperFraction);
            for (var i = 0; i < y.Length; i++)
            {
                y[i] *= window[i];
            }
        }

        if (DesignFilter(sampleRate) is { } filter)
        {
            y = o.ZeroPhase ? filter.FilterZeroPhase(y) : filter.Filter(y);
        }

        outputRate = sampleRate;
        if (o.TargetSampleRate is { } target && target != sampleRate)
        {
            y = Resample.ToRate(y, sampleRate, target);
            outputRate = target;
        }

        return y;
    }

    /// <summary>The filter the options ask for at this rate, or null when they ask for none.</summary>
    public SosFilter? DesignFilter(double sampleRate)
    {
        var o = Options;
        var low = o.BandLowHz;
        // Like ObsPy's bandpass: a high corner at or above Nyquist cannot be realised, so the filter becomes a high-pass.
        var high = o.BandHighHz is { } h && h < sampleRate / 2.0 ? o.BandHighHz : null;
        return (low, high) switch
        {
            ({ } l, { } hi) => Butterworth.BandPass(o.Corners, l, hi, sampleRate),
            ({ } l, null) => Butterworth.HighPass(o.Corners, l, sampleRate),
            (null, { } hi) => Butterworth.LowPass(o.Corners, hi, sampleRate),
            _ => null,
        };
    }
}
