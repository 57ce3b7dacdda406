using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>
/// What the site and the API ask of the ML side: start, cancel and list training runs, promote or roll back a model
/// (which then refreshes the campaign's predictions in the background). The work itself is done by
/// <see cref="LearningWorker"/>, which reads this service's queues.
/// </summary>
public sealed class LearningService(
    IDbContextFactory<QuakeDbContext> dbFactory,
    ModelRegistry registry,
    TrainingNotifier notifier,
    TimeProvider time,
    IOptions<LearningOptions> options,
    ILogger<LearningService> logger)
{
    private readonly Channel<long> _runs = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<int> _refreshes = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<long, TrainingProgress> _live = new();

    internal ChannelReader<long> QueuedRuns => _runs.Reader;

    internal ChannelReader<int> QueuedRefreshes => _refreshes.Reader;

    /// <summary>Queues a retraining for a campaign; it starts when no other run is ahead of it.</summary>
    /// <exception cref="ArgumentException">Unknown campaign or trainer, or a threshold outside 0..1.</exception>
    public async Task<TrainingRun> StartTrainingAsync(int campaignId, TrainingRunSettings settings, string? requestedByUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Trainer is not null && TrainerNames.Normalize(settings.Trainer) is null)
        {
            throw new ArgumentException($"Unknown trainer '{settings.Trainer}'; choose one of: {string.Join(", ", TrainerNames.All)}.");
        }

        if (settings.ConfidenceThreshold is { } t && !(t >= 0 && t <= 1))
        {
            throw new ArgumentException($"The confidence threshold must be between 0 and 1 (got {t}).");
        }

        if (settings.MinLabelsPerClass is < 2)
        {
            throw new ArgumentException($"The minimum of labels per class must be at least 2 (got {settings.MinLabelsPerClass}).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var wanted = settings.CampaignIds.Append(campaignId).Distinct().ToList();
        var found = await db.Campaigns.Where(c => wanted.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var unknown = wanted.Except(found).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"No campaign with id {string.Join(", ", unknown)}.");
        }

        var normalized = settings with
        {
            Trainer = TrainerNames.Normalize(settings.Trainer),
            CampaignIds = settings.CampaignIds.Count == 0 ? [campaignId] : [.. settings.CampaignIds.Distinct()],
        };
        var run = new TrainingRun
        {
            CampaignId = campaignId,
            SettingsJson = LearningJson.Serialize(normalized),
            RequestedByUserId = requestedByUserId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.TrainingRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Queued training run {TrainingRunId} for campaign {CampaignId}", run.Id, campaignId);
        _runs.Writer.TryWrite(run.Id);
        notifier.Publish(new TrainingProgress(run.Id, campaignId, TrainingRunStatus.Queued, run.Stage, 0, null));
        return run;
    }

    /// <summary>Cancels a queued or running run; false when it has already finished or does not exist.</summary>
    public async Task<bool> CancelAsync(long runId, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(runId, out var cts))
        {
            await cts.CancelAsync();
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.TrainingRuns.Where(r => r.Id == runId && r.Status == TrainingRunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, TrainingRunStatus.Cancelled)
                .SetProperty(r => r.Stage, "cancelled")
                .SetProperty(r => r.Message, "Cancelled before it started.")
                .SetProperty(r => r.FinishedAt, now), cancellationToken);
        if (changed > 0)
        {
            var campaignId = await db.TrainingRuns.Where(r => r.Id == runId).Select(r => r.CampaignId).SingleAsync(cancellationToken);
            notifier.Publish(new TrainingProgress(runId, campaignId, TrainingRunStatus.Cancelled, "cancelled", 0, "Cancelled before it started."));
        }

        return changed > 0;
    }

    /// <summary>A run as stored, with the live stage and percent when it is running here.</summary>
    public async Task<TrainingRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.TrainingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run is null ? null : WithLive(run);
    }

    public async Task<IReadOnlyList<TrainingRun>> ListRunsAsync(int? campaignId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.TrainingRuns.AsNoTracking();
        if (campaignId is { } id)
        {
            query = query.Where(r => r.CampaignId == id);
        }

        var runs = await query.OrderByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken);
        return runs.Select(WithLive).ToList();
    }

    /// <summary>A campaign's model versions, newest first.</summary>
    public async Task<IReadOnlyList<ModelVersionSummary>> ListModelsAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking().Where(m => m.CampaignId == campaignId).OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
        return versions.Select(ModelVersionSummary.From).ToList();
    }

    /// <summary>One model version, or null.</summary>
    public async Task<ModelVersionSummary?> GetModelAsync(int modelVersionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelVersionId, cancellationToken);
        return version is null ? null : ModelVersionSummary.From(version);
    }

    /// <summary>Makes a model current for its campaign and refreshes that campaign's predictions and queue priorities in the background.</summary>
    public async Task<ModelVersion> PromoteAsync(int modelVersionId, CancellationToken cancellationToken)
    {
        var version = await registry.PromoteAsync(modelVersionId, cancellationToken);
        if (version.CampaignId is { } campaignId)
        {
            RequestPredictionRefresh(campaignId);
        }

        return version;
    }

    /// <summary>Makes the previously current model current again (and refreshes predictions).</summary>
    public async Task<ModelVersion> RollBackAsync(int campaignId, CancellationToken cancellationToken)
    {
        var version = await registry.RollBackAsync(campaignId, cancellationToken);
        RequestPredictionRefresh(campaignId);
        return version;
    }

    public void RequestPredictionRefresh(int campaignId) => _refreshes.Writer.TryWrite(campaignId);

    /// <summary>Whether the background worker runs in this process (off: runs stay queued).</summary>
    public bool WorkerEnabled => options.Value.WorkerEnabled;

    internal void Enqueue(long runId) => _runs.Writer.TryWrite(runId);

    internal CancellationToken Register(long runId, CancellationToken stopping)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[runId] = cts;
        return cts.Token;
    }

    internal void Unregister(long runId)
    {
        if (_running.TryRemove(runId, out var cts))
        {
            cts.Dispose();
        }

        _live.TryRemove(runId, out _);
    }

    internal void Report(TrainingProgress progress)
    {
        if (progress.RunId != 0)
        {
            _live[progress.RunId] = progress;
        }

        notifier.Publish(progress);
    }

    private TrainingRun WithLive(TrainingRun run)
    {
        if (run.Status == TrainingRunStatus.Running && _live.TryGetValue(run.Id, out var live))
        {
            run.Stage = live.Stage;
            run.Percent = live.Percent;
        }

        return run;
    }
}
