using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Jobs;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// Exports started from the Results pages: a <see cref="BackgroundJob"/> row (kind "export") with live progress,
/// run by whichever instance claims it first, the file kept in the data folder's exports/ folder for download
/// (a SeisBench dataset as a zip of its two files).
/// </summary>
public sealed class ExportJobs(
    IDbContextFactory<QuakeDbContext> dbFactory,
    ExportService exports,
    DataFolder dataFolder,
    JobClaims claims,
    TimeProvider time,
    ILogger<ExportJobs> logger)
{
    public const string Kind = "export";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public JobSignal Signal { get; } = new();

    /// <summary>Queues an export; null when the campaign does not exist.</summary>
    public async Task<long?> EnqueueAsync(int campaignId, ExportFormat format, string? method, string? userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return null;
        }

        var job = new BackgroundJob
        {
            Kind = Kind,
            CampaignId = campaignId,
            Stage = "queued",
            ParametersJson = JsonSerializer.Serialize(new ExportJobParameters(ExportFormats.NameOf(format), method), Json),
            RequestedByUserId = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.BackgroundJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        Signal.Set();
        return job.Id;
    }

    public Task<IReadOnlyList<long>> QueuedAsync(CancellationToken cancellationToken) =>
        BackgroundJobRows.QueuedAsync(dbFactory, Kind, cancellationToken);

    /// <summary>The most recent export jobs of a campaign, newest first.</summary>
    public async Task<IReadOnlyList<BackgroundJob>> RecentAsync(int campaignId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackgroundJobs.AsNoTracking().Where(j => j.Kind == Kind && j.CampaignId == campaignId)
            .OrderByDescending(j => j.Id).Take(take).ToListAsync(cancellationToken);
    }

    public static ExportJobParameters? ParametersOf(BackgroundJob job)
    {
        try
        {
            return JsonSerializer.Deserialize<ExportJobParameters>(job.ParametersJson, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The file of a finished export, or null when the job is unknown, unfinished, or its file is gone.</summary>
    public async Task<ExportDownload?> DownloadAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.Kind == Kind, cancellationToken);
        if (job is not { Status: BackgroundJobStatus.Succeeded, ResultPath: { } relative })
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(dataFolder.Root, relative));
        if (!full.StartsWith(dataFolder.ExportsFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        var format = ExportFormats.TryParse(ParametersOf(job)?.Format, out var f) ? f : ExportFormat.ConsensusCsv;
        return new ExportDownload(full, Path.GetFileName(full), ExportFormats.ContentType(format, zipped: true));
    }

    /// <summary>Runs a queued export to its end; the job row says how it went.</summary>
    public async Task RunAsync(long jobId, CancellationToken cancellationToken)
    {
        BackgroundJob? job;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            job = await db.BackgroundJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId && j.Kind == Kind && j.Status == BackgroundJobStatus.Queued, cancellationToken);
        }

        if (job?.CampaignId is not int campaignId)
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
            var parameters = ParametersOf(job);
            if (parameters is null || !ExportFormats.TryParse(parameters.Format, out var format))
            {
                throw new ArgumentException($"The job's parameters name no known format ({job.ParametersJson}).");
            }

            var name = await exports.CampaignNameAsync(campaignId, cancellationToken) ?? throw new ArgumentException($"Campaign {campaignId} no longer exists.");
            var fileName = ExportFormats.FileName(name, format, time.GetUtcNow().UtcDateTime, zipped: true);
            var target = Path.Combine(dataFolder.ExportsFolder, $"{jobId}-{fileName}");
            var request = new ExportRequest(campaignId, format, parameters.Method);
            var report = new InlineProgress<ExportProgress>(p => progress.Report(p.Stage, p.Percent));
            ExportSummary summary;
            if (format == ExportFormat.SeisBench)
            {
                var folder = Path.Combine(dataFolder.ExportsFolder, $".{jobId}-dataset-{Guid.NewGuid():N}");
                try
                {
                    summary = await exports.WriteToPathAsync(request, folder, report, cancellationToken);
                    progress.Report("zipping", 99);
                    var tempZip = target + ".partial";
                    ZipFile.CreateFromDirectory(folder, tempZip, CompressionLevel.Fastest, includeBaseDirectory: false);
                    File.Move(tempZip, target, overwrite: true);
                }
                finally
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
            }
            else
            {
                summary = await exports.WriteToPathAsync(request, target, report, cancellationToken);
            }

            await progress.FlushAsync();
            var relative = Path.GetRelativePath(dataFolder.Root, target).Replace(Path.DirectorySeparatorChar, '/');
            await BackgroundJobRows.FinishAsync(dbFactory, jobId, claim.Owner, BackgroundJobStatus.Succeeded, "done", summary.ToString(), relative, time.GetUtcNow().UtcDateTime);
        }
        catch (OperationCanceledException)
        {
            await progress.FlushAsync();
            await BackgroundJobRows.FinishAsync(dbFactory, jobId, claim.Owner, BackgroundJobStatus.Cancelled, "cancelled", "Cancelled; nothing was kept.", null, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Export {JobId} of campaign {CampaignId} failed", jobId, campaignId);
            await progress.FlushAsync();
            await BackgroundJobRows.FinishAsync(dbFactory, jobId, claim.Owner, BackgroundJobStatus.Failed, "failed", ex.Message, null, time.GetUtcNow().UtcDateTime);
        }
    }
}
