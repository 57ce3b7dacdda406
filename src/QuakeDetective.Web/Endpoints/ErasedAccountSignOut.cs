using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using QuakeDetective.Core.Privacy;

namespace QuakeDetective.Web.Endpoints;

/// <summary>
/// Signs out, on their next request, the other sessions of an account that was just erased: they continue as anonymous
/// visitors instead of failing on an account that no longer exists. Runs right after authentication.
/// </summary>
public static class ErasedAccountSignOut
{
    public static IApplicationBuilder UseErasedAccountSignOut(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true &&
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId &&
                context.RequestServices.GetRequiredService<ErasedAccounts>().Contains(userId))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }

            await next();
        });
}
