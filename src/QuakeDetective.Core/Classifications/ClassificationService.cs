using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Classifications;

/// <summary>
/// Stores votes exactly once. The database's unique indexes (volunteer+subject, volunteer+key) are the final word:
/// a race between two identical requests ends with one row, and the loser is answered from that row.
/// In the same transaction a counted vote updates the subject's count, retires it when the campaign's rule is met
/// (it leaves every queue with the commit), and rewrites its live majority and weighted consensus. Expert votes
/// (Scientist/Admin accounts) are stored but change none of these.
/// </summary>
public sealed class ClassificationService(
    IDbContextFactory<QuakeDbContext> dbFactory,
    TimeProvider time,
    LiveConsensusUpdater live,
    WeightedPriorCache priors,
    SubjectStatusNotifier statusNotifier)
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
            .Select(s => new { s.Id, s.CampaignId, s.Campaign!.AnswerChoices, s.Campaign.Retirement, s.Campaign.ModelVoteEnabled })
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

        // Read before the transaction so that the write lock is held as briefly as possible.
        var expert = await ExpertVolunteers.IsExpertAsync(db, request.VolunteerId, cancellationToken);
        var prior = expert ? null : await priors.GetAsync(subject.CampaignId, cancellationToken);
        var liveSubject = new LiveSubject(subject.Id, subject.CampaignId, subject.AnswerChoices, subject.Retirement, subject.ModelVoteEnabled);

        LiveUpdateResult? update = null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // The insert comes first so that SQLite takes its write lock before anything is read in this transaction.
            db.Classifications.Add(classification);
            await db.SaveChangesAsync(cancellationToken);
            if (prior is not null)
            {
                // Touching the subject's row locks it (PostgreSQL), so concurrent votes on one subject recount one after
                // the other and each sees the votes committed before it; the live update then sets the exact count.
                await db.Subjects.Where(x => x.Id == subject.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.VoteCount, x => x.VoteCount + 1), cancellationToken);
                update = await live.UpdateAsync(db, liveSubject, prior, now, cancellationToken);
            }

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

        var retired = update?.Retired == true;
        if (retired)
        {
            statusNotifier.Publish(new SubjectStatusChange(subject.Id, subject.CampaignId, SubjectStatus.Retired, update!.Reason));
        }

        return new SubmitResult(SubmitOutcome.Created, classification.Id, null, retired);
    }

    private static async Task<SubmitResult?> FindExistingAsync(QuakeDbContext db, ClassificationRequest request, CancellationToken cancellationToken)
    {
        // One statement, so that both questions are answered from the same snapshot: two separate reads could see a
        // concurrent vote committed between them and call a retry of it "already answered".
        var rows = await db.Classifications.AsNoTracking()
            .Where(c => c.VolunteerId == request.VolunteerId && (c.IdempotencyKey == request.IdempotencyKey || c.SubjectId == request.SubjectId))
            .Select(c => new { c.Id, c.SubjectId, c.IdempotencyKey })
            .Take(2)
            .ToListAsync(cancellationToken);
        var byKey = rows.FirstOrDefault(r => r.IdempotencyKey == request.IdempotencyKey);
        if (byKey is not null)
        {
            return byKey.SubjectId == request.SubjectId
                ? new SubmitResult(SubmitOutcome.Replayed, byKey.Id)
                : new SubmitResult(SubmitOutcome.AlreadyAnswered, byKey.Id, "This idempotency key was already used for another subject.");
        }

        var byPair = rows.FirstOrDefault(r => r.SubjectId == request.SubjectId);
        return byPair is null
            ? null
            : new SubmitResult(SubmitOutcome.AlreadyAnswered, byPair.Id, "You have already answered this subject.");
    }
}
