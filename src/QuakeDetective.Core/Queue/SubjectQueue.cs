using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Queue;

/// <summary>
/// Chooses the next subject for a volunteer: never one they answered, never a retired one, and the one nearest
/// retirement first so that work finishes (then the highest priority, then the oldest).
/// </summary>
public sealed class SubjectQueue(IDbContextFactory<QuakeDbContext> dbFactory)
{
    public async Task<QueuedSubject?> NextAsync(long volunteerId, int? campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = db.Campaigns.Where(c => c.Status == CampaignStatus.Active);
        if (campaignId is not null)
        {
            campaigns = campaigns.Where(c => c.Id == campaignId);
        }

        var campaignIds = await campaigns.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var id in campaignIds)
        {
            var subject = await db.Subjects.AsNoTracking()
                .Where(s => s.CampaignId == id && s.Status == SubjectStatus.Active)
                .Where(s => !db.Classifications.Any(c => c.SubjectId == s.Id && c.VolunteerId == volunteerId))
                .OrderByDescending(s => s.VoteCount)
                .ThenByDescending(s => s.Priority)
                .ThenBy(s => s.Id)
                .Select(s => new { s.Id, s.CampaignId })
                .FirstOrDefaultAsync(cancellationToken);
            if (subject is not null)
            {
                var choices = await db.Campaigns.Where(c => c.Id == id).Select(c => c.AnswerChoices).FirstAsync(cancellationToken);
                return new QueuedSubject(subject.Id, subject.CampaignId, choices);
            }
        }

        return null;
    }
}
