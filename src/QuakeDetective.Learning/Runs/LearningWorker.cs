using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Jobs;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>
/// Runs queued trainings one at a time per instance (claimed in the database, so that of several workers exactly one
/// runs each; the others wait in order) and, separately, prediction refreshes after promotions (held under a lease
/// per campaign). Runs an instance left running when it died are marked Interrupted — the current model keeps
/// serving — by its next life at once or by any instance once their heartbeat is older than the lease.
/// </summary>
public sealed class LearningWorker(
    LearningService service,
    TrainingPipeline pipeline,
    Prediction.PredictionRefresher refresher,
    JobClaims claims,
    JobSweeper sweeper,
    InstanceLeases leases,
    IDbContextFactory<QuakeDbContext> dbFactory,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<LearningWorker> logger) : PollingJobWorker(sweeper, options, logger)
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>A model promoted on another instance is noticed (its predictions missing) within this time.</summary>
    private static readonly TimeSpan StaleCheckInterval = TimeSpan.FromSeconds(10);

    /// <summary>Campaigns whose predictions this process is storing now (the stale check must not queue them again).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> _refreshing = new();

    protected override string WorkerName => "training";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!service.WorkerEnabled)
        {
            return;
        }

        await Task.Yield();
        await RecoverLoggedAsync(stoppingToken);
        await Task.WhenAll(RunQueueAsync(stoppingToken), RefreshLoopAsync(stoppingToken), StaleCheckLoopAsync(stoppingToken));
    }

    /// <summary>Marks abandoned runs interrupted and asks for predictions where the current model has none yet.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await Sweeper.SweepAsync(cancellationToken);
        await RequestStaleRefreshesAsync(cancellationToken);
    }

    protected override Task RecoverCoreAsync(CancellationToken cancellationToken) => RecoverAsync(cancellationToken);

    protected override async Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TrainingRuns.Where(r => r.Status == TrainingRunStatus.Queued).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Runs queued in this process arrive through the service's queue; others are found by polling.</summary>
    protected override async Task WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await service.QueuedRuns.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        while (service.QueuedRuns.TryRead(out _))
        {
        }
    }

    /// <summary>Subjects imported while no worker ran, or a model promoted on a web instance, have no prediction from the current model yet.</summary>
    private async Task RequestStaleRefreshesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stale = await db.ModelVersions.Where(m => m.IsCurrent && m.CampaignId != null)
            .Where(m => db.Subjects.Any(s => s.CampaignId == m.CampaignId && s.Status == SubjectStatus.Active &&
                                             !db.Predictions.Any(p => p.SubjectId == s.Id && p.ModelVersionId == m.Id)))
            .Select(m => m.CampaignId!.Value).Distinct().ToListAsync(cancellationToken);
        foreach (var campaignId in stale.Where(c => !_refreshing.ContainsKey(c)))
        {
            service.RequestPredictionRefresh(campaignId);
        }
    }

    private async Task StaleCheckLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(StaleCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RequestStaleRefreshesAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Logger.LogWarning(ex, "Could not look for campaigns whose predictions are missing");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var campaignId in service.QueuedRefreshes.ReadAllAsync(stoppingToken))
            {
                var lease = "predictions-" + campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    _refreshing[campaignId] = true;
                    if (!await leases.TryAcquireAsync(lease, Jobs.Lease, stoppingToken))
                    {
                        continue; // another instance is storing them; the stale check asks again if it dies
                    }

                    service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Running, "storing predictions", 0, null));
                    var count = await refresher.RefreshAsync(campaignId,
                        share => service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Running, "storing predictions", 100 * share, null)),
                        stoppingToken);
                    service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Succeeded, "predictions stored", 100, $"Priority set on {count} active subjects."));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Logger.LogError(ex, "Storing predictions for campaign {CampaignId} failed", campaignId);
                    service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Failed, "predictions failed", 0, ex.Message));
                }
                finally
                {
                    _refreshing.TryRemove(campaignId, out _);
                    await ReleaseQuietlyAsync(lease);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    protected override async Task RunOneAsync(long runId, CancellationToken stoppingToken)
    {
        await using var claim = await claims.ClaimTrainingRunAsync(runId, stoppingToken);
        if (claim is null)
        {
            return; // cancelled while waiting, or another instance took it
        }

        TrainingRun run;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            run = await db.TrainingRuns.AsNoTracking().SingleAsync(r => r.Id == runId, stoppingToken);
        }

        var campaignId = run.CampaignId;
        var token = service.Register(runId, stoppingToken);
        var latest = new TrainingProgress(runId, campaignId, TrainingRunStatus.Running, "starting", 0, null);
        service.Report(latest);
        using var flushStop = new CancellationTokenSource();
        var flusher = FlushProgressAsync(runId, () => Volatile.Read(ref latest), flushStop.Token);
        TrainingRunStatus status;
        string message;
        int? modelVersionId = null;
        try
        {
            if (campaignId is not { } id)
            {
                throw new InvalidOperationException("The run names no campaign.");
            }

            var settings = LearningJson.Deserialize<TrainingRunSettings>(run.SettingsJson) ?? new TrainingRunSettings();
            var outcome = await pipeline.RunAsync(id, settings, (stage, percent) =>
            {
                var update = new TrainingProgress(runId, campaignId, TrainingRunStatus.Running, stage, Math.Round(percent, 1), null);
                Volatile.Write(ref latest, update);
                service.Report(update);
            }, token);
            modelVersionId = outcome.ModelVersion.Id;
            status = TrainingRunStatus.Succeeded;
            var m = outcome.Evaluation.Metrics;
            message = FormattableString.Invariant(
                $"Model {outcome.ModelVersion.Name}: accuracy {m.Accuracy:0.000}, macro-F1 {m.MacroF1:0.000} ({m.Evaluation}, {outcome.Summary.LabelledSubjects} labelled subjects).");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status = TrainingRunStatus.Interrupted;
            message = "Interrupted because the site stopped; the current model kept serving. Start the run again.";
        }
        catch (OperationCanceledException)
        {
            status = TrainingRunStatus.Cancelled;
            message = "Cancelled by an admin; the current model kept serving.";
        }
        catch (Exception ex) when (ex is TooFewLabelsException or ArgumentException or InvalidOperationException or InvalidDataException)
        {
            status = TrainingRunStatus.Failed;
            message = ex.Message;
            Logger.LogWarning("Training run {TrainingRunId} failed: {Reason}", runId, ex.Message);
        }
        catch (Exception ex)
        {
            status = TrainingRunStatus.Failed;
            message = "Training failed: " + ex.Message;
            Logger.LogError(ex, "Training run {TrainingRunId} failed", runId);
        }
        finally
        {
            await flushStop.CancelAsync();
            await flusher;
            service.Unregister(runId);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var percent = status == TrainingRunStatus.Succeeded ? 100 : latest.Percent;
            var stage = status switch
            {
                TrainingRunStatus.Succeeded => "finished",
                TrainingRunStatus.Cancelled => "cancelled",
                TrainingRunStatus.Interrupted => "interrupted",
                _ => "failed",
            };
            var owner = claim.Owner;
            await db.TrainingRuns.Where(r => r.Id == runId && r.Owner == owner && r.Status == TrainingRunStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Stage, stage)
                .SetProperty(r => r.Percent, percent)
                .SetProperty(r => r.Message, message.Length > 4000 ? message[..4000] : message)
                .SetProperty(r => r.ModelVersionId, modelVersionId)
                .SetProperty(r => r.FinishedAt, now), CancellationToken.None);
            service.Report(new TrainingProgress(runId, campaignId, status, stage, percent, message));
        }
    }

    private async Task ReleaseQuietlyAsync(string lease)
    {
        try
        {
            await leases.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Could not release lease {Lease}; it expires by itself", lease);
        }
    }

    /// <summary>Writes the latest stage and percent to the run's row every second, so the API and other instances see it.</summary>
    private async Task FlushProgressAsync(long runId, Func<TrainingProgress> latest, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        var written = (Stage: "", Percent: -1.0);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var p = latest();
                if ((p.Stage, p.Percent) == written)
                {
                    continue;
                }

                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await db.TrainingRuns.Where(r => r.Id == runId && r.Status == TrainingRunStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stage, p.Stage).SetProperty(r => r.Percent, p.Percent), cancellationToken);
                written = (p.Stage, p.Percent);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (DbUpdateException ex)
        {
            Logger.LogWarning(ex, "Could not write progress of training run {TrainingRunId}", runId);
        }
    }
}
