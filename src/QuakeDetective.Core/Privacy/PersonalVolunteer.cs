namespace QuakeDetective.Core.Privacy;

/// <summary>
/// The volunteer record of a personal-data download: the id and pseudonym under which the votes are stored, whether it
/// belongs to an account or an anonymous browser, and how many anonymous browsers were merged into it on sign-in.
/// </summary>
public sealed record PersonalVolunteer(long VolunteerId, string Pseudonym, string Kind, DateTime CreatedAt, int MergedBrowsers)
{
    public const string AccountKind = "account";

    public const string AnonymousKind = "anonymous";
}
