using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Web.Components.Pages.Contributions;

/// <summary>The volunteer's IANA time zone as the browser reported it (js/timezone.js), UTC without it.</summary>
public static class TimeZoneCookie
{
    public const string Name = "qd_tz";

    public static TimeZoneInfo Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return VolunteerTimeZone.Resolve(http.Request.Cookies[Name]);
    }
}
