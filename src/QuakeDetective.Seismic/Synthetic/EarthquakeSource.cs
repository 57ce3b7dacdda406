using System.Globalization;

namespace QuakeDetective.Seismic.Synthetic;

/// <summary>
/// A local or regional earthquake: an impulsive P (mostly vertical, rectilinear), a larger S (mostly horizontal) S−P
/// seconds later, exponential coda, and dispersed surface waves beyond about 60 km. Body waves carry their energy at
/// 1–10 Hz, lower for larger events. The amplitude is set by the SNR; the magnitude follows from amplitude and distance
/// with the Hutton and Boore (1987) local-magnitude attenuation.
/// </summary>
internal static class EarthquakeSource
{
    /// <summary>Counts per millimetre of Wood-Anderson amplitude at 1–10 Hz for a typical broadband channel.</summary>
    private const double CountsPerWoodAndersonMm = 9000.0;

    public static (string Description, double OnsetSeconds, double Magnitude, double DistanceKm) Add(SynthesisContext context, double targetSnr)
    {
        var rng = context.Random;
        var fs = context.SampleRate;
        var count = context.Count;
        var epicentralKm = rng.LogUniform(5.0, 300.0);
        var depthKm = rng.Uniform(3.0, 25.0);
        var distanceKm = Math.Sqrt(epicentralKm * epicentralKm + depthKm * depthKm);
        var vp = rng.Uniform(5.8, 6.5);
        var vs = vp / rng.Uniform(1.70, 1.80);
        var slowness = 1.0 / vs - 1.0 / vp;
        if (distanceKm * slowness > 0.35 * context.DurationSeconds)
        {
            // A short window only holds a near event: move it closer so that S still arrives well inside the window.
            distanceKm = 0.35 * context.DurationSeconds / slowness;
            depthKm = Math.Min(depthKm, 0.8 * distanceKm);
            epicentralKm = Math.Sqrt(distanceKm * distanceKm - depthKm * depthKm);
        }

        var sMinusP = distanceKm * slowness;
        var pSeconds = rng.Uniform(0.15, 0.6) * context.DurationSeconds;

        // Size the source spectrum from the magnitude the requested SNR roughly implies.
        var magnitudeGuess = Magnitude(targetSnr * context.BackgroundBandRms * 2.5, distanceKm);
        var cornerHz = Math.Clamp(12.0 * Math.Pow(10, -0.25 * magnitudeGuess) * Math.Exp(-distanceKm / 600.0), 1.5, 9.0);
        var lowHz = Math.Max(1.0, cornerHz / 2);
        var highHz = Math.Min(10.0, 2.2 * cornerHz);
        var codaSeconds = Math.Max(2.0, Math.Pow(10, (magnitudeGuess + 0.87) / 2.0) / 5.0) * rng.Uniform(0.7, 1.3) + distanceKm / 40.0;
        var pDecaySeconds = Math.Max(1.0, 0.4 * codaSeconds);
        var pRise = 0.05 + distanceKm / 400.0;
        var sRise = 0.1 + distanceKm / 150.0;
        var incidence = rng.Uniform(10.0, 35.0) * Math.PI / 180.0;
        var sOverP = rng.Uniform(3.0, 6.0);
        var transverseShare = rng.Uniform(0.6, 1.2);
        var backAzimuth = rng.Uniform(0.0, 2.0 * Math.PI);

        var start = context.Index(pSeconds);
        var end = Math.Min(count, context.Index(pSeconds + sMinusP + 8.0 * codaSeconds + 10.0));
        var length = Math.Max(0, end - start);
        var p = SignalTools.BandNoise(rng, length, lowHz, highHz, fs);
        var sv = SignalTools.BandNoise(rng, length, 0.8 * lowHz, 0.8 * highHz, fs);
        var sh = SignalTools.BandNoise(rng, length, 0.8 * lowHz, 0.8 * highHz, fs);

        var z = new double[count];
        var radial = new double[count];
        var transverse = new double[count];
        // Exponentials advance by a constant factor per sample: same values as Math.Exp, without a call per sample.
        var pDecayStep = Math.Exp(-1.0 / (pDecaySeconds * fs));
        var pRiseStep = Math.Exp(-1.0 / (pRise * fs));
        var sDecayStep = Math.Exp(-1.0 / (codaSeconds * fs));
        var sRiseStep = Math.Exp(-1.0 / (sRise * fs));
        var sStart = (int)Math.Ceiling(sMinusP * fs);
        double pDecay = 1.0, pRising = 1.0, sDecay = 0.0, sRising = 0.0;
        for (var k = 0; k < length; k++)
        {
            if (k == sStart)
            {
                var offset = k / fs - sMinusP; // S falls between samples
                sDecay = Math.Exp(-offset / codaSeconds);
                sRising = Math.Exp(-offset / sRise);
            }

            var pEnvelope = (1.0 - pRising) * pDecay;
            var sEnvelope = k < sStart ? 0.0 : (1.0 - sRising) * sDecay * sOverP;
            pDecay *= pDecayStep;
            pRising *= pRiseStep;
            sDecay *= sDecayStep;
            sRising *= sRiseStep;
            z[start + k] = pEnvelope * Math.Cos(incidence) * p[k] + 0.35 * sEnvelope * sv[k];
            radial[start + k] = pEnvelope * Math.Sin(incidence) * p[k] + sEnvelope * sv[k];
            transverse[start + k] = transverseShare * sEnvelope * sh[k];
        }

        var features = new List<SyntheticFeature>();
        var originSeconds = pSeconds - distanceKm / vp;
        var rayleighStart = originSeconds + epicentralKm / 3.4;
        var surface = epicentralKm > 60.0 && magnitudeGuess >= 2.0 && rayleighStart < context.DurationSeconds;
        if (surface)
        {
            // Normal dispersion: long periods travel faster, so the train sweeps from low to high frequency.
            var rayleighLength = Math.Max(10.0, epicentralKm * (1.0 / 2.6 - 1.0 / 3.4));
            var amplitude = sOverP * rng.Uniform(0.15, 0.4) * Math.Min(1.0, epicentralKm / 200.0);
            AddDispersedTrain(z, radial, transverse, fs, rayleighStart, rayleighLength, amplitude);
            features.Add(new SyntheticFeature("surface-waves", rayleighStart, rayleighLength, 0, "ZNE"));
        }

        // Rotate radial/transverse to north/east in place: radial becomes N, transverse becomes E.
        var (sinB, cosB) = Math.SinCos(backAzimuth);
        for (var i = 0; i < count; i++)
        {
            var r = radial[i];
            var t = transverse[i];
            radial[i] = r * cosB - t * sinB;
            transverse[i] = r * sinB + t * cosB;
        }

        var rotatedN = radial;
        var rotatedE = transverse;

        var scale = context.AddScaled([z, rotatedN, rotatedE], targetSnr);
        var peak = scale * Math.Max(MaxAbs(z), Math.Max(MaxAbs(rotatedN), MaxAbs(rotatedE)));
        var magnitude = Math.Round(Magnitude(peak, distanceKm), 1);
        features.Insert(0, new SyntheticFeature("P", pSeconds, sMinusP, scale * MaxAbs(z), "ZNE"));
        features.Insert(1, new SyntheticFeature("S", pSeconds + sMinusP, 5.0 * codaSeconds, peak, "ZNE"));
        context.Features.AddRange(features);

        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"M{magnitude:F1} earthquake at {distanceKm:F0} km (depth {depthKm:F0} km), P at {pSeconds:F1} s, S-P {sMinusP:F1} s, " +
            $"{lowHz:F1}-{highHz:F1} Hz{(surface ? ", surface waves" : "")}");
        return (description, pSeconds, magnitude, distanceKm);
    }

    /// <summary>Local magnitude from peak counts and hypocentral distance (Hutton and Boore 1987, −log A0).</summary>
    private static double Magnitude(double peakCounts, double distanceKm) =>
        Math.Log10(Math.Max(peakCounts, 1e-9) / CountsPerWoodAndersonMm)
        + 1.11 * Math.Log10(distanceKm / 100.0) + 0.00189 * (distanceKm - 100.0) + 3.0;

    private static void AddDispersedTrain(double[] z, double[] radial, double[] transverse, double fs, double startSeconds, double lengthSeconds, double amplitude)
    {
        var first = Math.Max(0, (int)Math.Ceiling(startSeconds * fs));
        var last = Math.Min(z.Length, (int)((startSeconds + lengthSeconds) * fs));
        var phase = 0.0;
        for (var i = first; i < last; i++)
        {
            var u = (i / fs - startSeconds) / lengthSeconds;
            var frequency = 0.12 + 0.5 * u;
            phase += 2.0 * Math.PI * frequency / fs;
            var envelope = amplitude * SignalTools.SmoothStep(u / 0.25) * SignalTools.SmoothStep((1.0 - u) / 0.4);
            var (sin, cos) = Math.SinCos(phase);
            z[i] += envelope * sin;
            radial[i] += 0.7 * envelope * cos;                                // Rayleigh: elliptical, 90° out of phase
            transverse[i] += 0.8 * envelope * Math.Sin(phase * 1.15 + 0.5); // Love waves, slightly faster
        }
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
