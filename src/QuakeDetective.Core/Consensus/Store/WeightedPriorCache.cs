using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// The weighted vote's prior per class for a campaign: the F1 of every counted gold vote of the campaign pooled
/// (what <see cref="WeightedVoteAggregator"/> computes over a whole vote set). The live path aggregates one subject
/// at a time and cannot pool the campaign itself, so it reads the prior here; it is kept for
/// <see cref="ConsensusOptions.PriorCacheDuration"/> and dropped at once when gold labels change.
/// </summary>
public sealed class WeightedPriorCache(IDbContextFactory<QuakeDbContext> dbFactory, IOptions<ConsensusOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    public async Task<IReadOnlyDictionary<string, double>> GetAsync(int campaignId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(campaignId, out var entry) && now - entry.ComputedAt < options.Value.PriorCacheDuration)
        {
            return entry.Prior;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var prior = await ComputeAsync(db, campaignId, cancellationToken);
        _entries[campaignId] = new Entry(prior, now);
        return prior;
    }

    /// <summary>Forget a campaign's prior (gold labels changed).</summary>
    public void Invalidate(int campaignId) => _entries.TryRemove(campaignId, out _);

    /// <summary>Reads the pooled gold confusion of a campaign (counted votes, plus the model's when it votes) and turns it into the prior.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ComputeAsync(QuakeDbContext db, int campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new { c.AnswerChoices, c.ModelVoteEnabled })
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return new Dictionary<string, double>();
        }

        var pairs = await (
                from c in ExpertVolunteers.CountedVotes(db)
                join g in db.GoldLabels on c.SubjectId equals g.SubjectId
                where c.Subject!.CampaignId == campaignId
                group c by new { Truth = g.Label, c.Answer } into grouped
                select new { grouped.Key.Truth, grouped.Key.Answer, Count = grouped.Count() })
            .ToListAsync(cancellationToken);
        if (campaign.ModelVoteEnabled && await CurrentModel.IdAsync(db, campaignId, cancellationToken) is int modelId)
        {
            var modelPairs = await (
                    from p in db.Predictions
                    join g in db.GoldLabels on p.SubjectId equals g.SubjectId
                    join s in db.Subjects on p.SubjectId equals s.Id
                    where p.ModelVersionId == modelId && s.CampaignId == campaignId
                    group p by new { Truth = g.Label, Answer = p.Label } into grouped
                    select new { grouped.Key.Truth, grouped.Key.Answer, Count = grouped.Count() })
                .ToListAsync(cancellationToken);
            pairs.AddRange(modelPairs);
        }

        var classes = campaign.AnswerChoices
            .Concat(pairs.SelectMany(p => new[] { p.Truth, p.Answer }).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var counts = new double[classes.Count * classes.Count];
        foreach (var pair in pairs)
        {
            counts[(index[pair.Truth] * classes.Count) + index[pair.Answer]] += pair.Count;
        }

        var prior = WeightedVoteAggregator.PooledPrior(new ConfusionMatrix(classes, counts), new WeightedVoteOptions().DefaultWeight);
        return classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => prior[x.i], StringComparer.Ordinal);
    }

    private sealed record Entry(IReadOnlyDictionary<string, double> Prior, DateTimeOffset ComputedAt);
}
