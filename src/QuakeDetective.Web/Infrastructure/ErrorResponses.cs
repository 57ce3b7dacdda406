using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>
/// What a user sees when something fails in production: a short, friendly page (or problem+json for the API) with a
/// request id, never a stack trace. Written directly instead of re-executing a page, so that a failed form post
/// (e.g. a bad antiforgery token) cannot fail a second time inside the error handler.
/// </summary>
public static class ErrorResponses
{
    public static IApplicationBuilder UseFriendlyErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(WriteAsync));

        // Friendly 404 pages for people; APIs, media and form posts keep their own status and body.
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api") &&
                       !context.Request.Path.StartsWithSegments("/media"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found"));
        return app;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        var requestId = Activity.Current?.Id ?? context.TraceIdentifier;
        context.Response.StatusCode = status;
        var title = status >= 500 ? "Something went wrong on our side." : "The request could not be understood.";
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["requestId"] = requestId })
                .ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Error — QuakeDetective</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="site-main"><section class="empty-state"><h1>{{title}}</h1>
            <p>Sorry about that. Your earlier answers are safe.</p>
            <p class="muted">If you report this, mention request <code>{{System.Net.WebUtility.HtmlEncode(requestId)}}</code>.</p>
            <p><a class="button button-primary" href="/">Home</a></p></section></main></body></html>
            """);
    }
}
