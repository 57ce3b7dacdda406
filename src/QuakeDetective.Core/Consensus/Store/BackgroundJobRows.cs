using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>Small writes of a <see cref="BackgroundJob"/> row's state, each in its own short operation (claims: <see cref="Jobs.JobClaims"/>).</summary>
public static class BackgroundJobRows
{
    public static async Task ProgressAsync(IDbContextFactory<QuakeDbContext> dbFactory, long jobId, string stage, double percent, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clamped = Math.Clamp(percent, 0, 100);
        var shortStage = stage.Length > 100 ? stage[..100] : stage;
        await db.BackgroundJobs.Where(j => j.Id == jobId && j.Status == BackgroundJobStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Stage, shortStage)
            .SetProperty(j => j.Percent, clamped), cancellationToken);
    }

    /// <summary>The queued jobs of one kind, oldest first.</summary>
    public static async Task<IReadOnlyList<long>> QueuedAsync(IDbContextFactory<QuakeDbContext> dbFactory, string kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundJobs.Where(j => j.Kind == kind && j.Status == BackgroundJobStatus.Queued)
            .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Cancels a job that has not started yet; false when it is not queued.</summary>
    public static async Task<bool> CancelQueuedAsync(IDbContextFactory<QuakeDbContext> dbFactory, long jobId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundJobs.Where(j => j.Id == jobId && j.Status == BackgroundJobStatus.Queued).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, BackgroundJobStatus.Cancelled)
            .SetProperty(j => j.Stage, "cancelled")
            .SetProperty(j => j.Message, "Cancelled before it started.")
            .SetProperty(j => j.FinishedAt, now), cancellationToken) > 0;
    }

    /// <summary>
    /// Final state, written only while the row is still this owner's (a job another instance declared abandoned keeps
    /// saying so); never cancelled itself, so that a cancelled job can still say so.
    /// </summary>
    public static async Task FinishAsync(
        IDbContextFactory<QuakeDbContext> dbFactory,
        long jobId,
        string owner,
        BackgroundJobStatus status,
        string stage,
        string? message,
        string? resultPath,
        DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var shortMessage = message is { Length: > 8000 } ? message[..8000] : message;
        await db.BackgroundJobs.Where(j => j.Id == jobId && j.Owner == owner && j.Status == BackgroundJobStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Stage, stage)
            .SetProperty(j => j.Percent, j => status == BackgroundJobStatus.Succeeded ? 100 : j.Percent)
            .SetProperty(j => j.Message, shortMessage)
            .SetProperty(j => j.ResultPath, resultPath)
            .SetProperty(j => j.FinishedAt, now), CancellationToken.None);
    }
}
