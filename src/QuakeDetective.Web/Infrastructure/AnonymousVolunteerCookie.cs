namespace QuakeDetective.Web.Infrastructure;

/// <summary>
/// Gives every browser a persistent anonymous volunteer id (cookie), so that anyone can classify without an
/// account; the votes move to the account when they sign in or register.
/// </summary>
public static class AnonymousVolunteerCookie
{
    public const string CookieName = "qd_volunteer";
    private const string ItemKey = "qd_volunteer_id";

    public static IApplicationBuilder UseAnonymousVolunteerCookie(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!TryRead(context.Request, out var id))
            {
                id = Guid.NewGuid();
                context.Response.Cookies.Append(CookieName, id.ToString("N"), new CookieOptions
                {
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    Expires = DateTimeOffset.UtcNow.AddYears(2),
                    Path = "/",
                });
            }

            context.Items[ItemKey] = id;
            await next();
        });

    /// <summary>The anonymous id of this request (set by the middleware), or null outside a request.</summary>
    public static Guid? Get(HttpContext? context)
    {
        if (context is null)
        {
            return null;
        }

        if (context.Items.TryGetValue(ItemKey, out var value) && value is Guid id)
        {
            return id;
        }

        return TryRead(context.Request, out var fromCookie) ? fromCookie : null;
    }

    private static bool TryRead(HttpRequest request, out Guid id)
    {
        id = Guid.Empty;
        return request.Cookies.TryGetValue(CookieName, out var raw) && Guid.TryParseExact(raw, "N", out id) && id != Guid.Empty;
    }
}
