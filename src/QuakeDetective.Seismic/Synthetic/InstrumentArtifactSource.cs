using System.Globalization;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// Things that are neither ground motion nor noise: telemetry dropouts (flat zeros), offset steps, one-sided
/// glitches with a long recovery, calibration sines and calibration pulses as the sensor's step response.
/// </summary>
internal static class InstrumentArtifactSource
{
    private static readonly string[] Kinds = ["dropout", "step", "glitch", "calibration-sine", "calibration-pulse"];

    public static (string Description, double OnsetSeconds, double SignalToNoise) Add(SynthesisContext context, double targetSnr)
    {
        var rng = context.Random;
        var count = rng.Chance(0.6) ? 1 : 2;
        var first = rng.Next(0, Kinds.Length);
        var second = (first + rng.Next(1, Kinds.Length)) % Kinds.Length;
        var parts = new List<string>();
        var onset = double.MaxValue;
        var snr = 0.0;
        var window = context.DurationSeconds;
        var firstInEarlyHalf = rng.Chance(0.5);
        for (var a = 0; a < count; a++)
        {
            var kind = Kinds[a == 0 ? first : second];
            // The second artefact is independent in size; the first carries the requested SNR.
            var factor = a == 0 ? targetSnr : rng.LogUniform(3.0, 40.0);
            // Two artefacts get separate halves of the window, so that each stays recognisable on its own.
            var early = count == 1 || (a == 0) == firstInEarlyHalf;
            var from = count == 1 || early ? 0.05 * window : 0.5 * window;
            var to = count == 1 || !early ? 0.95 * window : 0.5 * window;
            var (text, start, ratio) = kind switch
            {
                "dropout" => Dropout(context, from, to),
                "step" => Step(context, factor, from, to),
                "glitch" => Glitch(context, factor, from, to),
                "calibration-sine" => CalibrationSine(context, factor, from, to),
                _ => CalibrationPulses(context, factor, from, to),
            };
            parts.Add(text);
            onset = Math.Min(onset, start);
            snr = Math.Max(snr, ratio);
        }

        context.Features.Sort((x, y) => x.StartSeconds.CompareTo(y.StartSeconds));
        return ("instrument artefacts: " + string.Join(", ", parts), onset, snr);
    }

    private static (string, double, double) Dropout(SynthesisContext context, double from, double to)
    {
        var rng = context.Random;
        var lengthSeconds = Math.Min(rng.LogUniform(2.0, 120.0), 0.5 * (to - from));
        var startSeconds = rng.Uniform(from, to - lengthSeconds);
        var components = rng.Chance(0.7) ? "ZNE" : "ZNE"[rng.Next(0, 3)].ToString();
        var mask = new bool[3];
        foreach (var ch in components)
        {
            mask["ZNE".IndexOf(ch, StringComparison.Ordinal)] = true;
        }

        var start = context.Index(startSeconds);
        var length = Math.Max(1, context.Index(startSeconds + lengthSeconds) - start);
        context.Dropouts.Add((start, length, mask));
        var c = "ZNE".IndexOf(components[0], StringComparison.Ordinal);
        var rms = context.BackgroundRawRms(c);
        var level = Math.Abs(context.Offsets[c]) + rms;
        context.Features.Add(new SyntheticFeature("dropout", startSeconds, length / context.SampleRate, level, components));
        return (string.Create(CultureInfo.InvariantCulture, $"dropout of {length / context.SampleRate:F1} s at {startSeconds:F1} s ({components})"), startSeconds, level / rms);
    }

    private static (string, double, double) Step(SynthesisContext context, double factor, double from, double to)
    {
        var rng = context.Random;
        var startSeconds = rng.Uniform(from + 0.1 * (to - from), to - 0.1 * (to - from));
        var all = rng.Chance(0.3);
        var c = rng.Next(0, 3);
        var amplitude = rng.Sign() * factor * context.BackgroundRawRms(c);
        var start = context.Index(startSeconds);
        for (var k = 0; k < 3; k++)
        {
            if (all || k == c)
            {
                var target = context.Signal[k];
                for (var i = start; i < target.Length; i++)
                {
                    target[i] += amplitude;
                }
            }
        }

        var components = all ? "ZNE" : "ZNE"[c].ToString();
        context.Features.Add(new SyntheticFeature("step", startSeconds, 0, Math.Abs(amplitude), components));
        return (string.Create(CultureInfo.InvariantCulture, $"offset step of {amplitude:F0} counts at {startSeconds:F1} s ({components})"), startSeconds, factor);
    }

    private static (string, double, double) Glitch(SynthesisContext context, double factor, double from, double to)
    {
        var rng = context.Random;
        var fs = context.SampleRate;
        var recovery = Math.Min(rng.Uniform(5.0, 60.0), 0.1 * (to - from));
        var startSeconds = rng.Uniform(from, to - 5 * recovery);
        var c = rng.Chance(0.7) ? rng.Next(1, 3) : 0; // broadband glitches show mostly on the horizontals
        var amplitude = rng.Sign() * factor * context.BackgroundRawRms(c);
        var start = context.Index(startSeconds);
        var end = Math.Min(context.Count, context.Index(startSeconds + 8 * recovery));
        var target = context.Signal[c];
        var peak = 0.0;
        for (var i = start; i < end; i++)
        {
            var t = (i - start) / fs;
            var value = (1.0 - Math.Exp(-t / 0.3)) * Math.Exp(-t / recovery);
            peak = Math.Max(peak, value);
            target[i] += amplitude * value;
        }

        var component = "ZNE"[c].ToString();
        context.Features.Add(new SyntheticFeature("glitch", startSeconds, 5 * recovery, Math.Abs(amplitude) * peak, component));
        return (string.Create(CultureInfo.InvariantCulture, $"glitch of {Math.Abs(amplitude) * peak:F0} counts at {startSeconds:F1} s ({component})"), startSeconds, factor * peak);
    }

    private static (string, double, double) CalibrationSine(SynthesisContext context, double factor, double from, double to)
    {
        var rng = context.Random;
        var fs = context.SampleRate;
        double[] candidates = [0.5, 1.0, 2.0, 4.0, 5.0];
        var frequency = candidates[rng.Next(0, candidates.Length)];
        frequency = Math.Min(frequency, 0.2 * fs);
        var lengthSeconds = Math.Min(rng.Uniform(60.0, 300.0), 0.6 * (to - from));
        var startSeconds = rng.Uniform(from, to - lengthSeconds);
        var all = rng.Chance(0.6);
        var amplitude = factor * context.BackgroundRawRms(0);
        var start = context.Index(startSeconds);
        var end = context.Index(startSeconds + lengthSeconds);
        for (var k = 0; k < 3; k++)
        {
            if (!all && k != 0)
            {
                continue;
            }

            var target = context.Signal[k];
            for (var i = start; i < end; i++)
            {
                target[i] += amplitude * Math.Sin(2.0 * Math.PI * frequency * (i - start) / fs);
            }
        }

        var components = all ? "ZNE" : "Z";
        context.Features.Add(new SyntheticFeature("calibration-sine", startSeconds, lengthSeconds, amplitude, components));
        return (string.Create(CultureInfo.InvariantCulture, $"{frequency:0.##} Hz calibration sine for {lengthSeconds:F0} s at {startSeconds:F1} s ({components})"), startSeconds, factor);
    }

    private static (string, double, double) CalibrationPulses(SynthesisContext context, double factor, double from, double to)
    {
        var rng = context.Random;
        var fs = context.SampleRate;
        var pulses = rng.Next(2, 6);
        var pulseSeconds = Math.Min(rng.Uniform(10.0, 40.0), (to - from) / (2 * pulses + 4));
        var decay = Math.Min(rng.Uniform(5.0, 30.0), pulseSeconds);
        var totalSeconds = (2 * pulses - 1) * pulseSeconds + 3 * decay;
        var startSeconds = rng.Uniform(from, Math.Max(from, to - totalSeconds));
        var all = rng.Chance(0.6);
        var amplitude = factor * context.BackgroundRawRms(0);
        var start = context.Index(startSeconds);
        var edges = new List<(int Index, double Sign)>();
        for (var p = 0; p < pulses; p++)
        {
            // Alternating polarity; each edge of the calibration current gives the sensor's step response.
            var sign = p % 2 == 0 ? 1.0 : -1.0;
            var on = start + (int)(2 * p * pulseSeconds * fs);
            var off = on + (int)(pulseSeconds * fs);
            edges.Add((on, sign));
            edges.Add((off, -sign));
        }

        for (var k = 0; k < 3; k++)
        {
            if (!all && k != 0)
            {
                continue;
            }

            var target = context.Signal[k];
            foreach (var (index, sign) in edges)
            {
                var end = Math.Min(context.Count, index + (int)(8 * decay * fs));
                for (var i = Math.Max(0, index); i < end; i++)
                {
                    target[i] += sign * amplitude * Math.Exp(-(i - index) / (decay * fs));
                }
            }
        }

        var components = all ? "ZNE" : "Z";
        var length = edges[^1].Index / fs - startSeconds;
        context.Features.Add(new SyntheticFeature("calibration-pulse", startSeconds, length, amplitude, components));
        return (string.Create(CultureInfo.InvariantCulture, $"{pulses} calibration pulses of {pulseSeconds:F0} s at {startSeconds:F1} s ({components})"), startSeconds, factor);
    }
}
