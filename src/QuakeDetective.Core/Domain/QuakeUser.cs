using Microsoft.AspNetCore.Identity;

namespace QuakeDetective.Core.Domain;

/// <summary>An account (ASP.NET Core Identity) on the platform's own database.</summary>
public class QuakeUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTime CreatedAt { get; set; }
}
