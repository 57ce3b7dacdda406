using System.Globalization;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// Tectonic tremor: minutes of emergent, weak, 2–8 Hz energy in modulated bursts, without clear P or S, with about
/// the same amplitude on all three components.
/// </summary>
internal static class TremorSource
{
    public static (string Description, double OnsetSeconds) Add(SynthesisContext context, double targetSnr)
    {
        var rng = context.Random;
        var fs = context.SampleRate;
        var window = context.DurationSeconds;
        var lengthSeconds = Math.Min(rng.Uniform(180.0, 900.0), 0.8 * window);
        var startSeconds = rng.Uniform(0.05 * window, Math.Max(0.05 * window, 0.95 * window - lengthSeconds));
        var lowHz = rng.Uniform(1.8, 2.5);
        var highHz = rng.Uniform(5.5, 8.0);
        // Fraction of the length spent rising (and falling): emergent, over half a minute at least.
        var ramp = Math.Min(0.45, Math.Max(rng.Uniform(0.12, 0.3), 30.0 / lengthSeconds));
        var burstiness = rng.Uniform(0.3, 0.7);        // log-amplitude spread of the bursts
        var burstHz = rng.Uniform(0.03, 0.1);          // bursts last ten to thirty seconds

        var start = context.Index(startSeconds);
        var length = Math.Max(0, Math.Min(context.Count, context.Index(startSeconds + lengthSeconds)) - start);
        var modulation = SignalTools.LowNoise(rng, length, burstHz, fs);
        var envelope = new double[length];
        for (var k = 0; k < length; k++)
        {
            var u = k / (double)Math.Max(1, length - 1);
            var shape = SignalTools.SmoothStep(u / ramp) * SignalTools.SmoothStep((1.0 - u) / ramp);
            envelope[k] = shape * Math.Exp(burstiness * modulation[k]);
        }

        var components = new double[3][];
        for (var c = 0; c < 3; c++)
        {
            var carrier = SignalTools.BandNoise(rng, length, lowHz, highHz, fs, 3);
            var gain = c == SynthesisContext.Z ? 1.0 : rng.Uniform(0.8, 1.3);
            var trace = new double[context.Count];
            for (var k = 0; k < length; k++)
            {
                trace[start + k] = gain * envelope[k] * carrier[k];
            }

            components[c] = trace;
        }

        var scale = context.AddScaled(components, targetSnr);
        context.Features.Add(new SyntheticFeature("tremor", startSeconds, lengthSeconds, scale * MaxAbs(components[0]), "ZNE"));
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"tectonic tremor {lowHz:F1}-{highHz:F1} Hz for {lengthSeconds:F0} s from {startSeconds:F1} s, emergent, in bursts");
        return (description, startSeconds);
    }

    private static double MaxAbs(double[] x)
    {
        var max = 0.0;
        foreach (var v in x)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
