using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;
using QuakeDetective.Learning.Prediction;

namespace QuakeDetective.Learning.Registry;

/// <summary>
/// Model versions: files written atomically under the data folder's models folder, rows with metrics, training
/// summary, feature version and settings, and which one is current per campaign (exactly one after a promotion;
/// promotion and roll-back switch it in one transaction).
/// </summary>
public sealed class ModelRegistry(
    IDbContextFactory<QuakeDbContext> dbFactory,
    DataFolder dataFolder,
    TimeProvider time,
    ILogger<ModelRegistry> logger)
{
    private readonly ConcurrentDictionary<int, Lazy<TrainedClassifier>> _loaded = new();
    private readonly SemaphoreSlim _switch = new(1, 1);

    /// <summary>Saves the model file and its row (not current).</summary>
    public async Task<ModelVersion> RegisterAsync(TrainedClassifier classifier, int? campaignId, string metricsJson, string summaryJson, string settingsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var now = time.GetUtcNow().UtcDateTime;
        var folder = campaignId is { } id ? $"c{id}" : "shared";
        var relative = $"{folder}/model-{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}.zip";
        var full = FullPath(relative);
        DeleteAbandonedTemporaryFiles();
        classifier.SaveFile(full);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var number = await db.ModelVersions.CountAsync(m => m.CampaignId == campaignId, cancellationToken) + 1;
            var version = new ModelVersion
            {
                CampaignId = campaignId,
                Name = $"v{number}",
                FilePath = relative,
                Trainer = classifier.Manifest.Trainer,
                FeatureVersion = classifier.Manifest.FeatureVersion,
                MetricsJson = metricsJson,
                TrainingSummaryJson = summaryJson,
                SettingsJson = settingsJson,
                CreatedAt = now,
            };
            db.ModelVersions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            _loaded[version.Id] = new Lazy<TrainedClassifier>(classifier);
            logger.LogInformation("Registered model {ModelVersion} ({ModelVersionId}) for campaign {CampaignId} at {ModelFile}", version.Name, version.Id, campaignId, relative);
            return version;
        }
        catch
        {
            File.Delete(full);
            throw;
        }
    }

    /// <summary>Makes a model version its campaign's only current model.</summary>
    /// <exception cref="ArgumentException">No such model version, or its file is gone.</exception>
    public async Task<ModelVersion> PromoteAsync(int modelVersionId, CancellationToken cancellationToken)
    {
        await _switch.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelVersionId, cancellationToken)
                ?? throw new ArgumentException($"No model version with id {modelVersionId}.");
            if (!File.Exists(FullPath(version.FilePath)))
            {
                throw new ArgumentException($"Model version {version.Name} cannot be promoted: its file {version.FilePath} is missing from {dataFolder.ModelsFolder}.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.ModelVersions.Where(m => m.CampaignId == version.CampaignId && m.Id != version.Id && m.IsCurrent)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsCurrent, false), cancellationToken);
            await db.ModelVersions.Where(m => m.Id == version.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsCurrent, true).SetProperty(m => m.PromotedAt, now), cancellationToken);
            var currents = await db.ModelVersions.CountAsync(m => m.CampaignId == version.CampaignId && m.IsCurrent, cancellationToken);
            if (currents != 1)
            {
                throw new InvalidOperationException($"Promotion would leave {currents} current models for campaign {version.CampaignId}; nothing was changed.");
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Promoted model {ModelVersion} ({ModelVersionId}) for campaign {CampaignId}", version.Name, version.Id, version.CampaignId);
            version.IsCurrent = true;
            version.PromotedAt = now;
            return version;
        }
        finally
        {
            _switch.Release();
        }
    }

    /// <summary>Makes the model that was current before the present one current again.</summary>
    /// <exception cref="InvalidOperationException">Nothing to roll back to.</exception>
    public async Task<ModelVersion> RollBackAsync(int campaignId, CancellationToken cancellationToken)
    {
        int previousId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var current = await db.ModelVersions.AsNoTracking().Where(m => m.CampaignId == campaignId && m.IsCurrent)
                .OrderByDescending(m => m.PromotedAt).FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException("This campaign has no current model to roll back from.");
            var previous = await db.ModelVersions.AsNoTracking()
                .Where(m => m.CampaignId == campaignId && !m.IsCurrent && m.PromotedAt != null && m.PromotedAt <= current.PromotedAt)
                .OrderByDescending(m => m.PromotedAt).ThenByDescending(m => m.Id)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Model {current.Name} is the first model ever promoted for this campaign; there is nothing to roll back to.");
            previousId = previous.Id;
        }

        return await PromoteAsync(previousId, cancellationToken);
    }

    public async Task<ModelVersion?> GetCurrentAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ModelVersions.AsNoTracking().Where(m => m.CampaignId == campaignId && m.IsCurrent)
            .OrderByDescending(m => m.PromotedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The model of a version, loaded once and kept (models are immutable).</summary>
    /// <exception cref="InvalidDataException">The file is missing or not a model.</exception>
    public TrainedClassifier Load(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var lazy = _loaded.GetOrAdd(version.Id, _ => new Lazy<TrainedClassifier>(() =>
        {
            var path = FullPath(version.FilePath);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"The file of model {version.Name} ({version.FilePath}) is missing from {dataFolder.ModelsFolder}.");
            }

            return TrainedClassifier.LoadFile(path);
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _loaded.TryRemove(version.Id, out _);
            throw;
        }
    }

    /// <summary>
    /// Removes model files a killed process left half-written ("*.tmp" beside the models: a model is written to a
    /// temporary file, flushed and renamed). One being written now is locked by its writer and stays.
    /// </summary>
    public void DeleteAbandonedTemporaryFiles()
    {
        foreach (var path in Directory.EnumerateFiles(dataFolder.ModelsFolder, "*.tmp", SearchOption.AllDirectories))
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    // Opened exclusively (FileShare.None locks on Unix too): no writer holds it any more.
                }

                File.Delete(path);
                logger.LogWarning("Deleted {TemporaryFile}, a model file left half-written by a process that was killed", path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Being written by a live training (locked), or already gone.
            }
        }
    }

    public string FullPath(string relativePath)
    {
        var root = dataFolder.ModelsFolder;
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Model path '{relativePath}' points outside the models folder.");
        }

        return full;
    }
}
