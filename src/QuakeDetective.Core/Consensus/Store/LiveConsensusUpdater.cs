using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using SubjectRetirement = QuakeDetective.Core.Domain.RetirementReason;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// Runs inside a batch of votes' transaction, with the new votes added to the context but not yet saved: locks the
/// touched subjects' rows, reads their stored counted votes, appends the new ones, applies the campaign's retirement
/// rule vote by vote (as if each new vote had arrived alone), and sets each subject's count and majority and weighted
/// consensus rows in the context; the caller's one SaveChanges writes votes and all of this together. Every read covers
/// the whole batch (one query per kind, not per subject): a subject's votes are few (about ten).
/// Subjects with a gold label never retire automatically: experts want the crowd's view of them to keep growing
/// (they measure volunteers), and retiring them would take them out of the gold injection. By hand still works.
/// </summary>
public sealed class LiveConsensusUpdater(ILogger<LiveConsensusUpdater> logger)
{
    private static readonly MajorityVoteAggregator Majority = new();
    private readonly ConcurrentDictionary<(int MaxVotes, bool Early, string Rules), RetirementRule> _rules = new();

    /// <summary>
    /// Call inside the transaction with the new counted votes (<paramref name="newVotes"/>, in arrival order, not yet saved),
    /// then save. <paramref name="priors"/> holds each campaign's weighted-vote prior, read before the transaction.
    /// Returns one result per subject.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, LiveUpdateResult>> UpdateAsync(
        QuakeDbContext db,
        IReadOnlyList<LiveSubject> subjects,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, double>> priors,
        IReadOnlyList<Classification> newVotes,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var ids = subjects.Select(s => s.SubjectId).Distinct().Order().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<long, LiveUpdateResult>();
        }

        // Touching the rows locks them (PostgreSQL), in id order, so that concurrent batches on the same subjects (two
        // instances) count one after the other and each sees the votes committed before it. SQLite's transaction holds
        // the database's write lock from its start (BEGIN IMMEDIATE), so there is nothing to lock.
        if (!db.Database.IsSqlite())
        {
            await db.Subjects.Where(s => ids.Contains(s.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.VoteCount, s => s.VoteCount), cancellationToken);
        }

        var rows = await db.Subjects.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var votes = (await ExpertVolunteers.CountedVotes(db)
                .Where(c => ids.Contains(c.SubjectId))
                .Select(c => new CountedVote(c.Id, c.SubjectId, c.VolunteerId, c.Answer, null))
                .ToListAsync(cancellationToken))
            .OrderBy(v => v.Id)
            .Concat(newVotes.Select(c => new CountedVote(0, c.SubjectId, c.VolunteerId, c.Answer, c))) // stored after all of them
            .GroupBy(v => v.SubjectId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var existing = (await db.ConsensusResults
                .Where(c => ids.Contains(c.SubjectId) && (c.Method == AggregationMethods.Majority || c.Method == AggregationMethods.Weighted))
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.SubjectId);

        var campaigns = new Dictionary<int, CampaignEvidence>();
        foreach (var group in subjects.GroupBy(s => s.CampaignId))
        {
            var voterIds = group.SelectMany(s => votes.GetValueOrDefault(s.SubjectId) ?? []).Select(v => v.VolunteerId).Distinct().ToList();
            campaigns[group.Key] = await CampaignEvidence.LoadAsync(db, group.Key, group.First().ModelVoteEnabled, voterIds, ids, cancellationToken);
        }

        var results = new Dictionary<long, LiveUpdateResult>();
        foreach (var subject in subjects.DistinctBy(s => s.SubjectId))
        {
            var row = rows[subject.SubjectId];
            var subjectVotes = votes.GetValueOrDefault(subject.SubjectId) ?? [];
            var evidence = campaigns[subject.CampaignId];
            var result = Apply(subject, row, subjectVotes, evidence, now);
            results[subject.SubjectId] = result;
            if (subjectVotes.Count > 0)
            {
                WriteConsensus(db, subject, subjectVotes, evidence, priors.GetValueOrDefault(subject.CampaignId) ?? new Dictionary<string, double>(),
                    existing[subject.SubjectId].ToList(), now, cancellationToken);
            }
        }

        return results;
    }

    /// <summary>Sets the exact count and retires the subject at the first new vote that meets the rule, replaying the votes in id order.</summary>
    private LiveUpdateResult Apply(LiveSubject subject, Subject row, List<CountedVote> votes, CampaignEvidence evidence, DateTime now)
    {
        row.VoteCount = votes.Count;

        // Retirement: only for subjects in the queue that a scientist has not kept there by hand, and never for gold.
        if (row.Status != SubjectStatus.Active || row.RetirementReason == SubjectRetirement.ByHand || evidence.Gold.ContainsKey(subject.SubjectId))
        {
            return new LiveUpdateResult(votes.Count, false, null);
        }

        var answers = Answers(subject, votes);
        var counts = answers.ToDictionary(a => a, _ => 0, StringComparer.Ordinal);
        var rule = RuleFor(subject);
        foreach (var vote in votes)
        {
            counts[vote.Answer]++;
            if (vote.New is null)
            {
                continue; // an earlier vote, already judged when it arrived
            }

            var decision = rule.Evaluate(counts);
            if (decision.Retire)
            {
                var reason = decision.Reason == Consensus.RetirementReason.EarlyConsensus ? SubjectRetirement.EarlyConsensus : SubjectRetirement.VoteLimit;
                row.Status = SubjectStatus.Retired;
                row.RetirementReason = reason;
                row.RetiredAt = now;
                return new LiveUpdateResult(votes.Count, true, reason, vote.New);
            }
        }

        return new LiveUpdateResult(votes.Count, false, null);
    }

    private static void WriteConsensus(
        QuakeDbContext db,
        LiveSubject subject,
        List<CountedVote> votes,
        CampaignEvidence evidence,
        IReadOnlyDictionary<string, double> prior,
        List<ConsensusResult> existing,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var id = subject.SubjectId;
        var answers = Answers(subject, votes);
        var counts = answers.Select(a => votes.Count(v => string.Equals(v.Answer, a, StringComparison.Ordinal))).ToArray();
        var subjectKey = Key(id);
        var human = VoteSet.Create(votes.Select(v => new Vote(subjectKey, Key(v.VolunteerId), v.Answer)), answers);
        var majority = Majority.Aggregate(human, null, cancellationToken).Subjects[0];
        var weighted = Weighted(subject, subjectKey, votes, answers, evidence, prior, cancellationToken);

        foreach (var row in new[]
                 {
                     ConsensusRow.From(id, AggregationMethods.Majority, majority, answers, counts),
                     ConsensusRow.From(id, AggregationMethods.Weighted, weighted, answers, counts),
                 })
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
    }

    /// <summary>
    /// The weighted vote of one subject: its votes (plus the model's when it votes) and its voters' (and the model's)
    /// answers on the campaign's other gold subjects, which give each voter's per-class F1 weight.
    /// </summary>
    private static SubjectConsensus Weighted(
        LiveSubject subject,
        string subjectKey,
        List<CountedVote> votes,
        List<string> answers,
        CampaignEvidence evidence,
        IReadOnlyDictionary<string, double> prior,
        CancellationToken cancellationToken)
    {
        var id = subject.SubjectId;
        var voters = votes.Select(v => v.VolunteerId).ToHashSet();
        var history = evidence.GoldVotes.Where(h => h.SubjectId != id && voters.Contains(h.VolunteerId)).ToList();
        var gold = history.Select(h => KeyValuePair.Create(h.SubjectId, evidence.Gold[h.SubjectId])).DistinctBy(p => p.Key).ToList();
        if (evidence.Gold.TryGetValue(id, out var ownGold))
        {
            gold.Add(KeyValuePair.Create(id, ownGold));
        }

        var builder = new VoteSetBuilder();
        foreach (var vote in votes)
        {
            builder.Add(subjectKey, Key(vote.VolunteerId), vote.Answer);
        }

        if (evidence.ModelLabels.TryGetValue(id, out var own))
        {
            builder.Add(subjectKey, ModelVoter.VolunteerId, own);
            foreach (var (goldSubject, label) in evidence.ModelGoldLabels.Where(p => p.Key != id))
            {
                builder.Add(Key(goldSubject), ModelVoter.VolunteerId, label);
                gold.Add(KeyValuePair.Create(goldSubject, evidence.Gold[goldSubject]));
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

    /// <summary>The campaign's choices, then any other answers found among the votes (a choice removed later) in ordinal order.</summary>
    private static List<string> Answers(LiveSubject subject, List<CountedVote> votes) =>
        subject.AnswerChoices
            .Concat(votes.Select(v => v.Answer).Where(a => !subject.AnswerChoices.Contains(a)).Distinct().Order(StringComparer.Ordinal))
            .ToList();

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

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A counted vote; <paramref name="New"/> is set for the batch's own votes (not stored yet, so no id).</summary>
    private sealed record CountedVote(long Id, long SubjectId, long VolunteerId, string Answer, Classification? New);

    private sealed record GoldVote(long SubjectId, long VolunteerId, string Answer);

    /// <summary>What one campaign's gold and model say, read once per batch for all its touched subjects and voters.</summary>
    private sealed class CampaignEvidence
    {
        private CampaignEvidence(Dictionary<long, string> gold, List<GoldVote> goldVotes, Dictionary<long, string> modelLabels, Dictionary<long, string> modelGoldLabels)
        {
            Gold = gold;
            GoldVotes = goldVotes;
            ModelLabels = modelLabels;
            ModelGoldLabels = modelGoldLabels;
        }

        /// <summary>Gold label per gold subject of the campaign.</summary>
        public Dictionary<long, string> Gold { get; }

        /// <summary>The batch's voters' votes on the campaign's gold subjects.</summary>
        public List<GoldVote> GoldVotes { get; }

        /// <summary>The current model's label for the touched subjects (empty when the model does not vote).</summary>
        public Dictionary<long, string> ModelLabels { get; }

        /// <summary>The current model's label for the campaign's gold subjects (empty when the model does not vote).</summary>
        public Dictionary<long, string> ModelGoldLabels { get; }

        public static async Task<CampaignEvidence> LoadAsync(
            QuakeDbContext db, int campaignId, bool modelVotes, List<long> voterIds, List<long> subjectIds, CancellationToken cancellationToken)
        {
            var gold = (await db.GoldLabels.AsNoTracking()
                    .Where(g => g.Subject!.CampaignId == campaignId)
                    .Select(g => new { g.SubjectId, g.Label })
                    .ToListAsync(cancellationToken))
                .DistinctBy(g => g.SubjectId)
                .ToDictionary(g => g.SubjectId, g => g.Label);

            // Driven by the gold subjects (the volunteer+subject index), not by the voters, whose histories can be long.
            var goldVotes = new List<GoldVote>();
            if (gold.Count > 0 && voterIds.Count > 0)
            {
                var goldIds = gold.Keys.ToList();
                goldVotes = await db.Classifications.AsNoTracking()
                    .Where(c => goldIds.Contains(c.SubjectId) && voterIds.Contains(c.VolunteerId))
                    .Select(c => new GoldVote(c.SubjectId, c.VolunteerId, c.Answer))
                    .ToListAsync(cancellationToken);
            }

            var modelLabels = new Dictionary<long, string>();
            var modelGoldLabels = new Dictionary<long, string>();
            if (modelVotes && await CurrentModel.IdAsync(db, campaignId, cancellationToken) is int modelId)
            {
                modelLabels = await db.Predictions.AsNoTracking()
                    .Where(p => p.ModelVersionId == modelId && subjectIds.Contains(p.SubjectId))
                    .Select(p => new { p.SubjectId, p.Label })
                    .ToDictionaryAsync(p => p.SubjectId, p => p.Label, cancellationToken);
                if (modelLabels.Count > 0 && gold.Count > 0)
                {
                    var goldIds = gold.Keys.ToList();
                    modelGoldLabels = await db.Predictions.AsNoTracking()
                        .Where(p => p.ModelVersionId == modelId && goldIds.Contains(p.SubjectId))
                        .Select(p => new { p.SubjectId, p.Label })
                        .ToDictionaryAsync(p => p.SubjectId, p => p.Label, cancellationToken);
                }
            }

            return new CampaignEvidence(gold, goldVotes, modelLabels, modelGoldLabels);
        }
    }
}
