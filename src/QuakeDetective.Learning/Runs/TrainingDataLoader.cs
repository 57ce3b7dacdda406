using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Learning.Runs;

/// <summary>
/// Gathers training labels: gold labels always, plus each campaign's consensus by its primary method at or above the
/// confidence threshold. A campaign with no stored consensus of that method falls back to a majority vote computed
/// here from its classifications.
/// </summary>
public sealed class TrainingDataLoader(IDbContextFactory<QuakeDbContext> dbFactory)
{
    public async Task<TrainingLabels> LoadAsync(IReadOnlyList<int> campaignIds, double confidenceThreshold, bool includeGold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaignIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var missing = campaignIds.Except(campaigns.Select(c => c.Id)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No campaign with id {string.Join(", ", missing)}.");
        }

        var classes = new List<string>();
        foreach (var choice in campaigns.SelectMany(c => c.AnswerChoices))
        {
            if (!classes.Contains(choice, StringComparer.Ordinal))
            {
                classes.Add(choice);
            }
        }

        var subjects = new List<LabelledSubject>();
        var sources = new List<CampaignLabelSource>();
        foreach (var campaign in campaigns)
        {
            var paths = await db.Subjects.AsNoTracking().Where(s => s.CampaignId == campaign.Id)
                .Select(s => new { s.Id, s.WaveformPath }).ToDictionaryAsync(s => s.Id, s => s.WaveformPath, cancellationToken);
            var labelled = new Dictionary<long, LabelledSubject>();
            int gold = 0, unknown = 0;
            if (includeGold)
            {
                var goldRows = await db.GoldLabels.AsNoTracking().Where(g => g.Subject!.CampaignId == campaign.Id)
                    .Select(g => new { g.SubjectId, g.Label }).ToListAsync(cancellationToken);
                foreach (var g in goldRows.Where(g => paths.ContainsKey(g.SubjectId)))
                {
                    if (!classes.Contains(g.Label, StringComparer.Ordinal))
                    {
                        unknown++;
                        continue;
                    }

                    labelled[g.SubjectId] = new LabelledSubject(g.SubjectId, campaign.Id, paths[g.SubjectId], g.Label, "gold", 1.0);
                    gold++;
                }
            }

            var method = string.IsNullOrWhiteSpace(campaign.PrimaryConsensusMethod) ? AggregationMethods.Majority : campaign.PrimaryConsensusMethod;
            var stored = await db.ConsensusResults.AsNoTracking().Where(c => c.Method == method && c.Subject!.CampaignId == campaign.Id)
                .Select(c => new { c.SubjectId, c.Label, c.Confidence }).ToListAsync(cancellationToken);
            var fromVotes = stored.Count == 0;
            if (fromVotes)
            {
                var votes = await db.Classifications.AsNoTracking().Where(v => v.Subject!.CampaignId == campaign.Id)
                    .Select(v => new { v.SubjectId, v.VolunteerId, v.Answer }).ToListAsync(cancellationToken);
                if (votes.Count > 0)
                {
                    var set = VoteSet.Create(votes.Select(v => new Vote(v.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        v.VolunteerId.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Answer)), campaign.AnswerChoices);
                    var result = new MajorityVoteAggregator().Aggregate(set, null, cancellationToken);
                    stored = [.. result.Subjects.Select(s => new { SubjectId = long.Parse(s.SubjectId, System.Globalization.CultureInfo.InvariantCulture), s.Label, s.Confidence })];
                }
            }

            int consensus = 0, below = 0;
            var source = fromVotes ? "consensus:majority (from votes)" : "consensus:" + method;
            foreach (var row in stored)
            {
                if (labelled.ContainsKey(row.SubjectId) || !paths.TryGetValue(row.SubjectId, out var path))
                {
                    continue;
                }

                if (!classes.Contains(row.Label, StringComparer.Ordinal))
                {
                    unknown++;
                    continue;
                }

                if (row.Confidence < confidenceThreshold)
                {
                    below++;
                    continue;
                }

                labelled[row.SubjectId] = new LabelledSubject(row.SubjectId, campaign.Id, path, row.Label, source, row.Confidence);
                consensus++;
            }

            subjects.AddRange(labelled.Values.OrderBy(s => s.SubjectId));
            sources.Add(new CampaignLabelSource(campaign.Id, campaign.Name, fromVotes ? AggregationMethods.Majority : method, fromVotes, gold, consensus, below, unknown));
        }

        return new TrainingLabels(classes, subjects, sources);
    }
}
