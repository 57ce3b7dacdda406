using QuakeDetective.Seismic;

namespace QuakeDetective.Media.Tests;

/// <summary>Seeded test waveforms: sines, noise, and an earthquake-like record (P and S arrivals with coda on noise).</summary>
internal static class TestSignals
{
    public const long StartNs = 1_262_304_000L * 1_000_000_000L; // 2010-01-01T00:00:00Z

    public static Trace Sine(double frequencyHz, double sampleRate, double seconds, double amplitude = 1000, string channel = "BHZ")
    {
        var n = (int)Math.Round(seconds * sampleRate);
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRate);
        }

        return Make(x, sampleRate, channel);
    }

    public static Trace Noise(double sampleRate, double seconds, double amplitude, int seed, string channel = "BHZ")
    {
        var random = new Random(seed);
        var x = new double[(int)Math.Round(seconds * sampleRate)];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = amplitude * Gaussian(random);
        }

        return Make(x, sampleRate, channel);
    }

    public static Trace Make(double[] samples, double sampleRate, string channel = "BHZ") =>
        new(new SeedId("XX", "TEST", "00", channel), StartNs, sampleRate, samples);

    /// <summary>Z, N, E of a local earthquake: microseism and background noise, P at 600 s, S at 780 s, exponential coda.</summary>
    public static IReadOnlyList<Trace> Earthquake(double sampleRate = 40, double seconds = 2000, int seed = 7)
    {
        var components = new[] { ("BHZ", 1.0, 0.5), ("BHN", 0.35, 1.0), ("BHE", 0.3, 0.9) };
        var traces = new List<Trace>();
        for (var c = 0; c < components.Length; c++)
        {
            var (channel, pWeight, sWeight) = components[c];
            var random = new Random(seed * 31 + c);
            var n = (int)Math.Round(seconds * sampleRate);
            var x = new double[n];
            var microseism = 0.0;
            var phases = Enumerable.Range(0, 6).Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
            for (var i = 0; i < n; i++)
            {
                var t = i / sampleRate;
                microseism = 0.995 * microseism + Gaussian(random);
                var background = 40 * Gaussian(random) + 12 * microseism + 300 * Math.Sin(2 * Math.PI * 0.16 * t + phases[0]);
                x[i] = background
                       + pWeight * Arrival(t, 600, 3000, 25, random, phases, 4.0)
                       + sWeight * Arrival(t, 780, 9000, 90, random, phases, 2.5);
            }

            traces.Add(new Trace(new SeedId("XX", "DEMO", "00", channel), StartNs, sampleRate, x));
        }

        return traces;
    }

    private static double Arrival(double t, double onset, double amplitude, double decaySeconds, Random random, double[] phases, double centreHz)
    {
        if (t < onset)
        {
            return 0;
        }

        var dt = t - onset;
        var envelope = amplitude * (1 - Math.Exp(-dt / 0.8)) * Math.Exp(-dt / decaySeconds);
        var carrier = Math.Sin(2 * Math.PI * centreHz * t + phases[1]) + 0.7 * Math.Sin(2 * Math.PI * centreHz * 1.37 * t + phases[2])
                      + 0.5 * Math.Sin(2 * Math.PI * centreHz * 0.61 * t + phases[3]) + 0.4 * Gaussian(random);
        return envelope * carrier;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
