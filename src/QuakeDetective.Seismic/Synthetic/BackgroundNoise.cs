using System.Globalization;
using QuakeDetective.Seismic.Processing;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// Ambient ground noise as a broadband station records it (shapes after Peterson's noise models): the secondary
/// microseism, a narrow peak at 0.1–0.3 Hz that dominates the raw trace; a weaker primary microseism near 0.07 Hz;
/// broadband noise falling off above about 1 Hz to a flat floor; long-period tilt noise on the horizontals.
/// </summary>
internal static class BackgroundNoise
{
    public static string Add(SynthesisContext context)
    {
        var rng = context.Random;
        var fs = context.SampleRate;
        var microseismRms = rng.LogUniform(150.0, 3000.0);           // calm to stormy ocean, counts
        var microseismHz = rng.Uniform(0.13, 0.24);
        var microseismWidth = rng.Uniform(0.05, 0.09);
        var broadbandRms = microseismRms / rng.LogUniform(12.0, 80.0);
        var redCornerHz = rng.Uniform(0.4, 1.5);
        var primaryShare = rng.Uniform(0.05, 0.2);

        var secondary = Butterworth.BandPass(2, microseismHz - microseismWidth / 2, microseismHz + microseismWidth / 2, fs);
        var primary = Butterworth.BandPass(1, 0.055, 0.085, fs);
        var red = Butterworth.LowPass(1, redCornerHz, fs);
        var tilt = Butterworth.LowPass(2, 0.03, fs);

        for (var c = 0; c < 3; c++)
        {
            var horizontal = c != SynthesisContext.Z;
            // Microseisms are Rayleigh and Love waves: comparable on all three components.
            var componentMicroseism = microseismRms * (horizontal ? rng.Uniform(0.6, 1.1) : 1.0);
            var componentBroadband = broadbandRms * (horizontal ? rng.Uniform(1.0, 1.4) : 1.0);
            // Tilt noise (ground tilting under wind and pressure) only disturbs the horizontal sensors.
            var (bank, o) = horizontal
                ? SignalTools.FilterBank(rng, context.Count, fs, 0.03, secondary, primary, red, tilt)
                : SignalTools.FilterBank(rng, context.Count, fs, 0.05, secondary, primary, red);
            var white = bank[^1];
            var tiltNoise = horizontal ? bank[3] : null;
            var tiltRms = horizontal ? microseismRms * rng.Uniform(0.1, 0.4) : 0.0;
            var target = context.Background[c];
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = componentMicroseism * (bank[0][o + i] + primaryShare * bank[1][o + i])
                            + componentBroadband * (bank[2][o + i] + 0.3 * white[o + i])
                            + (tiltNoise is null ? 0.0 : tiltRms * tiltNoise[o + i]);
            }

            context.Offsets[c] = Math.Round(rng.Uniform(-400.0, 400.0));
        }

        context.Features.Add(new SyntheticFeature("microseism", 0, context.DurationSeconds, microseismRms, "ZNE"));
        return string.Create(CultureInfo.InvariantCulture, $"microseism {microseismHz:F2} Hz (RMS {microseismRms:F0} counts)");
    }
}
