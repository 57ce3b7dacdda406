using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>
/// One retraining from the database: labels → cached features → trained and evaluated model → the current model
/// scored on the same evaluation set → a registered (not yet promoted) model version. Used by the background worker
/// and by <c>quake train</c>.
/// </summary>
public sealed class TrainingPipeline(
    TrainingDataLoader labels,
    FeatureStore features,
    ClassifierTrainer trainer,
    ModelRegistry registry,
    IOptions<LearningOptions> options,
    ILogger<TrainingPipeline> logger)
{
    /// <param name="progress">Stage and percent (0..100).</param>
    /// <exception cref="TooFewLabelsException">A class has too few labels.</exception>
    public async Task<TrainingOutcome> RunAsync(int campaignId, TrainingRunSettings settings, Action<string, double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = options.Value;
        var threshold = settings.ConfidenceThreshold ?? defaults.ConfidenceThreshold;
        var sources = settings.CampaignIds.Count > 0 ? settings.CampaignIds : [campaignId];
        var trainingOptions = new ClassifierTrainingOptions
        {
            Trainer = settings.Trainer ?? (string.IsNullOrWhiteSpace(defaults.DefaultTrainer) ? null : defaults.DefaultTrainer),
            Seed = settings.Seed ?? defaults.Seed,
            MinLabelsPerClass = settings.MinLabelsPerClass ?? defaults.MinLabelsPerClass,
        };
        trainingOptions.Validate();

        progress?.Invoke("loading labels", 1);
        var labelled = await labels.LoadAsync(sources, threshold, settings.IncludeGold, cancellationToken);
        CheckCounts(labelled, trainingOptions.MinLabelsPerClass);

        progress?.Invoke("computing features", 5);
        var featureClock = Stopwatch.StartNew();
        var batch = await features.GetOrComputeAsync(
            labelled.Subjects.Select(s => new SubjectWaveform(s.SubjectId, s.WaveformPath)).ToList(),
            share => progress?.Invoke("computing features", 5 + 55 * share),
            cancellationToken);
        featureClock.Stop();

        var samples = labelled.Subjects
            .Where(s => batch.Features.ContainsKey(s.SubjectId))
            .Select(s => new LabelledSample(s.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Label, batch.Features[s.SubjectId]))
            .ToList();
        var result = await Task.Run(
            () => trainer.Train(samples, labelled.Classes, trainingOptions, (stage, share) => progress?.Invoke(stage, 60 + 30 * share), cancellationToken),
            cancellationToken);

        progress?.Invoke("comparing with the current model", 92);
        var baseline = await EvaluateCurrentAsync(campaignId, result, cancellationToken);
        var evaluation = new ModelEvaluation(result.Metrics, baseline);
        var summary = new TrainingSummary
        {
            LabelledSubjects = labelled.Subjects.Count,
            TrainingExamples = result.TrainingExamples,
            EvaluationExamples = result.EvaluationSet.Count,
            Evaluation = result.Metrics.Evaluation,
            LabelsPerClass = result.LabelsPerClass,
            ClassWeights = result.ClassWeights,
            Sources = labelled.Subjects.GroupBy(s => s.Source).ToDictionary(g => g.Key, g => g.Count()),
            Campaigns = labelled.Campaigns,
            FeaturesCached = batch.Cached,
            FeaturesComputed = batch.Computed,
            FeatureFailures = batch.Failures.Count,
            FeatureSeconds = featureClock.Elapsed.TotalSeconds,
            TrainingSeconds = result.Elapsed.TotalSeconds,
            ConfidenceThreshold = threshold,
        };
        var storedSettings = settings with { CampaignIds = sources, ConfidenceThreshold = threshold, Trainer = result.Trainer, MinLabelsPerClass = trainingOptions.MinLabelsPerClass, Seed = trainingOptions.Seed };

        progress?.Invoke("saving the model", 96);
        var version = await registry.RegisterAsync(result.Classifier, campaignId,
            LearningJson.Serialize(evaluation), LearningJson.Serialize(summary), LearningJson.Serialize(storedSettings), cancellationToken);
        logger.LogInformation("Trained {ModelVersion} for campaign {CampaignId}: accuracy {Accuracy:0.000}, macro-F1 {MacroF1:0.000} ({Evaluation}, {Examples} labels)",
            version.Name, campaignId, result.Metrics.Accuracy, result.Metrics.MacroF1, result.Metrics.Evaluation, samples.Count);
        progress?.Invoke("finished", 100);
        return new TrainingOutcome(version, evaluation, summary, result);
    }

    /// <summary>Fails early, before any features are computed, when a class is short of labels.</summary>
    private static void CheckCounts(TrainingLabels labelled, int minimum)
    {
        var counts = labelled.Classes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var s in labelled.Subjects)
        {
            counts[s.Label]++;
        }

        var shortOnes = counts.Where(c => c.Value < minimum).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        if (shortOnes.Count > 0)
        {
            throw new TooFewLabelsException(shortOnes, minimum);
        }
    }

    private async Task<BaselineEvaluation?> EvaluateCurrentAsync(int campaignId, TrainingResult result, CancellationToken cancellationToken)
    {
        var current = await registry.GetCurrentAsync(campaignId, cancellationToken);
        if (current is null)
        {
            return null;
        }

        if (current.FeatureVersion != FeatureSchema.Version)
        {
            return new BaselineEvaluation(current.Id, current.Name, null,
                $"The current model uses features {current.FeatureVersion}; this version computes {FeatureSchema.Version}, so it cannot be scored on the same set.");
        }

        try
        {
            var model = registry.Load(current);
            var seen = new HashSet<string>(model.Manifest.TrainingIds ?? [], StringComparer.Ordinal);
            var subset = Enumerable.Range(0, result.EvaluationSet.Count).Where(i => !seen.Contains(result.EvaluationSet[i].Id)).ToList();
            if (subset.Count == 0)
            {
                return new BaselineEvaluation(current.Id, current.Name, null,
                    $"{current.Name} was trained on every subject this model was evaluated on, so they cannot be compared fairly.");
            }

            var set = subset.Select(i => result.EvaluationSet[i]).ToList();
            var truth = set.Select(s => s.Label).ToList();
            var predictions = model.PredictMany(set.Select(s => s.Features).ToList());
            var evaluation = result.Metrics.Evaluation;
            var baseline = ClassifierMetrics.Compute(result.Metrics.Classes, truth, predictions.Select(p => p.Label).ToList(),
                set.Select((s, i) => predictions[i].ProbabilityOf(s.Label)).ToList(), evaluation);
            var mine = subset.Select(i => result.EvaluationPredictions[i]).ToList();
            var newMetrics = ClassifierMetrics.Compute(result.Metrics.Classes, truth, mine.Select(p => p.Label).ToList(),
                set.Select((s, i) => mine[i].ProbabilityOf(s.Label)).ToList(), evaluation);
            var note = model.Manifest.TrainingIds is null
                ? $"Both scored on the same {set.Count} subjects; {current.Name} does not record what it was trained on, so it may have seen some of them."
                : $"Both scored on the {set.Count} of {result.EvaluationSet.Count} evaluation subjects that {current.Name} was not trained on.";
            return new BaselineEvaluation(current.Id, current.Name, baseline, note, newMetrics);
        }
        catch (InvalidDataException ex)
        {
            return new BaselineEvaluation(current.Id, current.Name, null, ex.Message);
        }
    }
}
