namespace QuakeDetective.Core.Volunteering;

/// <summary>
/// The time zone a volunteer's days are counted in (streaks, "today"): the browser's IANA zone
/// (<c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>), or UTC when the browser gave none or one this machine
/// does not know.
/// </summary>
public static class VolunteerTimeZone
{
    private const int MaxIdLength = 64;

    /// <summary>The zone for an IANA id such as "Europe/Berlin"; UTC for null, empty, malformed or unknown ids.</summary>
    public static TimeZoneInfo Resolve(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || ianaId.Length > MaxIdLength || !ianaId.All(IsIdCharacter))
        {
            return TimeZoneInfo.Utc;
        }

        // IANA ids work on every platform .NET runs on (ICU converts them on Windows).
        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The calendar day of a UTC instant in a zone.</summary>
    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var asUtc = utc.Kind == DateTimeKind.Utc ? utc : DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(asUtc, zone));
    }

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+';
}
