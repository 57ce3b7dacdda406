using QuakeDetective.Seismic;

namespace QuakeDetective.Seismic.Tests.Windowing;

/// <summary>Small traces with recognisable samples (sample i has value offset + i) at exact times.</summary>
internal static class TestTraces
{
    public static readonly long T0 = SeismicTime.FromDateTime(new DateTime(2010, 2, 27, 6, 30, 0, DateTimeKind.Utc));

    public static Trace Make(string id, double seconds, double rate = 20, long? start = null, double offset = 0)
    {
        var n = (int)Math.Round(seconds * rate);
        var samples = new double[n];
        for (var i = 0; i < n; i++)
        {
            samples[i] = offset + i;
        }

        return new Trace(SeedId.Parse(id), start ?? T0, rate, samples);
    }

    public static long Seconds(double s) => (long)Math.Round(s * 1e9);
}
