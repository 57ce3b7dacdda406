namespace QuakeDetective.Web.Infrastructure;

/// <summary>
/// Security headers on every response: a content security policy that the site's own pages satisfy (scripts only
/// from this origin, no framing), no MIME sniffing, and a conservative referrer policy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and connections only from this origin (Blazor's circuit is a same-origin WebSocket). Styles allow
    /// inline because Blazor's reconnect and error UI set styles from script; no inline script is allowed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
