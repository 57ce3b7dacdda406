using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Classifications;

/// <summary>
/// Stores votes exactly once. The database's unique indexes (volunteer+subject, volunteer+key) are the final word:
/// a race between two identical requests ends with one row, and the loser is answered from that row.
/// </summary>
public sealed class ClassificationService(IDbContextFactory<QuakeDbContext> dbFactory, TimeProvider time)
{
    public const int MaxKeyLength = 100;

    public async Task<SubmitResult> SubmitAsync(ClassificationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > MaxKeyLength)
        {
            return new SubmitResult(SubmitOutcome.Invalid, null, $"idempotencyKey must be 1–{MaxKeyLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var replay = await FindExistingAsync(db, request, cancellationToken);
        if (replay is not null)
        {
            return replay;
        }

        var subject = await db.Subjects.AsNoTracking()
            .Where(s => s.Id == request.SubjectId)
            .Select(s => new { s.Id, s.CampaignId, s.Campaign!.AnswerChoices, s.Campaign.Retirement.MaxVotes })
            .FirstOrDefaultAsync(cancellationToken);
        if (subject is null)
        {
            return new SubmitResult(SubmitOutcome.UnknownSubject, null, $"Subject {request.SubjectId} does not exist.");
        }

        if (!subject.AnswerChoices.Contains(request.Answer, StringComparer.Ordinal))
        {
            return new SubmitResult(SubmitOutcome.InvalidAnswer, null,
                $"'{request.Answer}' is not an answer of this campaign; choose one of: {string.Join(", ", subject.AnswerChoices)}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var startedAt = request.StartedAt is { } s && s <= now && s > now.AddDays(-1) ? s : (DateTime?)null;
        var classification = new Classification
        {
            SubjectId = subject.Id,
            VolunteerId = request.VolunteerId,
            Answer = request.Answer,
            IdempotencyKey = request.IdempotencyKey,
            StartedAt = startedAt,
            FinishedAt = now,
            DurationMs = startedAt is null ? null : (int)Math.Min(int.MaxValue, (now - startedAt.Value).TotalMilliseconds),
        };

        var retired = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // The insert comes first so that SQLite takes its write lock before anything is read in this transaction.
            db.Classifications.Add(classification);
            await db.SaveChangesAsync(cancellationToken);
            await db.Subjects.Where(x => x.Id == subject.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.VoteCount, x => x.VoteCount + 1), cancellationToken);
            retired = await db.Subjects.Where(x => x.Id == subject.Id && x.Status == SubjectStatus.Active && x.VoteCount >= subject.MaxVotes)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.Status, SubjectStatus.Retired)
                    .SetProperty(x => x.RetirementReason, RetirementReason.VoteLimit)
                    .SetProperty(x => x.RetiredAt, now), cancellationToken) > 0;
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A unique index said no: either this key was stored by a concurrent retry, or the pair already exists.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var existing = await FindExistingAsync(fresh, request, cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            throw;
        }

        return new SubmitResult(SubmitOutcome.Created, classification.Id, null, retired);
    }

    private static async Task<SubmitResult?> FindExistingAsync(QuakeDbContext db, ClassificationRequest request, CancellationToken cancellationToken)
    {
        var byKey = await db.Classifications.AsNoTracking()
            .Where(c => c.VolunteerId == request.VolunteerId && c.IdempotencyKey == request.IdempotencyKey)
            .Select(c => new { c.Id, c.SubjectId })
            .FirstOrDefaultAsync(cancellationToken);
        if (byKey is not null)
        {
            return byKey.SubjectId == request.SubjectId
                ? new SubmitResult(SubmitOutcome.Replayed, byKey.Id)
                : new SubmitResult(SubmitOutcome.AlreadyAnswered, byKey.Id, "This idempotency key was already used for another subject.");
        }

        var byPair = await db.Classifications.AsNoTracking()
            .Where(c => c.VolunteerId == request.VolunteerId && c.SubjectId == request.SubjectId)
            .Select(c => (long?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return byPair is null
            ? null
            : new SubmitResult(SubmitOutcome.AlreadyAnswered, byPair, "You have already answered this subject.");
    }
}
