using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using SubjectRetirement = QuakeDetective.Core.Domain.RetirementReason;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// Runs inside a vote's transaction, after the subject's row is locked: recounts the subject's counted votes,
/// applies the campaign's retirement rule, and rewrites the subject's majority and weighted consensus rows.
/// One subject's votes are few (about ten), so this is a handful of small queries per vote.
/// </summary>
public sealed class LiveConsensusUpdater(ILogger<LiveConsensusUpdater> logger)
{
    private static readonly MajorityVoteAggregator Majority = new();
    private readonly ConcurrentDictionary<(int MaxVotes, bool Early, string Rules), RetirementRule> _rules = new();

    /// <summary>
    /// Call with the subject's row already updated in this transaction (so concurrent votes on the same subject wait for each other).
    /// <paramref name="prior"/> is the campaign's weighted-vote prior, read before the transaction.
    /// </summary>
    public async Task<LiveUpdateResult> UpdateAsync(
        QuakeDbContext db,
        LiveSubject subject,
        IReadOnlyDictionary<string, double> prior,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var id = subject.SubjectId;
        var state = await db.Subjects.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Status, s.RetirementReason })
            .FirstAsync(cancellationToken);
        var votes = await ExpertVolunteers.CountedVotes(db)
            .Where(c => c.SubjectId == id)
            .OrderBy(c => c.Id)
            .Select(c => new { c.VolunteerId, c.Answer })
            .ToListAsync(cancellationToken);

        var answers = subject.AnswerChoices
            .Concat(votes.Select(v => v.Answer).Where(a => !subject.AnswerChoices.Contains(a)).Distinct().Order(StringComparer.Ordinal))
            .ToList();
        var counts = answers.Select(a => votes.Count(v => string.Equals(v.Answer, a, StringComparison.Ordinal))).ToArray();

        // Retirement: only for subjects in the queue that a scientist has not kept there by hand.
        SubjectRetirement? reason = null;
        if (state.Status == SubjectStatus.Active && state.RetirementReason != SubjectRetirement.ByHand && votes.Count > 0)
        {
            var decision = RuleFor(subject).Evaluate(answers.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => counts[x.i], StringComparer.Ordinal));
            if (decision.Retire)
            {
                reason = decision.Reason == Consensus.RetirementReason.EarlyConsensus ? SubjectRetirement.EarlyConsensus : SubjectRetirement.VoteLimit;
            }
        }

        if (reason is { } r)
        {
            await db.Subjects.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.VoteCount, votes.Count)
                .SetProperty(s => s.Status, SubjectStatus.Retired)
                .SetProperty(s => s.RetirementReason, r)
                .SetProperty(s => s.RetiredAt, now), cancellationToken);
        }
        else
        {
            await db.Subjects.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.VoteCount, votes.Count), cancellationToken);
        }

        if (votes.Count == 0)
        {
            return new LiveUpdateResult(0, false, null);
        }

        var subjectKey = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var human = VoteSet.Create(votes.Select(v => new Vote(subjectKey, Key(v.VolunteerId), v.Answer)), answers);
        var majority = Majority.Aggregate(human, null, cancellationToken).Subjects[0];

        var weighted = await WeightedAsync(db, subject, subjectKey, votes.Select(v => (v.VolunteerId, v.Answer)).ToList(), answers, prior, cancellationToken);

        var rows = new[]
        {
            ConsensusRow.From(id, AggregationMethods.Majority, majority, answers, counts),
            ConsensusRow.From(id, AggregationMethods.Weighted, weighted, answers, counts),
        };
        var existing = await db.ConsensusResults
            .Where(c => c.SubjectId == id && (c.Method == AggregationMethods.Majority || c.Method == AggregationMethods.Weighted))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var entity = existing.FirstOrDefault(e => string.Equals(e.Method, row.Method, StringComparison.Ordinal));
            if (entity is null)
            {
                db.ConsensusResults.Add(row.ToEntity(now));
            }
            else
            {
                row.ApplyTo(entity, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new LiveUpdateResult(votes.Count, reason is not null, reason);
    }

    /// <summary>
    /// The weighted vote of one subject: its votes (plus the model's when it votes) and its voters' (and the model's)
    /// answers on the campaign's gold subjects, which give each voter's per-class F1 weight.
    /// </summary>
    private static async Task<SubjectConsensus> WeightedAsync(
        QuakeDbContext db,
        LiveSubject subject,
        string subjectKey,
        List<(long VolunteerId, string Answer)> votes,
        List<string> answers,
        IReadOnlyDictionary<string, double> prior,
        CancellationToken cancellationToken)
    {
        var id = subject.SubjectId;
        var voterIds = votes.Select(v => v.VolunteerId).ToList();
        var history = await (
                from c in db.Classifications
                join g in db.GoldLabels on c.SubjectId equals g.SubjectId
                where voterIds.Contains(c.VolunteerId) && c.SubjectId != id && c.Subject!.CampaignId == subject.CampaignId
                select new { c.SubjectId, c.VolunteerId, c.Answer, Truth = g.Label })
            .ToListAsync(cancellationToken);
        var gold = history.Select(h => KeyValuePair.Create(h.SubjectId, h.Truth)).DistinctBy(p => p.Key).ToList();
        var ownGold = await db.GoldLabels.Where(g => g.SubjectId == id).Select(g => g.Label).FirstOrDefaultAsync(cancellationToken);
        if (ownGold is not null)
        {
            gold.Add(KeyValuePair.Create(id, ownGold));
        }

        var builder = new VoteSetBuilder();
        foreach (var (volunteerId, answer) in votes)
        {
            builder.Add(subjectKey, Key(volunteerId), answer);
        }

        if (subject.ModelVoteEnabled && await CurrentModel.IdAsync(db, subject.CampaignId, cancellationToken) is int modelId)
        {
            var own = await db.Predictions.Where(p => p.ModelVersionId == modelId && p.SubjectId == id).Select(p => p.Label).FirstOrDefaultAsync(cancellationToken);
            if (own is not null)
            {
                builder.Add(subjectKey, ModelVoter.VolunteerId, own);
                var modelHistory = await (
                        from p in db.Predictions
                        join g in db.GoldLabels on p.SubjectId equals g.SubjectId
                        join s in db.Subjects on p.SubjectId equals s.Id
                        where p.ModelVersionId == modelId && p.SubjectId != id && s.CampaignId == subject.CampaignId
                        select new { p.SubjectId, p.Label, Truth = g.Label })
                    .ToListAsync(cancellationToken);
                foreach (var h in modelHistory)
                {
                    builder.Add(Key(h.SubjectId), ModelVoter.VolunteerId, h.Label);
                    gold.Add(KeyValuePair.Create(h.SubjectId, h.Truth));
                }
            }
        }

        foreach (var h in history)
        {
            builder.Add(Key(h.SubjectId), Key(h.VolunteerId), h.Answer);
        }

        var goldLabels = new GoldLabels(gold.DistinctBy(p => p.Key).Select(p => KeyValuePair.Create(Key(p.Key), p.Value)));
        var classes = answers.Concat(goldLabels.Labels.Values.Where(l => !answers.Contains(l)).Distinct().Order(StringComparer.Ordinal));
        var set = builder.Build(classes);
        var result = new WeightedVoteAggregator(new WeightedVoteOptions { ClassPrior = prior }).Aggregate(set, goldLabels, cancellationToken);
        return result.Find(subjectKey)!;
    }

    private RetirementRule RuleFor(LiveSubject subject)
    {
        var settings = subject.Retirement;
        return _rules.GetOrAdd((settings.MaxVotes, settings.EarlyConsensusEnabled, settings.EarlyConsensusRules ?? ""), key =>
        {
            try
            {
                return RetirementRule.FromSettings(settings);
            }
            catch (ArgumentException ex)
            {
                // A bad rule must not lose votes: retire by the vote limit alone and say so.
                logger.LogWarning("Campaign {CampaignId} has an invalid retirement rule ({Problem}); retiring at {MaxVotes} votes only",
                    subject.CampaignId, ex.Message, Math.Max(1, key.MaxVotes));
                return new RetirementRule { MaxVotes = Math.Max(1, key.MaxVotes), Thresholds = [] };
            }
        });
    }

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
