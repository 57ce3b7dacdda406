using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// Streams a campaign's votes from the database into vote sets without holding them as objects: each row is
/// interned as it arrives (about 16 bytes per vote once built), so a million votes load in a few seconds and
/// tens of megabytes.
/// </summary>
public static class CampaignVoteLoader
{
    public static async Task<CampaignVotes> LoadAsync(QuakeDbContext db, int campaignId, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new { c.AnswerChoices, c.ModelVoteEnabled })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ArgumentException($"Campaign {campaignId} does not exist.", nameof(campaignId));
        var experts = (await ExpertVolunteers.Ids(db).ToListAsync(cancellationToken)).ToHashSet();
        var total = await db.Classifications.CountAsync(c => c.Subject!.CampaignId == campaignId, cancellationToken);

        var modelId = campaign.ModelVoteEnabled ? await CurrentModel.IdAsync(db, campaignId, cancellationToken) : null;
        var human = new VoteSetBuilder();
        var withModel = modelId is null ? null : new VoteSetBuilder();
        var subjectKeys = new Dictionary<long, string>();
        var volunteerKeys = new Dictionary<long, string>();
        var labels = new HashSet<string>(StringComparer.Ordinal);
        var lastId = 0L;
        var read = 0;
        var votes = db.Classifications.AsNoTracking()
            .Where(c => c.Subject!.CampaignId == campaignId)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.SubjectId, c.VolunteerId, c.Answer })
            .AsAsyncEnumerable();
        await foreach (var vote in votes.WithCancellation(cancellationToken))
        {
            lastId = Math.Max(lastId, vote.Id);
            if ((++read & 0xFFFF) == 0)
            {
                progress?.Report(total == 0 ? 1 : read / (double)total);
            }

            if (experts.Contains(vote.VolunteerId))
            {
                continue;
            }

            var subject = Key(subjectKeys, vote.SubjectId);
            var volunteer = Key(volunteerKeys, vote.VolunteerId);
            labels.Add(vote.Answer);
            human.Add(subject, volunteer, vote.Answer);
            withModel?.Add(subject, volunteer, vote.Answer);
        }

        var gold = await db.GoldLabels.AsNoTracking()
            .Where(g => g.Subject!.CampaignId == campaignId)
            .Select(g => new { g.Id, g.SubjectId, g.Label, g.CreatedAt })
            .ToListAsync(cancellationToken);
        var goldLabels = new GoldLabels(gold.Select(g => KeyValuePair.Create(Key(subjectKeys, g.SubjectId), g.Label)));

        if (withModel is not null)
        {
            var goldSubjects = gold.Select(g => g.SubjectId).ToHashSet();
            var predictions = db.Predictions.AsNoTracking()
                .Where(p => p.ModelVersionId == modelId && db.Subjects.Any(s => s.Id == p.SubjectId && s.CampaignId == campaignId))
                .OrderBy(p => p.SubjectId)
                .Select(p => new { p.SubjectId, p.Label })
                .AsAsyncEnumerable();
            await foreach (var prediction in predictions.WithCancellation(cancellationToken))
            {
                var subject = Key(subjectKeys, prediction.SubjectId);

                // Only where people voted (the model alone makes no consensus) or where gold shows how good it is.
                if (human.HasSubject(subject) || goldSubjects.Contains(prediction.SubjectId))
                {
                    labels.Add(prediction.Label);
                    withModel.Add(subject, ModelVoter.VolunteerId, prediction.Label);
                }
            }
        }

        var classes = campaign.AnswerChoices
            .Concat(labels.Concat(gold.Select(g => g.Label)).Where(l => !campaign.AnswerChoices.Contains(l)).Distinct().Order(StringComparer.Ordinal))
            .ToList();
        var humanSet = human.Build(classes);
        progress?.Report(1);
        var goldStamp = gold.Count == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{gold.Count}:{gold.Max(g => g.Id)}:{gold.Max(g => g.CreatedAt).Ticks}");
        return new CampaignVotes
        {
            CampaignId = campaignId,
            Classes = classes,
            Human = humanSet,
            WithModel = withModel?.Build(classes) ?? humanSet,
            Gold = goldLabels,
            ModelVersionId = modelId,
            Fingerprint = string.Create(CultureInfo.InvariantCulture, $"votes:{lastId};gold:{goldStamp};model:{modelId?.ToString(CultureInfo.InvariantCulture) ?? "-"}"),
        };
    }

    /// <summary>The fingerprint without loading the votes, to decide whether a scheduled recompute has anything to do.</summary>
    public static async Task<string> FingerprintAsync(QuakeDbContext db, int campaignId, CancellationToken cancellationToken)
    {
        var modelVote = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.ModelVoteEnabled).FirstOrDefaultAsync(cancellationToken);
        var modelId = modelVote ? await CurrentModel.IdAsync(db, campaignId, cancellationToken) : null;
        var lastId = await db.Classifications.Where(c => c.Subject!.CampaignId == campaignId).MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        var gold = db.GoldLabels.Where(g => g.Subject!.CampaignId == campaignId);
        var goldCount = await gold.CountAsync(cancellationToken);
        var goldStamp = "0";
        if (goldCount > 0)
        {
            var maxId = await gold.MaxAsync(g => g.Id, cancellationToken);
            var maxCreated = await gold.MaxAsync(g => g.CreatedAt, cancellationToken);
            goldStamp = string.Create(CultureInfo.InvariantCulture, $"{goldCount}:{maxId}:{maxCreated.Ticks}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"votes:{lastId};gold:{goldStamp};model:{modelId?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    }

    private static string Key(Dictionary<long, string> cache, long id)
    {
        if (!cache.TryGetValue(id, out var key))
        {
            key = id.ToString(CultureInfo.InvariantCulture);
            cache.Add(id, key);
        }

        return key;
    }
}
