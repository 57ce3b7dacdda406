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

    /// <summary>
    /// Nanoseconds since the epoch of a SEED calendar time (year, day of year 1-366, hour, minute, second 0-60, and
    /// nanoseconds). Returns false when a field is out of range (a leap second 60 counts as the next minute's 0) or the
    /// year lies outside 1678-2261, the years whose nanoseconds fit in a 64-bit integer.
    /// </summary>
    public static bool TryFromDayOfYear(int year, int dayOfYear, int hour, int minute, int second, long nanoseconds, out long epochNs)
    {
        epochNs = 0;
        if (year is < 1678 or > 2261 || dayOfYear < 1 || dayOfYear > (DateTime.IsLeapYear(year) ? 366 : 365) ||
            hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 60 ||
            nanoseconds is < 0 or >= NanosPerSecond)
        {
            return false;
        }

        var days = DaysFromEpochToYear(year) + dayOfYear - 1;
        var seconds = ((days * 24 + hour) * 60 + minute) * 60 + second;
        epochNs = seconds * NanosPerSecond + nanoseconds;
        return true;
    }

    /// <summary>Splits a time into year, day of year, hour, minute, second and nanoseconds (the SEED way of writing it).</summary>
    public static (int Year, int DayOfYear, int Hour, int Minute, int Second, long Nanoseconds) ToDayOfYear(long epochNs)
    {
        var seconds = FloorDiv(epochNs, NanosPerSecond);
        var nanos = epochNs - seconds * NanosPerSecond;
        var dt = DateTime.UnixEpoch.AddSeconds(seconds);
        return (dt.Year, dt.DayOfYear, dt.Hour, dt.Minute, dt.Second, nanos);
    }

    /// <summary>Days from 1970-01-01 to January 1st of a year (proleptic Gregorian calendar).</summary>
    private static long DaysFromEpochToYear(int year)
    {
        long y = year - 1;
        return 365 * y + y / 4 - y / 100 + y / 400 - 719_162;
    }

    internal static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
