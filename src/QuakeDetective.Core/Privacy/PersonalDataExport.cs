using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core.Privacy;

/// <summary>
/// Everything the platform stores about one volunteer: account fields (signed in only), the volunteer record, every
/// vote and the contribution statistics. <see cref="Note"/> explains an empty section (e.g. a browser merged into an
/// account).
/// </summary>
public sealed record PersonalDataExport(
    DateTime ExportedAt,
    PersonalAccount? Account,
    PersonalVolunteer? Volunteer,
    IReadOnlyList<PersonalVote> Votes,
    ContributionStats? Contributions,
    string? Note);
