using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Background;

/// <summary>
/// Import jobs: creates the BackgroundJob row and wakes <see cref="ImportWorker"/> (a worker instance finds it by
/// polling), cancels queued jobs or ones running in this process, and relays progress to <see cref="ImportJobNotifier"/>.
/// </summary>
public sealed class ImportJobService(IDbContextFactory<QuakeDbContext> dbFactory, ImportJobNotifier notifier, TimeProvider time)
{
    public const string Kind = "import";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    /// <summary>Set when a job is queued in this process, so that the worker starts it at once.</summary>
    public JobSignal Signal { get; } = new();

    public async Task<long> EnqueueAsync(ImportJobParameters parameters, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaignId = await db.Campaigns.Where(c => c.Name == parameters.CampaignName).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var job = new BackgroundJob
        {
            Kind = Kind,
            CampaignId = campaignId,
            ParametersJson = JsonSerializer.Serialize(parameters, Json),
            RequestedByUserId = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Message = $"Waiting to import {parameters.Description} into '{parameters.CampaignName}'.",
        };
        db.BackgroundJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        Signal.Set();
        Report(new ImportJobUpdate(job.Id, campaignId, BackgroundJobStatus.Queued, "queued", 0, 0, 0, 0, null, job.Message));
        return job.Id;
    }

    /// <summary>Cancels a job running in this process (files already committed stay) or marks a queued one cancelled; false otherwise.</summary>
    public async Task<bool> CancelAsync(long jobId, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(jobId, out var cts))
        {
            await cts.CancelAsync();
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.BackgroundJobs.Where(j => j.Id == jobId && j.Kind == Kind && j.Status == BackgroundJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BackgroundJobStatus.Cancelled)
                .SetProperty(j => j.Stage, "cancelled")
                .SetProperty(j => j.Message, "Cancelled before it started; nothing was imported.")
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
        if (changed > 0)
        {
            Report(new ImportJobUpdate(jobId, null, BackgroundJobStatus.Cancelled, "cancelled", 0, 0, 0, 0, null, "Cancelled before it started; nothing was imported."));
        }

        return changed > 0;
    }

    public void Report(ImportJobUpdate update) => notifier.Publish(update);

    internal CancellationToken Register(long jobId, CancellationToken stoppingToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[jobId] = cts;
        return cts.Token;
    }

    internal void Unregister(long jobId)
    {
        if (_running.TryRemove(jobId, out var cts))
        {
            cts.Dispose();
        }
    }
}
