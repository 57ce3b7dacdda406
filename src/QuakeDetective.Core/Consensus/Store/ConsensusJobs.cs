using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Jobs;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// Consensus recomputations as <see cref="BackgroundJob"/> rows (kind "consensus"): queued on demand or by the
/// schedule, run by whichever instance claims them first, their stage and percent visible while they run.
/// </summary>
public sealed class ConsensusJobs(
    IDbContextFactory<QuakeDbContext> dbFactory,
    ConsensusRecomputer recomputer,
    DawidSkeneSnapshotStore snapshots,
    JobClaims claims,
    TimeProvider time,
    ILogger<ConsensusJobs> logger)
{
    public const string Kind = "consensus";

    /// <summary>Set when a job is queued here, so the runner starts it at once.</summary>
    public JobSignal Signal { get; } = new();

    /// <summary>Queues a recompute of a campaign, or returns the one already queued or running. Null when the campaign does not exist.</summary>
    public async Task<long?> EnqueueAsync(int campaignId, string? userId, string reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return null;
        }

        var pending = await db.BackgroundJobs
            .Where(j => j.Kind == Kind && j.CampaignId == campaignId && (j.Status == BackgroundJobStatus.Queued || j.Status == BackgroundJobStatus.Running))
            .OrderBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(cancellationToken);
        if (pending is not null)
        {
            return pending;
        }

        var job = new BackgroundJob
        {
            Kind = Kind,
            CampaignId = campaignId,
            Stage = "queued",
            ParametersJson = System.Text.Json.JsonSerializer.Serialize(new { reason }),
            RequestedByUserId = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.BackgroundJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        Signal.Set();
        return job.Id;
    }

    /// <summary>Queued jobs, oldest first.</summary>
    public Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken) =>
        BackgroundJobRows.QueuedAsync(dbFactory, Kind, cancellationToken);

    /// <summary>Campaigns a scheduled run should look at (those with an active status).</summary>
    public async Task<IReadOnlyList<int>> ScheduledCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.Where(c => c.Status != CampaignStatus.Finished).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>True when the campaign has votes or gold the last Dawid–Skene run did not see.</summary>
    public async Task<bool> IsDueAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Classifications.AnyAsync(c => c.Subject!.CampaignId == campaignId, cancellationToken))
        {
            return false;
        }

        var snapshot = await snapshots.ReadAsync(campaignId, cancellationToken);
        return snapshot is null || snapshot.Fingerprint != await CampaignVoteLoader.FingerprintAsync(db, campaignId, cancellationToken);
    }

    /// <summary>Runs a queued job to its end; the job row says how it went (this never throws for a failed recompute).</summary>
    public async Task RunAsync(long jobId, CancellationToken cancellationToken)
    {
        int? campaignId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            campaignId = await db.BackgroundJobs.Where(j => j.Id == jobId && j.Kind == Kind && j.Status == BackgroundJobStatus.Queued)
                .Select(j => j.CampaignId).FirstOrDefaultAsync(cancellationToken);
        }

        if (campaignId is null)
        {
            return;
        }

        await using var claim = await claims.ClaimJobAsync(jobId, Kind, cancellationToken);
        if (claim is null)
        {
            return; // cancelled while queued, or another instance took it
        }

        var progress = new ThrottledJobProgress(dbFactory, jobId, time);
        try
        {
            var summary = await recomputer.RunAsync(campaignId.Value, new InlineProgress<RecomputeProgress>(p => progress.Report(p.Stage, p.Percent)), cancellationToken);
            await progress.FlushAsync();
            await BackgroundJobRows.FinishAsync(dbFactory, jobId, claim.Owner, BackgroundJobStatus.Succeeded, "done", summary.ToString(), null, time.GetUtcNow().UtcDateTime);
        }
        catch (OperationCanceledException)
        {
            await progress.FlushAsync();
            await BackgroundJobRows.FinishAsync(dbFactory, jobId, claim.Owner, BackgroundJobStatus.Cancelled, "cancelled", "Cancelled before the end; the rows written so far are kept.", null, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or ArgumentException or IOException)
        {
            logger.LogError(ex, "Consensus recompute {JobId} of campaign {CampaignId} failed", jobId, campaignId);
            await progress.FlushAsync();
            await BackgroundJobRows.FinishAsync(dbFactory, jobId, claim.Owner, BackgroundJobStatus.Failed, "failed", ex.Message, null, time.GetUtcNow().UtcDateTime);
        }
    }
}
