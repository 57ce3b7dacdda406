using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Privacy;

/// <summary>
/// Deletes a volunteer's personal data in one transaction, keeping their votes for science: the votes move to a fresh
/// volunteer row with a new pseudonym, no account and no cookie (so one vote per volunteer and subject still holds and
/// consensus and retirement counts do not change), their client keys are replaced, and then the account (with its
/// roles, claims, logins and tokens), the volunteer row and the browsers merged into it are deleted. Votes of an expert
/// account (Scientist/Admin) never counted; anonymised they would start counting, so they are removed instead.
/// The last administrator cannot erase their account. A failure rolls everything back.
/// </summary>
public sealed class PersonalDataEraser(IDbContextFactory<QuakeDbContext> dbFactory, ErasedAccounts erased, TimeProvider time, ILogger<PersonalDataEraser> logger)
{
    public async Task<ErasureResult> EraseAsync(PersonalDataOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = owner.UserId is { } userId
            ? await EraseAccountAsync(db, userId, cancellationToken)
            : await EraseBrowserAsync(db, owner.AnonymousId!.Value, cancellationToken);
        if (result.Outcome == ErasureOutcome.Erased)
        {
            await transaction.CommitAsync(cancellationToken);
            if (owner.UserId is { } erasedUserId)
            {
                erased.Add(erasedUserId);
            }

            // No user id, e-mail or pseudonym in the log: only what happened.
            logger.LogInformation("Erased a volunteer's personal data ({Kind}): {VotesAnonymised} votes kept anonymously, {ExpertVotesRemoved} expert votes removed",
                owner.IsAccount ? "account" : "anonymous browser", result.VotesAnonymised, result.ExpertVotesRemoved);
        }

        return result;
    }

    private async Task<ErasureResult> EraseAccountAsync(QuakeDbContext db, string userId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return new ErasureResult(ErasureOutcome.NothingStored, 0, 0, "No account with this id is stored.");
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .ToListAsync(cancellationToken);
        if (roles.Contains(Roles.Admin))
        {
            var admins = await db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))
                .Select(ur => ur.UserId).Distinct().CountAsync(cancellationToken);
            if (admins <= 1)
            {
                return new ErasureResult(ErasureOutcome.LastAdmin, 0, 0,
                    "You are the only administrator: make another account an administrator first (quake admin create), then delete this one.");
            }
        }

        var expert = roles.Contains(Roles.Admin) || roles.Contains(Roles.Scientist);
        var anonymised = 0;
        var expertRemoved = 0;
        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.UserId == userId, cancellationToken);
        if (volunteer is not null)
        {
            if (expert)
            {
                expertRemoved = await db.Classifications.Where(c => c.VolunteerId == volunteer.Id).ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                anonymised = await MoveVotesToFreshVolunteerAsync(db, volunteer.Id, cancellationToken);
            }

            // Browsers merged into the account on sign-in: their cookies must not lead anywhere any more.
            await db.Volunteers.Where(v => v.MergedIntoVolunteerId == volunteer.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Volunteers.Where(v => v.Id == volunteer.Id).ExecuteDeleteAsync(cancellationToken);
        }

        // Audit fields that name the account: the account is gone, so they would only be a dangling personal id.
        await db.GoldLabels.Where(g => g.ExpertUserId == userId).ExecuteUpdateAsync(u => u.SetProperty(g => g.ExpertUserId, (string?)null), cancellationToken);
        await db.BackgroundJobs.Where(j => j.RequestedByUserId == userId).ExecuteUpdateAsync(u => u.SetProperty(j => j.RequestedByUserId, (string?)null), cancellationToken);
        await db.TrainingRuns.Where(t => t.RequestedByUserId == userId).ExecuteUpdateAsync(u => u.SetProperty(t => t.RequestedByUserId, (string?)null), cancellationToken);

        await db.UserRoles.Where(x => x.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(x => x.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(x => x.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(x => x.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(x => x.Id == userId).ExecuteDeleteAsync(cancellationToken);
        return new ErasureResult(ErasureOutcome.Erased, anonymised, expertRemoved, Summary(anonymised, expertRemoved, account: true));
    }

    private async Task<ErasureResult> EraseBrowserAsync(QuakeDbContext db, Guid anonymousId, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.AnonymousId == anonymousId, cancellationToken);
        if (volunteer is null)
        {
            return new ErasureResult(ErasureOutcome.NothingStored, 0, 0, "Nothing is stored for this browser.");
        }

        if (volunteer.MergedIntoVolunteerId is not null)
        {
            // The votes belong to an account now: forget only the browser's link to it.
            await db.Volunteers.Where(v => v.Id == volunteer.Id).ExecuteDeleteAsync(cancellationToken);
            return new ErasureResult(ErasureOutcome.Erased, 0, 0,
                "This browser is no longer linked to the account its answers moved to. To delete the account's data, sign in and delete it there.");
        }

        var anonymised = await MoveVotesToFreshVolunteerAsync(db, volunteer.Id, cancellationToken);
        await db.Volunteers.Where(v => v.Id == volunteer.Id).ExecuteDeleteAsync(cancellationToken);
        return new ErasureResult(ErasureOutcome.Erased, anonymised, 0, Summary(anonymised, 0, account: false));
    }

    /// <summary>Moves every vote of a volunteer to a new row with no account and no cookie; keys are replaced too.</summary>
    private async Task<int> MoveVotesToFreshVolunteerAsync(QuakeDbContext db, long volunteerId, CancellationToken cancellationToken)
    {
        if (!await db.Classifications.AnyAsync(c => c.VolunteerId == volunteerId, cancellationToken))
        {
            return 0;
        }

        var fresh = new Volunteer { Pseudonym = NewPseudonym(), CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Volunteers.Add(fresh);
        await db.SaveChangesAsync(cancellationToken);

        // Client keys were chosen by the volunteer's browser and could be matched against it: replace them by the vote id.
        return await db.Classifications.Where(c => c.VolunteerId == volunteerId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.VolunteerId, fresh.Id)
                .SetProperty(c => c.IdempotencyKey, c => "erased-" + c.Id.ToString()), cancellationToken);
    }

    private static string Summary(int anonymised, int expertRemoved, bool account)
    {
        var what = account ? "Your account and personal data are deleted." : "This browser's personal data is deleted.";
        var votes = anonymised > 0
            ? $" Your {anonymised} answers stay in the results under a new pseudonym that nobody can link to you."
            : string.Empty;
        var expert = expertRemoved > 0 ? $" Your {expertRemoved} expert answers (which never counted) were removed." : string.Empty;
        return what + votes + expert;
    }

    /// <summary>Same shape as every other pseudonym, so an erased volunteer does not stand out in exports.</summary>
    private static string NewPseudonym()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "volunteer-" + new string(chars);
    }
}
