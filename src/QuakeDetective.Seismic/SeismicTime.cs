using System.Globalization;

namespace QuakeDetective.Seismic;

/// <summary>Conversions between nanoseconds since the Unix epoch and calendar times.</summary>
public static class SeismicTime
{
    public const long NanosPerSecond = 1_000_000_000L;

    public static DateTime ToDateTime(long epochNs) => DateTime.UnixEpoch.AddTicks(FloorDiv(epochNs, 100L));

    public static long FromDateTime(DateTime utc) =>
        (utc.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) * 100L;

    /// <summary>ISO 8601 UTC with microseconds, e.g. 2010-02-27T06:50:00.069539Z (as libmseed prints).</summary>
    public static string Format(long epochNs)
    {
        // Round to the nearest microsecond first, then split into whole seconds and microseconds.
        var totalMicros = FloorDiv(epochNs + 500L, 1000L);
        var whole = FloorDiv(totalMicros, 1_000_000L);
        var micros = totalMicros - whole * 1_000_000L;

        var dt = DateTime.UnixEpoch.AddSeconds(whole);
        return dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." +
               micros.ToString("D6", CultureInfo.InvariantCulture) + "Z";
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
