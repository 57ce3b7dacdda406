using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Endpoints;

/// <summary>A background job as the API shows it.</summary>
public sealed record JobStatus(
    long JobId,
    string Kind,
    int? CampaignId,
    string Status,
    string Stage,
    double Percent,
    string? Message,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? DownloadUrl)
{
    public static async Task<JobStatus?> FindAsync(IDbContextFactory<QuakeDbContext> dbFactory, long jobId, string kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.Kind == kind, cancellationToken);
        return job is null ? null : From(job);
    }

    public static JobStatus From(BackgroundJob job) => new(
        job.Id,
        job.Kind,
        job.CampaignId,
        job.Status.ToString().ToLowerInvariant(),
        job.Stage,
        Math.Round(job.Percent, 1),
        job.Message,
        job.CreatedAt,
        job.StartedAt,
        job.FinishedAt,
        job.Kind == Core.Exports.ExportJobs.Kind && job.Status == BackgroundJobStatus.Succeeded ? $"/api/exports/{job.Id}/file" : null);
}
