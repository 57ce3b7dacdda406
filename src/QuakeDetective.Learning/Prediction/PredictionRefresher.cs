using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Registry;

namespace QuakeDetective.Learning.Prediction;

/// <summary>
/// The model in the loop: stores the current model's prediction for every active subject of a campaign, in batches,
/// and writes its entropy (the model's uncertainty) to <see cref="Subject.Priority"/> so the queue shows the subjects
/// the model is least sure about first.
/// </summary>
public sealed class PredictionRefresher(
    IDbContextFactory<QuakeDbContext> dbFactory,
    ModelRegistry registry,
    FeatureStore features,
    TimeProvider time,
    IOptions<LearningOptions> options,
    ILogger<PredictionRefresher> logger)
{
    /// <summary>Predicts the active subjects that have no prediction from the current model yet, and sets every active subject's priority from it.</summary>
    /// <returns>Subjects whose priority was set.</returns>
    public async Task<int> RefreshAsync(int campaignId, Action<double>? progress, CancellationToken cancellationToken)
    {
        var current = await registry.GetCurrentAsync(campaignId, cancellationToken);
        if (current is null)
        {
            return 0;
        }

        if (current.FeatureVersion != FeatureSchema.Version)
        {
            logger.LogWarning("Current model {ModelVersion} of campaign {CampaignId} uses features {FeatureVersion}, which this version cannot compute; no predictions stored",
                current.Name, campaignId, current.FeatureVersion);
            return 0;
        }

        var model = registry.Load(current);
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Subjects.AsNoTracking().Where(s => s.CampaignId == campaignId && s.Status == SubjectStatus.Active)
                .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        }

        var updated = 0;
        var batchSize = options.Value.PredictionBatchSize;
        for (var start = 0; start < ids.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = ids.GetRange(start, Math.Min(batchSize, ids.Count - start));
            updated += await RefreshBatchAsync(current, model, chunk, cancellationToken);
            progress?.Invoke(Math.Min(1.0, (start + chunk.Count) / (double)ids.Count));
        }

        logger.LogInformation("Stored predictions of {ModelVersion} for campaign {CampaignId}: priority set on {SubjectCount} active subjects", current.Name, campaignId, updated);
        return updated;
    }

    private async Task<int> RefreshBatchAsync(ModelVersion version, TrainedClassifier model, List<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Predictions.AsNoTracking().Where(p => p.ModelVersionId == version.Id && ids.Contains(p.SubjectId))
            .ToDictionaryAsync(p => p.SubjectId, p => p.Entropy, cancellationToken);
        var subjects = await db.Subjects.Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        var missing = subjects.Where(s => !existing.ContainsKey(s.Id)).ToList();
        if (missing.Count > 0)
        {
            var batch = await features.GetOrComputeAsync(missing.Select(s => new SubjectWaveform(s.Id, s.WaveformPath)).ToList(), null, cancellationToken);
            var withFeatures = missing.Where(s => batch.Features.ContainsKey(s.Id)).ToList();
            var predictions = model.PredictMany(withFeatures.Select(s => batch.Features[s.Id]).ToList());
            var now = time.GetUtcNow().UtcDateTime;
            for (var i = 0; i < withFeatures.Count; i++)
            {
                var p = predictions[i];
                db.Predictions.Add(new Core.Domain.Prediction
                {
                    SubjectId = withFeatures[i].Id,
                    ModelVersionId = version.Id,
                    Label = p.Label,
                    Probability = p.Probability,
                    ProbabilitiesJson = LearningJson.Serialize(p.Probabilities),
                    Entropy = p.Entropy,
                    CreatedAt = now,
                });
                existing[withFeatures[i].Id] = p.Entropy;
            }
        }

        var updated = 0;
        foreach (var subject in subjects)
        {
            if (existing.TryGetValue(subject.Id, out var entropy))
            {
                subject.Priority = entropy;
                updated++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return updated;
    }
}
