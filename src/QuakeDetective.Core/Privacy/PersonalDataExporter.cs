using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core.Privacy;

/// <summary>
/// Collects one volunteer's personal data for download: only what belongs to the given owner, never anyone else's.
/// A browser whose votes moved to an account on sign-in gets the browser record but not the account's votes: those are
/// downloaded by signing in.
/// </summary>
public sealed class PersonalDataExporter(IDbContextFactory<QuakeDbContext> dbFactory, ContributionsService contributions, TimeProvider time)
{
    public async Task<PersonalDataExport> ExportAsync(PersonalDataOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        PersonalAccount? account = null;
        Volunteer? volunteer;
        if (owner.UserId is { } userId)
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null)
            {
                return new PersonalDataExport(now, null, null, [], null, "No account with this id is stored.");
            }

            var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                .OrderBy(name => name)
                .ToListAsync(cancellationToken);
            account = new PersonalAccount(user.Id, user.Email, user.UserName, user.DisplayName, user.CreatedAt, roles);
            volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.UserId == userId, cancellationToken);
        }
        else
        {
            volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.AnonymousId == owner.AnonymousId, cancellationToken);
        }

        if (volunteer is null)
        {
            return new PersonalDataExport(now, account, null, [], null, "No answers are stored for you yet.");
        }

        var merged = await db.Volunteers.CountAsync(v => v.MergedIntoVolunteerId == volunteer.Id, cancellationToken);
        var record = new PersonalVolunteer(
            volunteer.Id,
            volunteer.Pseudonym,
            volunteer.UserId is null ? PersonalVolunteer.AnonymousKind : PersonalVolunteer.AccountKind,
            volunteer.CreatedAt,
            merged);
        if (volunteer.MergedIntoVolunteerId is not null)
        {
            return new PersonalDataExport(now, account, record, [], null,
                "This browser's answers moved to an account when it signed in. Sign in to download or delete them.");
        }

        var votes = await db.Classifications.AsNoTracking()
            .Where(c => c.VolunteerId == volunteer.Id)
            .OrderBy(c => c.FinishedAt).ThenBy(c => c.Id)
            .Select(c => new PersonalVote(
                c.Id, c.SubjectId, c.Subject!.CampaignId, c.Subject.Campaign!.Name, c.Answer, c.StartedAt, c.FinishedAt, c.DurationMs))
            .ToListAsync(cancellationToken);
        var stats = await contributions.GetAsync(volunteer.Id, cancellationToken);
        return new PersonalDataExport(now, account, record, votes, stats, null);
    }
}
