using System.Security.Claims;
using QuakeDetective.Core.Accounts;

namespace QuakeDetective.Web.Infrastructure;

/// <summary>The volunteer behind the current HTTP request: the signed-in account, else the anonymous cookie.</summary>
public sealed class RequestVolunteer(VolunteerService volunteers)
{
    public async Task<long> GetIdAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var userId = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var anonymousId = AnonymousVolunteerCookie.Get(context);
        if (userId is null && anonymousId is null)
        {
            throw new InvalidOperationException("The request has neither a signed-in user nor an anonymous volunteer cookie.");
        }

        return await volunteers.ResolveAsync(userId, userId is null ? anonymousId : null, cancellationToken);
    }
}
