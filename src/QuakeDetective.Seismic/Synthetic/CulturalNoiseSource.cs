using System.Globalization;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// Man-made noise on top of the ambient background: broadband daytime noise with passing vehicles (stronger by day),
/// machinery running on and off at a fundamental with harmonics, and occasional single-sample spikes.
/// </summary>
internal static class CulturalNoiseSource
{
    public static string Add(SynthesisContext context, double targetSnr)
    {
        var rng = context.Random;
        var fs = context.SampleRate;
        var count = context.Count;
        var window = context.DurationSeconds;
        var hour = SeismicTime.ToDateTime(context.StartTimeNs).AddSeconds(window / 2).Hour;
        var daytime = hour is >= 7 and < 19;
        var cultural = rng.Chance(daytime ? 0.8 : 0.4);
        var machinery = rng.Chance(0.5);
        if (!cultural && !machinery)
        {
            cultural = true;
        }

        var parts = new List<string>();
        var components = new double[3][];
        for (var c = 0; c < 3; c++)
        {
            components[c] = new double[count];
        }

        if (cultural)
        {
            var passes = daytime ? rng.Next(5, 30) : rng.Next(0, 6);
            // Slow swells of the daytime hum, the same on all components.
            var hum = SignalTools.LowNoise(rng, count, 0.005, fs);
            var humLevel = rng.Uniform(0.3, 1.0);
            for (var i = 0; i < count; i++)
            {
                hum[i] = humLevel * Math.Exp(0.5 * hum[i]);
            }

            var passCentres = new double[passes];
            var passWidths = new double[passes];
            var passLevels = new double[passes];
            for (var p = 0; p < passes; p++)
            {
                passCentres[p] = rng.Uniform(0, window);
                passWidths[p] = rng.Uniform(3.0, 15.0);
                passLevels[p] = rng.LogUniform(1.0, 5.0);
            }

            for (var c = 0; c < 3; c++)
            {
                var carrier = SignalTools.BandNoise(rng, count, 1.0, 15.0, fs, 2);
                var traffic = SignalTools.BandNoise(rng, count, 4.0, 15.0, fs, 2);
                var gain = c == SynthesisContext.Z ? 1.0 : rng.Uniform(1.0, 1.5);
                var target = components[c];
                for (var i = 0; i < count; i++)
                {
                    target[i] = gain * hum[i] * carrier[i];
                }

                for (var p = 0; p < passes; p++)
                {
                    var first = context.Index(passCentres[p] - 4 * passWidths[p]);
                    var last = context.Index(passCentres[p] + 4 * passWidths[p]);
                    for (var i = first; i < last; i++)
                    {
                        var d = (i / fs - passCentres[p]) / passWidths[p];
                        target[i] += gain * passLevels[p] * Math.Exp(-0.5 * d * d) * traffic[i];
                    }
                }
            }

            context.Features.Add(new SyntheticFeature("cultural", 0, window, 0, "ZNE"));
            parts.Add(daytime ? $"daytime cultural noise with {passes} passing vehicles" : $"night-time cultural noise with {passes} passing vehicles");
        }

        if (machinery)
        {
            var fundamental = rng.Uniform(1.5, Math.Min(12.0, 0.3 * fs));
            var harmonics = rng.Next(1, 4);
            var onSeconds = rng.Chance(0.4) ? 0.0 : rng.Uniform(0, 0.5 * window);
            var offSeconds = rng.Chance(0.4) ? window : rng.Uniform(onSeconds + 0.2 * window, window);
            var drift = SignalTools.LowNoise(rng, count, 0.01, fs);
            var level = machineryLevel(rng, cultural);
            var gains = new[] { 1.0, rng.Uniform(0.5, 1.5), rng.Uniform(0.5, 1.5) };
            var first = context.Index(onSeconds);
            var last = context.Index(offSeconds);
            var phase = rng.Uniform(0, 2 * Math.PI);
            for (var i = first; i < last; i++)
            {
                // A little speed wander: the frequency drifts by about half a percent.
                phase += 2.0 * Math.PI * fundamental * (1.0 + 0.005 * drift[i]) / fs;
                var value = 0.0;
                for (var h = 1; h <= harmonics; h++)
                {
                    if (h * fundamental < 0.45 * fs)
                    {
                        value += Math.Sin(h * phase) / h;
                    }
                }

                value *= level * (1.0 + 0.2 * drift[i]);
                for (var c = 0; c < 3; c++)
                {
                    components[c][i] += gains[c] * value;
                }
            }

            context.Features.Add(new SyntheticFeature("machinery", onSeconds, offSeconds - onSeconds, 0, "ZNE"));
            var overtones = harmonics switch { 1 => "", 2 => " with 1 overtone", _ => $" with {harmonics - 1} overtones" };
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"machinery at {fundamental:F2} Hz{overtones} from {onSeconds:F0} s to {offSeconds:F0} s"));
        }

        context.AddScaled(components, targetSnr);

        if (rng.Chance(0.35))
        {
            var spikes = rng.Next(1, 5);
            for (var s = 0; s < spikes; s++)
            {
                var index = rng.Next(0, count);
                var component = rng.Next(0, 3);
                var amplitude = rng.Sign() * rng.LogUniform(10.0, 100.0) * context.BackgroundBandRms;
                context.Signal[component][index] += amplitude;
                context.Features.Add(new SyntheticFeature("spike", index / fs, 0, Math.Abs(amplitude), "ZNE"[component].ToString()));
            }

            parts.Add($"{spikes} spike{(spikes == 1 ? "" : "s")}");
        }

        return "noise: " + string.Join(", ", parts);

        static double machineryLevel(SyntheticRandom random, bool withCultural) => random.Uniform(0.5, 2.0) * (withCultural ? 1.0 : 1.5);
    }
}
