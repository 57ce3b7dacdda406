using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Jobs;

/// <summary>
/// Claims queued work for this instance with one conditional UPDATE (queued → running, owner, heartbeat): the database
/// decides, so of several instances trying at once exactly one sees "1 row affected". The returned heartbeat keeps the
/// claim alive while the job runs.
/// </summary>
public sealed class JobClaims(
    IDbContextFactory<QuakeDbContext> dbFactory,
    InstanceIdentity identity,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<JobClaims> logger)
{
    public string Owner => identity.Owner;

    /// <summary>Claims a queued background job of a kind; null when it is not queued any more (cancelled, or another instance took it).</summary>
    public async Task<JobHeartbeat?> ClaimJobAsync(long jobId, string kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var owner = identity.Owner;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.BackgroundJobs.Where(j => j.Id == jobId && j.Kind == kind && j.Status == BackgroundJobStatus.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, BackgroundJobStatus.Running)
                .SetProperty(j => j.Owner, owner)
                .SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.Stage, "starting")
                .SetProperty(j => j.Percent, 0), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }

        logger.LogInformation("Claimed {Kind} job {JobId} as {Owner}", kind, jobId, owner);
        return new JobHeartbeat(jobId, owner, options.Value.Heartbeat, time, (beat, ct) => BeatJobAsync(jobId, owner, beat, ct), logger);
    }

    /// <summary>Claims a queued training run; null when it is not queued any more.</summary>
    public async Task<JobHeartbeat?> ClaimTrainingRunAsync(long runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var owner = identity.Owner;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.TrainingRuns.Where(r => r.Id == runId && r.Status == TrainingRunStatus.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, TrainingRunStatus.Running)
                .SetProperty(r => r.Owner, owner)
                .SetProperty(r => r.HeartbeatAt, now)
                .SetProperty(r => r.StartedAt, now)
                .SetProperty(r => r.Stage, "starting"), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }

        logger.LogInformation("Claimed training run {TrainingRunId} as {Owner}", runId, owner);
        return new JobHeartbeat(runId, owner, options.Value.Heartbeat, time, (beat, ct) => BeatRunAsync(runId, owner, beat, ct), logger);
    }

    private async Task<int> BeatJobAsync(long jobId, string owner, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundJobs.Where(j => j.Id == jobId && j.Owner == owner && j.Status == BackgroundJobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), cancellationToken);
    }

    private async Task<int> BeatRunAsync(long runId, string owner, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TrainingRuns.Where(r => r.Id == runId && r.Owner == owner && r.Status == TrainingRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), cancellationToken);
    }
}
