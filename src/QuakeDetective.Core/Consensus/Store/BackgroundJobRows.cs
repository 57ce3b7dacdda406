using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>Small writes of a <see cref="BackgroundJob"/> row's state, each in its own short operation.</summary>
public static class BackgroundJobRows
{
    /// <summary>Claims a queued job (queued → running); false when it is no longer queued (cancelled, or taken by another runner).</summary>
    public static async Task<bool> ClaimAsync(IDbContextFactory<QuakeDbContext> dbFactory, long jobId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundJobs.Where(j => j.Id == jobId && j.Status == BackgroundJobStatus.Queued).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, BackgroundJobStatus.Running)
            .SetProperty(j => j.StartedAt, now)
            .SetProperty(j => j.Stage, "starting")
            .SetProperty(j => j.Percent, 0), cancellationToken) > 0;
    }

    public static async Task ProgressAsync(IDbContextFactory<QuakeDbContext> dbFactory, long jobId, string stage, double percent, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clamped = Math.Clamp(percent, 0, 100);
        var shortStage = stage.Length > 100 ? stage[..100] : stage;
        await db.BackgroundJobs.Where(j => j.Id == jobId && j.Status == BackgroundJobStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Stage, shortStage)
            .SetProperty(j => j.Percent, clamped), cancellationToken);
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

    /// <summary>Final state; never cancelled itself, so that a cancelled job can still say so.</summary>
    public static async Task FinishAsync(
        IDbContextFactory<QuakeDbContext> dbFactory,
        long jobId,
        BackgroundJobStatus status,
        string stage,
        string? message,
        string? resultPath,
        DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var shortMessage = message is { Length: > 8000 } ? message[..8000] : message;
        await db.BackgroundJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Stage, stage)
            .SetProperty(j => j.Percent, j => status == BackgroundJobStatus.Succeeded ? 100 : j.Percent)
            .SetProperty(j => j.Message, shortMessage)
            .SetProperty(j => j.ResultPath, resultPath)
            .SetProperty(j => j.FinishedAt, now), CancellationToken.None);
    }

    /// <summary>Jobs of a kind left running by a previous process can never finish: say so (queued ones simply run now).</summary>
    public static async Task<int> MarkInterruptedAsync(IDbContextFactory<QuakeDbContext> dbFactory, string kind, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundJobs
            .Where(j => j.Kind == kind && j.Status == BackgroundJobStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, BackgroundJobStatus.Interrupted)
                .SetProperty(j => j.Stage, "interrupted")
                .SetProperty(j => j.Message, "The site stopped before this job finished; start it again.")
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
    }
}
