using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Classifications;

/// <summary>
/// Retirement by hand, by a scientist from the subject page. Retiring takes a subject out of every queue at once.
/// Un-retiring puts it back and keeps it there (status Active with reason ByHand): the automatic rule would
/// otherwise retire it again on the next vote, since its votes already meet the rule; a scientist retires it
/// again by hand when it has enough.
/// </summary>
public sealed class SubjectRetirementService(
    IDbContextFactory<QuakeDbContext> dbFactory,
    TimeProvider time,
    SubjectStatusNotifier notifier,
    ILogger<SubjectRetirementService> logger)
{
    /// <summary>Retires a subject by hand; false when it does not exist.</summary>
    public async Task<bool> RetireAsync(long subjectId, string? userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var campaignId = await db.Subjects.Where(s => s.Id == subjectId).Select(s => (int?)s.CampaignId).FirstOrDefaultAsync(cancellationToken);
        if (campaignId is null)
        {
            return false;
        }

        await db.Subjects.Where(s => s.Id == subjectId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, SubjectStatus.Retired)
            .SetProperty(s => s.RetirementReason, RetirementReason.ByHand)
            .SetProperty(s => s.RetiredAt, now), cancellationToken);
        logger.LogInformation("Subject {SubjectId} retired by hand by {UserId}", subjectId, userId);
        notifier.Publish(new SubjectStatusChange(subjectId, campaignId.Value, SubjectStatus.Retired, RetirementReason.ByHand));
        return true;
    }

    /// <summary>Puts a subject back in the queue and keeps it there until it is retired by hand; false when it does not exist.</summary>
    public async Task<bool> UnretireAsync(long subjectId, string? userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaignId = await db.Subjects.Where(s => s.Id == subjectId).Select(s => (int?)s.CampaignId).FirstOrDefaultAsync(cancellationToken);
        if (campaignId is null)
        {
            return false;
        }

        await db.Subjects.Where(s => s.Id == subjectId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, SubjectStatus.Active)
            .SetProperty(s => s.RetirementReason, RetirementReason.ByHand)
            .SetProperty(s => s.RetiredAt, (DateTime?)null), cancellationToken);
        logger.LogInformation("Subject {SubjectId} put back in the queue by hand by {UserId}", subjectId, userId);
        notifier.Publish(new SubjectStatusChange(subjectId, campaignId.Value, SubjectStatus.Active, RetirementReason.ByHand));
        return true;
    }
}
