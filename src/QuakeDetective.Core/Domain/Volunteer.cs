namespace QuakeDetective.Core.Domain;

/// <summary>Someone who classifies: a signed-in account or an anonymous browser (cookie id).</summary>
public class Volunteer
{
    public long Id { get; set; }

    /// <summary>Identity user id when signed in; null for an anonymous volunteer.</summary>
    public string? UserId { get; set; }

    /// <summary>The persistent anonymous id from the browser cookie; null for volunteers created for an account.</summary>
    public Guid? AnonymousId { get; set; }

    /// <summary>Stable pseudonym used in pages and exports instead of any personal data.</summary>
    public required string Pseudonym { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when an anonymous volunteer's votes moved to an account; the row is kept so the cookie resolves.</summary>
    public long? MergedIntoVolunteerId { get; set; }
}
