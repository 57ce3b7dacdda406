namespace QuakeDetective.Web.Components.Pages.Tutorial;

/// <summary>The browser preference "tutorial seen" (set by js/classify.js when the tutorial is finished or skipped).</summary>
public static class TutorialCookie
{
    public const string Name = "qd_tutorial";

    public static bool IsDone(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.TryGetValue(Name, out var value) && value == "done";
    }
}
