using Microsoft.AspNetCore.Identity;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Endpoints;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST with an antiforgery token, so that a link or an image cannot sign anyone out.
        app.MapPost("/account/logout", async (SignInManager<QuakeUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        });
        return app;
    }
}
