using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>
/// Runs queued trainings one at a time (so at most one per campaign; the others wait in order) and, separately,
/// prediction refreshes after promotions. At start-up, runs left "running" by a stopped process are marked
/// Interrupted — the current model keeps serving — and queued runs are picked up again.
/// </summary>
public sealed class LearningWorker(
    LearningService service,
    TrainingPipeline pipeline,
    Prediction.PredictionRefresher refresher,
    IDbContextFactory<QuakeDbContext> dbFactory,
    TimeProvider time,
    ILogger<LearningWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!service.WorkerEnabled)
        {
            return;
        }

        await Task.Yield();
        try
        {
            await RecoverAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not recover training runs at start-up");
        }

        await Task.WhenAll(TrainingLoopAsync(stoppingToken), RefreshLoopAsync(stoppingToken));
    }

    /// <summary>Marks runs a previous process left running as interrupted and queues the waiting ones again.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var interrupted = await db.TrainingRuns.Where(r => r.Status == TrainingRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, TrainingRunStatus.Interrupted)
                .SetProperty(r => r.Stage, "interrupted")
                .SetProperty(r => r.Message, "Interrupted by a restart of the site; the current model kept serving. Start the run again.")
                .SetProperty(r => r.FinishedAt, now), cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("Marked {RunCount} training runs interrupted by a restart", interrupted);
        }

        foreach (var id in await db.TrainingRuns.Where(r => r.Status == TrainingRunStatus.Queued).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken))
        {
            service.Enqueue(id);
        }

        // Subjects imported while the site was down have no prediction from the current model yet.
        var stale = await db.ModelVersions.Where(m => m.IsCurrent && m.CampaignId != null)
            .Where(m => db.Subjects.Any(s => s.CampaignId == m.CampaignId && s.Status == SubjectStatus.Active &&
                                             !db.Predictions.Any(p => p.SubjectId == s.Id && p.ModelVersionId == m.Id)))
            .Select(m => m.CampaignId!.Value).Distinct().ToListAsync(cancellationToken);
        foreach (var campaignId in stale)
        {
            service.RequestPredictionRefresh(campaignId);
        }
    }

    private async Task TrainingLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var runId in service.QueuedRuns.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunOneAsync(runId, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Training run {TrainingRunId} failed unexpectedly", runId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var campaignId in service.QueuedRefreshes.ReadAllAsync(stoppingToken))
            {
                try
                {
                    service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Running, "storing predictions", 0, null));
                    var count = await refresher.RefreshAsync(campaignId,
                        share => service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Running, "storing predictions", 100 * share, null)),
                        stoppingToken);
                    service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Succeeded, "predictions stored", 100, $"Priority set on {count} active subjects."));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Storing predictions for campaign {CampaignId} failed", campaignId);
                    service.Report(new TrainingProgress(0, campaignId, TrainingRunStatus.Failed, "predictions failed", 0, ex.Message));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOneAsync(long runId, CancellationToken stoppingToken)
    {
        TrainingRun? run;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var claimed = await db.TrainingRuns.Where(r => r.Id == runId && r.Status == TrainingRunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, TrainingRunStatus.Running)
                    .SetProperty(r => r.Stage, "starting")
                    .SetProperty(r => r.StartedAt, now), stoppingToken);
            if (claimed == 0)
            {
                return; // cancelled while waiting, or already taken
            }

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
            logger.LogWarning("Training run {TrainingRunId} failed: {Reason}", runId, ex.Message);
        }
        catch (Exception ex)
        {
            status = TrainingRunStatus.Failed;
            message = "Training failed: " + ex.Message;
            logger.LogError(ex, "Training run {TrainingRunId} failed", runId);
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
            await db.TrainingRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Stage, stage)
                .SetProperty(r => r.Percent, percent)
                .SetProperty(r => r.Message, message.Length > 4000 ? message[..4000] : message)
                .SetProperty(r => r.ModelVersionId, modelVersionId)
                .SetProperty(r => r.FinishedAt, now), CancellationToken.None);
            service.Report(new TrainingProgress(runId, campaignId, status, stage, percent, message));
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
            logger.LogWarning(ex, "Could not write progress of training run {TrainingRunId}", runId);
        }
    }
}
