using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Classifications;

/// <summary>
/// Writes a batch of queued votes in one transaction, one commit (one fsync) for all of them, and only then answers
/// their callers. Duplicates are resolved against the database (one query for the whole batch, before the write lock)
/// and inside the batch, in arrival order: the same volunteer and key again is a replay of the first, the same
/// volunteer and subject under another key is already answered. Counted votes update their subjects' counts,
/// retirement and live consensus once per subject. The database's unique indexes stay the final word: when another
/// writer (a second instance, an account merge) stored a conflicting vote between the check and the insert, the batch
/// rolls back and its votes are written one by one, each answered from the row that won.
/// </summary>
public sealed class VoteBatchWriter(
    IDbContextFactory<QuakeDbContext> dbFactory,
    TimeProvider time,
    LiveConsensusUpdater live,
    WeightedPriorCache priors,
    SubjectStatusNotifier statusNotifier,
    ILogger<VoteBatchWriter> logger)
{
    private const string KeyUsedElsewhere = "This idempotency key was already used for another subject.";
    private const string AnsweredBefore = "You have already answered this subject.";

    private int _rolledBack;

    /// <summary>Test seam: runs after the duplicate check and before the transaction, where a concurrent writer could slip in.</summary>
    internal Func<CancellationToken, Task>? BeforeTransactionForTests { get; set; }

    /// <summary>Batches of more than one vote that were rolled back and written vote by vote since start.</summary>
    public int BatchesRolledBack => Volatile.Read(ref _rolledBack);

    /// <summary>Writes the votes and completes every one of them (with a result, or with the exception that stopped it).</summary>
    public async Task WriteAsync(IReadOnlyList<PendingVote> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 1)
        {
            await WriteOneAsync(batch[0], cancellationToken);
            return;
        }

        try
        {
            await WriteTogetherAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing of the batch was committed and nobody was answered: each vote gets its own transaction and answer.
            Interlocked.Increment(ref _rolledBack);
            logger.LogWarning(ex, "A batch of {VoteCount} votes was rolled back ({Problem}); writing them one by one", batch.Count, ex.Message);
            foreach (var vote in batch)
            {
                await WriteOneAsync(vote, cancellationToken);
            }
        }
    }

    private async Task WriteOneAsync(PendingVote vote, CancellationToken cancellationToken)
    {
        try
        {
            await WriteTogetherAsync([vote], cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // A unique index said no: a concurrent writer stored this key, or this pair, first.
            try
            {
                await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
                var existing = await FindExistingAsync(fresh, vote.Request, cancellationToken);
                if (existing is not null)
                {
                    vote.Complete(existing);
                }
                else
                {
                    vote.Fail(ex);
                }
            }
            catch (Exception inner)
            {
                vote.Fail(inner);
            }
        }
        catch (Exception ex)
        {
            vote.Fail(ex);
        }
    }

    private async Task WriteTogetherAsync(IReadOnlyList<PendingVote> batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var volunteerIds = batch.Select(v => v.Request.VolunteerId).Distinct().ToList();
        var keys = batch.Select(v => v.Request.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        var subjectIds = batch.Select(v => v.Request.SubjectId).Distinct().ToList();

        // Reads before the transaction, so that the write lock is held only for the writes. One statement, so that keys
        // and pairs come from one snapshot (two reads could call a retry of a vote committed in between "already answered").
        var stored = await db.Classifications.AsNoTracking()
            .Where(c => volunteerIds.Contains(c.VolunteerId) && keys.Contains(c.IdempotencyKey))
            .Select(c => new { c.Id, c.VolunteerId, c.SubjectId, c.IdempotencyKey })
            .Concat(db.Classifications.AsNoTracking()
                .Where(c => volunteerIds.Contains(c.VolunteerId) && subjectIds.Contains(c.SubjectId))
                .Select(c => new { c.Id, c.VolunteerId, c.SubjectId, c.IdempotencyKey }))
            .ToListAsync(cancellationToken);
        var storedByKey = stored.DistinctBy(s => s.Id).ToDictionary(s => (s.VolunteerId, s.IdempotencyKey), s => (s.Id, s.SubjectId));
        var storedByPair = stored.DistinctBy(s => s.Id).ToDictionary(s => (s.VolunteerId, s.SubjectId), s => s.Id);
        var subjects = await db.Subjects.AsNoTracking()
            .Where(s => subjectIds.Contains(s.Id))
            .Select(s => new LiveSubject(s.Id, s.CampaignId, s.Campaign!.AnswerChoices, s.Campaign.Retirement, s.Campaign.ModelVoteEnabled))
            .ToDictionaryAsync(s => s.SubjectId, cancellationToken);

        var answers = new List<Func<SubmitResult>>(batch.Count);
        var accepted = new List<Classification>();
        var acceptedByKey = new Dictionary<(long, string), Classification>();
        var acceptedByPair = new Dictionary<(long, long), Classification>();
        foreach (var vote in batch)
        {
            var request = vote.Request;
            if (storedByKey.TryGetValue((request.VolunteerId, request.IdempotencyKey), out var byKey))
            {
                var result = byKey.SubjectId == request.SubjectId
                    ? new SubmitResult(SubmitOutcome.Replayed, byKey.Id)
                    : new SubmitResult(SubmitOutcome.AlreadyAnswered, byKey.Id, KeyUsedElsewhere);
                answers.Add(() => result);
            }
            else if (acceptedByKey.TryGetValue((request.VolunteerId, request.IdempotencyKey), out var first))
            {
                var sameSubject = first.SubjectId == request.SubjectId;
                answers.Add(() => sameSubject
                    ? new SubmitResult(SubmitOutcome.Replayed, first.Id)
                    : new SubmitResult(SubmitOutcome.AlreadyAnswered, first.Id, KeyUsedElsewhere));
            }
            else if (storedByPair.TryGetValue((request.VolunteerId, request.SubjectId), out var pairId))
            {
                answers.Add(() => new SubmitResult(SubmitOutcome.AlreadyAnswered, pairId, AnsweredBefore));
            }
            else if (acceptedByPair.TryGetValue((request.VolunteerId, request.SubjectId), out var answered))
            {
                answers.Add(() => new SubmitResult(SubmitOutcome.AlreadyAnswered, answered.Id, AnsweredBefore));
            }
            else if (!subjects.TryGetValue(request.SubjectId, out var subject))
            {
                answers.Add(() => new SubmitResult(SubmitOutcome.UnknownSubject, null, $"Subject {request.SubjectId} does not exist."));
            }
            else if (!subject.AnswerChoices.Contains(request.Answer, StringComparer.Ordinal))
            {
                var message = $"'{request.Answer}' is not an answer of this campaign; choose one of: {string.Join(", ", subject.AnswerChoices)}.";
                answers.Add(() => new SubmitResult(SubmitOutcome.InvalidAnswer, null, message));
            }
            else
            {
                var classification = NewClassification(request, now);
                accepted.Add(classification);
                acceptedByKey[(request.VolunteerId, request.IdempotencyKey)] = classification;
                acceptedByPair[(request.VolunteerId, request.SubjectId)] = classification;
                answers.Add(() => new SubmitResult(SubmitOutcome.Created, classification.Id));
            }
        }

        var retiring = new Dictionary<long, SubjectStatusChange>();
        if (accepted.Count > 0)
        {
            // Expert votes (Scientist/Admin) are stored but change no count, retirement or consensus.
            var voters = accepted.Select(c => c.VolunteerId).Distinct().ToList();
            var experts = (await ExpertVolunteers.Ids(db).Where(id => voters.Contains(id)).ToListAsync(cancellationToken)).ToHashSet();
            var touched = accepted.Where(c => !experts.Contains(c.VolunteerId)).Select(c => subjects[c.SubjectId]).DistinctBy(s => s.SubjectId).ToList();
            var campaignPriors = new Dictionary<int, IReadOnlyDictionary<string, double>>();
            foreach (var campaignId in touched.Select(s => s.CampaignId).Distinct())
            {
                campaignPriors[campaignId] = await priors.GetAsync(campaignId, cancellationToken);
            }

            if (BeforeTransactionForTests is { } hook)
            {
                await hook(cancellationToken);
            }

            var synchronous = await RelaxSqliteSyncAsync(db, cancellationToken);
            try
            {
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    // One SaveChanges for the votes, counts, retirements and consensus rows: one round of statements, one commit.
                    db.Classifications.AddRange(accepted);
                    var counted = accepted.Where(c => !experts.Contains(c.VolunteerId)).ToList();
                    var updates = await live.UpdateAsync(db, touched, campaignPriors, counted, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    foreach (var (subjectId, update) in updates)
                    {
                        if (update is { Retired: true, RetiringVote: { } vote })
                        {
                            retiring[vote.Id] = new SubjectStatusChange(subjectId, subjects[subjectId].CampaignId, SubjectStatus.Retired, update.Reason);
                        }
                    }
                }
            }
            finally
            {
                if (synchronous is not null)
                {
                    await RestoreSqliteSyncAsync(db, synchronous.Value);
                }
            }

            // Caches drop a retired subject before its last voter hears back.
            foreach (var change in retiring.Values)
            {
                statusNotifier.Publish(change);
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var result = answers[i]();
            if (result is { Outcome: SubmitOutcome.Created, ClassificationId: long id } && retiring.ContainsKey(id))
            {
                result = result with { Retired = true };
            }

            batch[i].Complete(result);
        }
    }

    /// <summary>
    /// SQLite only: the vote transaction's commit without an fsync (synchronous=NORMAL), on this connection, for this
    /// batch. In WAL mode a commit is then in the WAL file, and so in the operating system's cache, when COMMIT returns;
    /// a crash or SIGKILL of the site loses nothing that was acknowledged (the kill tests check exactly this), and the
    /// database stays consistent even after a power cut, which may lose only the last commits before the WAL was
    /// synced at the next checkpoint. That trade (an fsync per commit was a third of a batch's time) is the one the
    /// SQLite documentation describes as safe for WAL; PostgreSQL keeps its own durability settings.
    /// Returns the setting to restore, or null when nothing was changed.
    /// </summary>
    private static async Task<long?> RelaxSqliteSyncAsync(QuakeDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var walMode = string.Equals(await command.ExecuteScalarAsync(cancellationToken) as string, "wal", StringComparison.OrdinalIgnoreCase);
        command.CommandText = "PRAGMA synchronous;";
        var previous = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (!walMode || previous <= 1)
        {
            return null; // NORMAL is only safe in WAL mode; already NORMAL (or OFF) needs nothing
        }

        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return previous;
    }

    /// <summary>Puts the pooled connection's setting back, so that whoever uses it next gets the database's usual durability.</summary>
    private static async Task RestoreSqliteSyncAsync(QuakeDbContext db, long previous)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA synchronous={previous.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static Classification NewClassification(ClassificationRequest request, DateTime now)
    {
        var startedAt = request.StartedAt is { } s && s <= now && s > now.AddDays(-1) ? s : (DateTime?)null;
        return new Classification
        {
            SubjectId = request.SubjectId,
            VolunteerId = request.VolunteerId,
            Answer = request.Answer,
            IdempotencyKey = request.IdempotencyKey,
            StartedAt = startedAt,
            FinishedAt = now,
            DurationMs = startedAt is null ? null : (int)Math.Min(int.MaxValue, (now - startedAt.Value).TotalMilliseconds),
        };
    }

    private static async Task<SubmitResult?> FindExistingAsync(QuakeDbContext db, ClassificationRequest request, CancellationToken cancellationToken)
    {
        // One statement, so that both questions are answered from the same snapshot.
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
                : new SubmitResult(SubmitOutcome.AlreadyAnswered, byKey.Id, KeyUsedElsewhere);
        }

        var byPair = rows.FirstOrDefault(r => r.SubjectId == request.SubjectId);
        return byPair is null ? null : new SubmitResult(SubmitOutcome.AlreadyAnswered, byPair.Id, AnsweredBefore);
    }
}
