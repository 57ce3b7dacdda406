using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Volunteering;

/// <summary>
/// The teaching examples (<see cref="TeachingExamples"/>) of a campaign for the tutorial and field guide. A campaign
/// without expert labels borrows those of the demo campaign (or of any campaign that has some).
/// </summary>
public sealed class ExampleLibrary(IDbContextFactory<QuakeDbContext> dbFactory, SubjectDetailsLookup details)
{
    public async Task<ExampleSet> GetAsync(int? campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = await db.Campaigns.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.IsDemo,
                c.Status,
                c.AnswerChoices,
                HasGold = db.GoldLabels.Any(g => g.Subject!.CampaignId == c.Id),
            })
            .ToListAsync(cancellationToken);
        var requested = campaignId is null
            ? campaigns.Where(c => c.Status == CampaignStatus.Active).OrderBy(c => c.Id).FirstOrDefault()
            : campaigns.FirstOrDefault(c => c.Id == campaignId);
        var source = requested is { HasGold: true }
            ? requested
            : campaigns.Where(c => c.HasGold).OrderByDescending(c => c.IsDemo).ThenByDescending(c => c.Status == CampaignStatus.Active).ThenBy(c => c.Id).FirstOrDefault();
        var choices = requested?.AnswerChoices ?? source?.AnswerChoices ?? [.. DefaultAnswers.All];
        if (source is null)
        {
            return ExampleSet.Empty(choices);
        }

        var gold = await db.GoldLabels.AsNoTracking()
            .Where(g => g.Subject!.CampaignId == source.Id)
            .Select(g => new { g.SubjectId, g.Label, g.Explanation })
            .ToListAsync(cancellationToken);
        var exampleIds = TeachingExamples.Select(gold.Select(g => (g.SubjectId, g.Label)));
        var chosen = gold.Where(g => exampleIds.Contains(g.SubjectId)).ToList();
        var subjects = (await details.GetManyAsync(chosen.Select(g => g.SubjectId).ToList(), cancellationToken)).ToDictionary(s => s.SubjectId);
        var order = choices.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var examples = chosen
            .Where(g => subjects.ContainsKey(g.SubjectId))
            .OrderBy(g => order.GetValueOrDefault(g.Label, int.MaxValue)).ThenBy(g => g.SubjectId)
            .Select(g => new ClassExample(g.Label, g.Explanation.Trim(), subjects[g.SubjectId]))
            .ToList();
        return new ExampleSet(source.Id, source.Name, requested is not null && requested.Id != source.Id, choices, examples);
    }
}
