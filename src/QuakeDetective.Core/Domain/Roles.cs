namespace QuakeDetective.Core.Domain;

/// <summary>Role names; pages and endpoints authorise by these.</summary>
public static class Roles
{
    public const string Volunteer = "Volunteer";
    public const string Scientist = "Scientist";
    public const string Admin = "Admin";

    /// <summary>Scientist pages are open to admins too.</summary>
    public const string ScientistOrAdmin = Scientist + "," + Admin;

    public static IReadOnlyList<string> All { get; } = [Volunteer, Scientist, Admin];
}
