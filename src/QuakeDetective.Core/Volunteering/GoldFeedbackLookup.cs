using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Volunteering;

/// <summary>Finds the expert label of a subject after a volunteer answered it, so that the page can explain it.</summary>
public sealed class GoldFeedbackLookup(IDbContextFactory<QuakeDbContext> dbFactory)
{
    /// <summary>Feedback for <paramref name="answer"/> on <paramref name="subjectId"/>, or null when the subject has no expert label.</summary>
    public async Task<GoldFeedback?> FindAsync(long subjectId, string answer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var gold = await db.GoldLabels.AsNoTracking().Where(g => g.SubjectId == subjectId)
            .Select(g => new { g.Label, g.Explanation })
            .FirstOrDefaultAsync(cancellationToken);
        return gold is null ? null : new GoldFeedback(subjectId, gold.Label, gold.Explanation.Trim(), answer);
    }
}
