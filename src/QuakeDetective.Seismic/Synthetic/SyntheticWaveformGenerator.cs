using System.Globalization;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// Seeded generator of physically plausible 3-component windows. CONTRACT: keep this signature.
/// The same (options, seed, class) always gives the same samples.
/// </summary>
/// <remarks>
/// Every window has ambient noise (secondary and primary microseism, broadband noise, horizontal tilt noise); the class
/// adds an earthquake, tectonic tremor, cultural noise or instrument artefacts (see the *Source classes). Samples are
/// whole digitiser counts with a per-channel offset, clipped to a 24-bit range, so they store losslessly as Steim-2.
/// The random stream is xoshiro256** keyed by (seed, class), independent of the .NET version.
/// </remarks>
public sealed class SyntheticWaveformGenerator
{
    /// <summary>Largest count a 24-bit digitiser reports; stronger motion clips, as real recordings do.</summary>
    public const double FullScaleCounts = 8_388_607.0;

    public SyntheticWindow Generate(SyntheticClass trueClass, int seed, SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!Enum.IsDefined(trueClass))
        {
            throw new ArgumentOutOfRangeException(nameof(trueClass), trueClass, "Unknown synthetic class.");
        }

        var count = (int)Math.Round(options.DurationSeconds * options.SampleRate);
        var random = new SyntheticRandom(Key(seed, trueClass));
        var context = new SynthesisContext(count, options.SampleRate, random, options.StartTimeNs);
        var background = BackgroundNoise.Add(context);

        // Always draw, so that forcing the SNR leaves every other random choice of the window unchanged.
        var (low, high) = SnrRange(trueClass);
        var drawn = random.LogUniform(low, high);
        var targetSnr = options.SignalToNoise ?? drawn;

        string description;
        double snr = targetSnr;
        double? onset = null, magnitude = null, distance = null;
        switch (trueClass)
        {
            case SyntheticClass.Earthquake:
                var quake = EarthquakeSource.Add(context, targetSnr);
                (description, onset, magnitude, distance) = (quake.Description, quake.OnsetSeconds, quake.Magnitude, quake.DistanceKm);
                break;
            case SyntheticClass.Tremor:
                (description, var tremorStart) = TremorSource.Add(context, targetSnr);
                onset = tremorStart;
                break;
            case SyntheticClass.Noise:
                description = CulturalNoiseSource.Add(context, targetSnr);
                break;
            default:
                (description, var artefactStart, snr) = InstrumentArtifactSource.Add(context, targetSnr);
                onset = artefactStart;
                break;
        }

        var traces = Digitise(context, options);
        var features = context.Features
            .OrderBy(f => f.StartSeconds)
            .Select(f => f with { DurationSeconds = Math.Min(f.DurationSeconds, context.DurationSeconds - f.StartSeconds) })
            .ToList();
        var text = string.Create(CultureInfo.InvariantCulture, $"{description}; SNR {snr:0.0}; {background}");
        return new SyntheticWindow(trueClass, traces, text, snr)
        {
            OnsetSeconds = onset,
            Magnitude = magnitude,
            DistanceKm = distance,
            Features = features,
        };
    }

    /// <summary>The range a window's SNR is drawn from, log-uniformly, when it is not forced.</summary>
    public static (double Low, double High) SnrRange(SyntheticClass trueClass) => trueClass switch
    {
        SyntheticClass.Earthquake => (1.2, 300.0),
        SyntheticClass.Tremor => (0.8, 8.0),
        SyntheticClass.Noise => (0.4, 6.0),
        _ => (3.0, 40.0),
    };

    private static Trace[] Digitise(SynthesisContext context, SyntheticOptions options)
    {
        var traces = new Trace[3];
        for (var c = 0; c < 3; c++)
        {
            var samples = new double[context.Count];
            var background = context.Background[c];
            var signal = context.Signal[c];
            var offset = context.Offsets[c];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = Math.Clamp(Math.Round(background[i] + signal[i] + offset), -FullScaleCounts, FullScaleCounts);
            }

            foreach (var (start, length, components) in context.Dropouts)
            {
                if (components[c])
                {
                    samples.AsSpan(start, Math.Min(length, samples.Length - start)).Clear();
                }
            }

            var id = new SeedId(options.Network, options.Station, options.Location, options.ChannelPrefix + "ZNE"[c]);
            traces[c] = new Trace(id, options.StartTimeNs, options.SampleRate, samples);
        }

        return traces;
    }

    private static ulong Key(int seed, SyntheticClass trueClass) =>
        unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(trueClass + 1) * 0xD1B54A32D192ED03UL));
}
