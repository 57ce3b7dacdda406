using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Privacy;
using QuakeDetective.Web.Infrastructure;

namespace QuakeDetective.Web.Endpoints;

/// <summary>
/// What the "My data" page and the /api/me/data endpoints share: whose data a request may see (its signed-in account,
/// else its own anonymous cookie — never an id from the URL or body), and deleting it after the confirmation: the
/// password for an account, an explicit confirmation for a browser. After an erasure the account is signed out and the
/// anonymous cookie cleared, so the next request starts as a new anonymous visitor.
/// </summary>
public static class PersonalDataRequests
{
    public static PersonalDataOwner? OwnerOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId)
        {
            return PersonalDataOwner.Account(userId);
        }

        return AnonymousVolunteerCookie.Get(http) is Guid id ? PersonalDataOwner.Browser(id) : null;
    }

    public static async Task<EraseAttempt> ConfirmAndEraseAsync(HttpContext http, string? password, bool confirmed, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(http);
        if (owner is null)
        {
            return new EraseAttempt(StatusCodes.Status400BadRequest, "This request has neither an account nor a volunteer cookie: there is nothing to delete.", null);
        }

        var services = http.RequestServices;
        if (owner.UserId is { } userId)
        {
            if (string.IsNullOrEmpty(password))
            {
                return new EraseAttempt(StatusCodes.Status400BadRequest, "Enter your password to confirm that you want to delete your account.", null);
            }

            var users = services.GetRequiredService<UserManager<QuakeUser>>();
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                await ForgetAsync(http);
                return new EraseAttempt(StatusCodes.Status200OK, "This account no longer exists.", new ErasureResult(ErasureOutcome.NothingStored, 0, 0, "This account no longer exists."));
            }

            // Counts towards the lockout like a sign-in, so the form cannot be used to guess a password.
            var check = await services.GetRequiredService<SignInManager<QuakeUser>>().CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (check.IsLockedOut)
            {
                return new EraseAttempt(StatusCodes.Status400BadRequest, "Too many wrong passwords: this account is locked for a few minutes.", null);
            }

            if (!check.Succeeded)
            {
                return new EraseAttempt(StatusCodes.Status400BadRequest, "The password is wrong; nothing was deleted.", null);
            }
        }
        else if (!confirmed)
        {
            return new EraseAttempt(StatusCodes.Status400BadRequest, "Confirm that you want to delete this browser's data (\"confirm\": true).", null);
        }

        var result = await services.GetRequiredService<PersonalDataEraser>().EraseAsync(owner, cancellationToken);
        if (result.Outcome == ErasureOutcome.LastAdmin)
        {
            return new EraseAttempt(StatusCodes.Status409Conflict, result.Message, result);
        }

        await ForgetAsync(http);
        return new EraseAttempt(StatusCodes.Status200OK, result.Message, result);
    }

    private static async Task ForgetAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await http.RequestServices.GetRequiredService<SignInManager<QuakeUser>>().SignOutAsync();
        }

        http.Response.Cookies.Delete(AnonymousVolunteerCookie.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax });
    }
}
