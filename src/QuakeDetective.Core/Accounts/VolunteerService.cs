using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Accounts;

/// <summary>Finds or creates the volunteer behind a request (account or anonymous cookie) and merges them on sign-in.</summary>
public sealed class VolunteerService(IDbContextFactory<QuakeDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The volunteer id for a signed-in user (userId) or an anonymous browser (anonymousId).</summary>
    public async Task<long> ResolveAsync(string? userId, Guid? anonymousId, CancellationToken cancellationToken)
    {
        if (userId is null && anonymousId is null)
        {
            throw new ArgumentException("A volunteer needs a user id or an anonymous id.");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var existing = userId is not null
                ? await db.Volunteers.Where(v => v.UserId == userId).Select(v => (long?)v.Id).FirstOrDefaultAsync(cancellationToken)
                : await db.Volunteers.Where(v => v.AnonymousId == anonymousId)
                    .Select(v => (long?)(v.MergedIntoVolunteerId ?? v.Id)).FirstOrDefaultAsync(cancellationToken);
            if (existing is long id)
            {
                return id;
            }

            var volunteer = new Volunteer
            {
                UserId = userId,
                AnonymousId = userId is null ? anonymousId : null,
                Pseudonym = NewPseudonym(),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Volunteers.Add(volunteer);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return volunteer.Id;
            }
            catch (DbUpdateException)
            {
                // Another request created the same volunteer at the same moment: read theirs.
            }
        }

        throw new InvalidOperationException("Could not create a volunteer record after three attempts.");
    }

    /// <summary>
    /// Moves an anonymous browser's votes to the account it just signed in to. Votes on subjects the account already
    /// answered are dropped (at most one vote per volunteer and subject) and the subjects' counts corrected.
    /// </summary>
    public async Task<int> MergeAnonymousAsync(Guid anonymousId, string userId, CancellationToken cancellationToken)
    {
        var accountVolunteerId = await ResolveAsync(userId, null, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var anonymous = await db.Volunteers.FirstOrDefaultAsync(v => v.AnonymousId == anonymousId, cancellationToken);
        if (anonymous is null || anonymous.Id == accountVolunteerId || anonymous.MergedIntoVolunteerId is not null)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var duplicates = await db.Classifications
            .Where(c => c.VolunteerId == anonymous.Id &&
                        db.Classifications.Any(o => o.VolunteerId == accountVolunteerId && o.SubjectId == c.SubjectId))
            .ToListAsync(cancellationToken);
        foreach (var duplicate in duplicates)
        {
            await db.Subjects.Where(s => s.Id == duplicate.SubjectId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.VoteCount, s => s.VoteCount - 1), cancellationToken);
        }

        db.Classifications.RemoveRange(duplicates);
        await db.SaveChangesAsync(cancellationToken);

        // Keys are unique per volunteer; prefix moved keys so they cannot clash with the account's own.
        var moved = await db.Classifications.Where(c => c.VolunteerId == anonymous.Id)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.VolunteerId, accountVolunteerId)
                .SetProperty(c => c.IdempotencyKey, c => "anon-" + c.IdempotencyKey), cancellationToken);
        anonymous.MergedIntoVolunteerId = accountVolunteerId;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

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
