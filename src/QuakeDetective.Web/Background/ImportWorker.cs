using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Import;
using QuakeDetective.Core.Jobs;
using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Web.Background;

/// <summary>
/// Runs queued import jobs one at a time on whichever instance claims them first: progress goes to the notifier (live
/// page) and, once a second, to the job's row; the full result is saved as JSON. Jobs an instance left running when it
/// died are marked Interrupted (by its next life at once, or by any instance once their heartbeat is older than the
/// lease; files committed before the stop stay imported, importing again adds only the rest); queued jobs run.
/// </summary>
public sealed class ImportWorker(
    ImportJobService jobs,
    ImportService importer,
    ImportReportStore reports,
    JobClaims claims,
    JobSweeper sweeper,
    IDbContextFactory<QuakeDbContext> dbFactory,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<ImportWorker> logger) : PollingJobWorker(sweeper, options, logger)
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    protected override string WorkerName => ImportJobService.Kind;

    /// <summary>Marks abandoned jobs interrupted and wakes the loop for the queued ones (also what start-up does).</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await Sweeper.SweepAsync(cancellationToken);
        jobs.Signal.Set();
    }

    protected override Task RecoverCoreAsync(CancellationToken cancellationToken) => RecoverAsync(cancellationToken);

    protected override async Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundJobs.Where(j => j.Kind == ImportJobService.Kind && j.Status == BackgroundJobStatus.Queued)
            .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
    }

    protected override Task WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken) => jobs.Signal.WaitAsync(timeout, cancellationToken);

    protected override async Task RunOneAsync(long jobId, CancellationToken stoppingToken)
    {
        await using var claim = await claims.ClaimJobAsync(jobId, ImportJobService.Kind, stoppingToken);
        if (claim is null)
        {
            return; // cancelled while waiting, or another instance took it
        }

        BackgroundJob job;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            job = await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, stoppingToken);
        }

        var parameters = JsonSerializer.Deserialize<ImportJobParameters>(job.ParametersJson, ImportJobService.Json);
        var token = jobs.Register(jobId, stoppingToken);
        var latest = new ImportJobUpdate(jobId, job.CampaignId, BackgroundJobStatus.Running, "starting", 0, 0, 0, 0, null, null);
        jobs.Report(latest);
        using var flushStop = new CancellationTokenSource();
        var flusher = FlushProgressAsync(jobId, () => Volatile.Read(ref latest), flushStop.Token);
        BackgroundJobStatus status;
        string message;
        ImportResult? result = null;
        try
        {
            if (parameters is null)
            {
                throw new ImportRequestException("The job has no parameters.");
            }

            var request = ToRequest(parameters);
            var progress = new ImportProgressRelay(p =>
            {
                var update = new ImportJobUpdate(jobId, job.CampaignId, BackgroundJobStatus.Running, p.Stage, Math.Round(p.Fraction * 100, 1),
                    p.FilesDone, p.FilesTotal, p.SubjectsCreated, p.CurrentFile, null);
                Volatile.Write(ref latest, update);
                jobs.Report(update);
            });
            result = await importer.ImportAsync(request, progress, token);
            (status, message) = result.Cancelled
                ? stoppingToken.IsCancellationRequested
                    ? (BackgroundJobStatus.Interrupted, "Interrupted because the site stopped: " + result.Summary + ". Start the import again to add the rest.")
                    : (BackgroundJobStatus.Cancelled, "Cancelled: " + result.Summary + ". Files finished before the cancel stay imported.")
                : (BackgroundJobStatus.Succeeded, result.Summary);
        }
        catch (ImportRequestException ex)
        {
            status = BackgroundJobStatus.Failed;
            message = ex.Message;
            Logger.LogWarning("Import job {JobId} could not start: {Reason}", jobId, ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status = BackgroundJobStatus.Interrupted;
            message = "Interrupted because the site stopped. Start the import again to add the rest.";
        }
        catch (Exception ex)
        {
            status = BackgroundJobStatus.Failed;
            message = "The import failed: " + ex.Message;
            Logger.LogError(ex, "Import job {JobId} failed", jobId);
        }
        finally
        {
            await flushStop.CancelAsync();
            await flusher;
            jobs.Unregister(jobId);
            DeleteStaging(parameters);
        }

        string? resultPath = null;
        if (result is not null)
        {
            try
            {
                resultPath = await reports.SaveAsync(jobId, result, CancellationToken.None);
            }
            catch (IOException ex)
            {
                Logger.LogWarning(ex, "Could not save the report of import job {JobId}", jobId);
            }
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var percent = status == BackgroundJobStatus.Succeeded ? 100 : latest.Percent;
            var stage = status switch
            {
                BackgroundJobStatus.Succeeded => "finished",
                BackgroundJobStatus.Cancelled => "cancelled",
                BackgroundJobStatus.Interrupted => "interrupted",
                _ => "failed",
            };
            var campaignId = result?.CampaignId ?? job.CampaignId;
            var text = message.Length > 8000 ? message[..8000] : message;
            var owner = claim.Owner;
            await db.BackgroundJobs.Where(j => j.Id == jobId && j.Owner == owner && j.Status == BackgroundJobStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.Stage, stage)
                .SetProperty(j => j.Percent, percent)
                .SetProperty(j => j.Message, text)
                .SetProperty(j => j.CampaignId, campaignId)
                .SetProperty(j => j.ResultPath, resultPath)
                .SetProperty(j => j.FinishedAt, now), CancellationToken.None);
            jobs.Report(new ImportJobUpdate(jobId, campaignId, status, stage, percent, latest.FilesDone, latest.FilesTotal,
                result?.SubjectsCreated ?? latest.SubjectsCreated, null, text));
        }
    }

    private static ImportRequest ToRequest(ImportJobParameters p) => new()
    {
        CampaignName = p.CampaignName,
        Paths = [p.Folder],
        AllowedRoot = p.AllowedRoot,
        WindowSeconds = p.WindowSeconds,
        StepSeconds = p.StepSeconds,
        AcceptPartialFiles = p.AcceptPartialFiles,
        Events = p.EventsCsv is { } events ? ReadCsv(EventCsvReader.ReadFile(events)) : null,
        Stations = p.StationsCsv is { } stations ? ReadCsv(StationCsvReader.ReadFile(stations)) : null,
        SourceLabel = p.StagingFolder is null ? null : "upload",
    };

    private static IReadOnlyList<T> ReadCsv<T>(CsvReadResult<T> read) =>
        read.HasErrors ? throw new ImportRequestException(read.DescribeErrors(3)) : read.Items;

    private void DeleteStaging(ImportJobParameters? parameters)
    {
        if (parameters?.StagingFolder is not { } folder || !Directory.Exists(folder))
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Logger.LogWarning(ex, "Could not delete the upload staging folder {Folder}", folder);
        }
    }

    /// <summary>Writes the latest stage and percent to the job's row every second, so other instances and reloads see it.</summary>
    private async Task FlushProgressAsync(long jobId, Func<ImportJobUpdate> latest, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        var written = (Stage: "", Percent: -1.0, File: (string?)null);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var p = latest();
                if ((p.Stage, p.Percent, p.CurrentFile) == written)
                {
                    continue;
                }

                var text = $"{p.FilesDone} of {p.FilesTotal} files, {p.SubjectsCreated} subjects" + (p.CurrentFile is { } f ? $"; now {f}" : "");
                text = text.Length > 8000 ? text[..8000] : text;
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await db.BackgroundJobs.Where(j => j.Id == jobId && j.Status == BackgroundJobStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Stage, p.Stage).SetProperty(j => j.Percent, p.Percent).SetProperty(j => j.Message, text), cancellationToken);
                written = (p.Stage, p.Percent, p.CurrentFile);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (DbUpdateException ex)
        {
            Logger.LogWarning(ex, "Could not write progress of import job {JobId}", jobId);
        }
    }
}
