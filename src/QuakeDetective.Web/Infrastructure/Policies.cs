namespace QuakeDetective.Web.Infrastructure;

/// <summary>Authorisation policy names used by pages and endpoints.</summary>
public static class Policies
{
    /// <summary>Scientists and admins.</summary>
    public const string Scientist = "Scientist";

    public const string Admin = "Admin";
}
