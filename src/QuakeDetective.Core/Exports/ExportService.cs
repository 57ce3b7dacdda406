using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// Scientist exports of one campaign, streamed from the database: to a file or folder (written under a temporary
/// name beside the target, flushed to disk and moved into place at the end, so a reader never sees half an export,
/// even after a crash or power cut), or straight to a stream (the HTTP API). Memory stays flat: rows are read and
/// written one at a time. Temporary files a killed process left behind are removed by the next export to that folder.
/// </summary>
public sealed class ExportService(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WaveformStore waveforms,
    TimeProvider time,
    ILogger<ExportService> logger)
{
    public async Task<int?> FindCampaignAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.Where(c => c.Name == name).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<string?> CampaignNameAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a CSV/JSON export to <paramref name="path"/>, or a SeisBench dataset into the folder <paramref name="path"/>
    /// (which must not exist, be empty, or hold an earlier SeisBench export, which is replaced).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown campaign or method, or an unusable target path.</exception>
    public async Task<ExportSummary> WriteToPathAsync(ExportRequest request, string path, IProgress<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        if (!Directory.Exists(parent))
        {
            throw new ArgumentException($"The folder {parent} does not exist.", nameof(path));
        }

        var started = Stopwatch.StartNew();
        DeleteAbandonedPartials(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{PartialSuffix}");
        try
        {
            ExportSummary summary;
            if (request.Format == ExportFormat.SeisBench)
            {
                CheckDatasetTarget(full);
                Directory.CreateDirectory(temp);
                var (rows, skipped) = await WriteSeisBenchAsync(request, temp, progress, cancellationToken);
                foreach (var file in Directory.EnumerateFiles(temp))
                {
                    FlushToDisk(file);
                }

                var bytes = Directory.EnumerateFiles(temp).Sum(f => new FileInfo(f).Length);
                ReplaceFolder(temp, full);
                summary = new ExportSummary(rows, skipped, bytes, started.Elapsed.TotalSeconds, skipped > 0 ? "windows whose waveform file could not be read were left out" : null);
            }
            else
            {
                if (Directory.Exists(full))
                {
                    throw new ArgumentException($"'{path}' is a folder; give a file name for {ExportFormats.NameOf(request.Format)}.", nameof(path));
                }

                long rows;
                // FileShare.None also takes an exclusive lock (flock on Unix) for as long as the file is written: see DeleteAbandonedPartials.
                await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    rows = await WriteToStreamAsync(request, stream, progress, cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                    stream.Flush(flushToDisk: true); // the data reaches the disk before the rename can
                }

                var bytes = new FileInfo(temp).Length;
                File.Move(temp, full, overwrite: true);
                summary = new ExportSummary(rows, 0, bytes, started.Elapsed.TotalSeconds);
            }

            logger.LogInformation("Exported {Format} of campaign {CampaignId} to {Path}: {Rows} rows in {ElapsedMs} ms",
                ExportFormats.NameOf(request.Format), request.CampaignId, full, summary.Rows, (long)started.Elapsed.TotalMilliseconds);
            return summary;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
            else if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Streams a consensus CSV/JSON or votes CSV export; returns the rows written.</summary>
    /// <exception cref="ArgumentException">Unknown campaign or method, or the SeisBench format (a folder, not a stream).</exception>
    public async Task<long> WriteToStreamAsync(ExportRequest request, Stream stream, IProgress<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        switch (request.Format)
        {
            case ExportFormat.ConsensusCsv:
            case ExportFormat.ConsensusJson:
            {
                var source = await ConsensusExportSource.OpenAsync(db, request.CampaignId, request.Method, cancellationToken)
                             ?? throw new ArgumentException($"Campaign {request.CampaignId} does not exist.", nameof(request));
                if (request.Format == ExportFormat.ConsensusJson)
                {
                    return await ConsensusJsonExport.WriteAsync(source, source.RowsAsync(db), stream, time.GetUtcNow().UtcDateTime, progress, cancellationToken);
                }

                await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                return await ConsensusCsvExport.WriteAsync(source, source.RowsAsync(db), writer, progress, cancellationToken);
            }

            case ExportFormat.VotesCsv:
            {
                if (!await db.Campaigns.AnyAsync(c => c.Id == request.CampaignId, cancellationToken))
                {
                    throw new ArgumentException($"Campaign {request.CampaignId} does not exist.", nameof(request));
                }

                await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                return await VotesCsvExport.WriteAsync(db, request.CampaignId, new ExportPseudonyms(request.PseudonymKey), writer, progress, cancellationToken);
            }

            default:
                throw new ArgumentException("A SeisBench dataset is a folder of two files; export it to a path.", nameof(request));
        }
    }

    private async Task<(long Rows, long Skipped)> WriteSeisBenchAsync(ExportRequest request, string folder, IProgress<ExportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await ConsensusExportSource.OpenAsync(db, request.CampaignId, request.Method, cancellationToken)
                     ?? throw new ArgumentException($"Campaign {request.CampaignId} does not exist.", nameof(request));
        return await SeisBenchExport.WriteAsync(db, source, waveforms, folder, progress, cancellationToken);
    }

    private const string PartialSuffix = ".partial";

    private static readonly string[] DatasetFiles = ["metadata.csv", "waveforms.hdf5"];

    /// <summary>
    /// Removes export files that a killed process left half-written in <paramref name="folder"/> (".name.guid.partial").
    /// One that a live export is writing is locked by its writer and stays; nothing else in the folder is touched.
    /// </summary>
    public void DeleteAbandonedPartials(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "." + "*" + PartialSuffix))
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    // Opened exclusively: no writer holds it any more.
                }

                File.Delete(path);
                logger.LogWarning("Deleted {PartialFile}, left half-written by an export that was killed", path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Being written by a live export (locked), or already gone.
            }
        }
    }

    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    private static void CheckDatasetTarget(string folder)
    {
        if (File.Exists(folder))
        {
            throw new ArgumentException($"'{folder}' is a file; a SeisBench dataset is written into a folder.", nameof(folder));
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(e => !DatasetFiles.Contains(Path.GetFileName(e))))
        {
            throw new ArgumentException($"The folder {folder} holds other files; give a new or empty folder (an earlier SeisBench export there is replaced).", nameof(folder));
        }
    }

    private static void ReplaceFolder(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }

        var old = target + "." + Guid.NewGuid().ToString("N") + ".old";
        Directory.Move(target, old);
        Directory.Move(temp, target);
        Directory.Delete(old, recursive: true);
    }
}
