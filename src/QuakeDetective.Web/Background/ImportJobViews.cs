using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Background;

/// <summary>Reads import jobs for the admin pages.</summary>
public sealed class ImportJobViews(IDbContextFactory<QuakeDbContext> dbFactory)
{
    public async Task<ImportJobView?> GetAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.Kind == ImportJobService.Kind, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var views = await ToViewAsync(db, [job], cancellationToken);
        return views[0];
    }

    public async Task<IReadOnlyList<ImportJobView>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.BackgroundJobs.AsNoTracking().Where(j => j.Kind == ImportJobService.Kind)
            .OrderByDescending(j => j.Id).Take(count).ToListAsync(cancellationToken);
        return await ToViewAsync(db, jobs, cancellationToken);
    }

    private static async Task<IReadOnlyList<ImportJobView>> ToViewAsync(QuakeDbContext db, List<BackgroundJob> jobs, CancellationToken cancellationToken)
    {
        var ids = jobs.Where(j => j.CampaignId is not null).Select(j => j.CampaignId!.Value).Distinct().ToList();
        var names = await db.Campaigns.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return jobs.Select(j =>
        {
            ImportJobParameters? p = null;
            try
            {
                p = JsonSerializer.Deserialize<ImportJobParameters>(j.ParametersJson, ImportJobService.Json);
            }
            catch (JsonException)
            {
            }

            var name = j.CampaignId is { } id && names.TryGetValue(id, out var n) ? n : p?.CampaignName ?? "?";
            return new ImportJobView(j.Id, j.CampaignId, name, p?.Description ?? "", j.Status, j.Stage, j.Percent, j.Message, j.CreatedAt, j.FinishedAt, j.ResultPath);
        }).ToList();
    }
}
