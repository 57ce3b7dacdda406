using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>The model whose predictions a campaign shows and exports: its own current model, else a current model tied to no campaign.</summary>
public static class CurrentModel
{
    public static Task<int?> IdAsync(QuakeDbContext db, int campaignId, CancellationToken cancellationToken) =>
        db.ModelVersions.AsNoTracking()
            .Where(m => m.IsCurrent && (m.CampaignId == campaignId || m.CampaignId == null))
            .OrderBy(m => m.CampaignId == null)
            .ThenByDescending(m => m.Id)
            .Select(m => (int?)m.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
