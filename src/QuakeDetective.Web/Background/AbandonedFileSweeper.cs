using QuakeDetective.Core.Exports;
using QuakeDetective.Core.Storage;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Storage;

namespace QuakeDetective.Web.Background;

/// <summary>
/// Once at start-up, in every role, removes what a killed process left half-written: temporary blob files (waveform
/// windows, media), half-written exports and model files. Each kind is also cleaned before its next write; this makes
/// the data folder clean even when that write never comes. Live writers of other instances hold their files locked
/// and are left alone.
/// </summary>
public sealed class AbandonedFileSweeper(
    IBlobStore blobs,
    ExportService exports,
    ModelRegistry models,
    DataFolder dataFolder,
    ILogger<AbandonedFileSweeper> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() =>
        {
            try
            {
                var blobFiles = blobs is LocalFolderBlobStore local ? local.DeleteAbandonedTemporaryFiles() : 0;
                exports.DeleteAbandonedPartials(dataFolder.ExportsFolder);
                models.DeleteAbandonedTemporaryFiles();
                if (blobFiles > 0)
                {
                    logger.LogWarning("Deleted {Count} temporary storage files left half-written by a killed process", blobFiles);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not finish removing half-written temporary files; they are retried at the next start");
            }
        }, stoppingToken);
}
