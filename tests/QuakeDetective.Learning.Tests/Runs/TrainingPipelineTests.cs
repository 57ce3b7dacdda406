using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Prediction;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Learning.Runs;
using QuakeDetective.Learning.Tests.Data;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Tests.Runs;

public sealed class TrainingPipelineTests : IAsyncLifetime
{
    private LearningDatabase _db = null!;
    private Campaign _campaign = null!;

    public async Task InitializeAsync()
    {
        _db = await LearningDatabase.CreateAsync();
        _campaign = await _db.SeedCampaignAsync("pipeline", perClass: 12);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static TrainingRunSettings Settings(double? threshold = null) => new() { MinLabelsPerClass = 5, ConfidenceThreshold = threshold };

    [Fact]
    public async Task Run_ConsensusLabels_RegistersModelFileMetricsAndCachesFeatures()
    {
        var pipeline = _db.Get<TrainingPipeline>();
        var stages = new List<(string Stage, double Percent)>();

        var first = await pipeline.RunAsync(_campaign.Id, Settings(), (s, p) => stages.Add((s, p)), CancellationToken.None);
        var second = await pipeline.RunAsync(_campaign.Id, Settings(), null, CancellationToken.None);

        Assert.True(File.Exists(_db.Get<ModelRegistry>().FullPath(first.ModelVersion.FilePath)));
        Assert.StartsWith(_db.Get<DataFolder>().ModelsFolder, _db.Get<ModelRegistry>().FullPath(first.ModelVersion.FilePath), StringComparison.Ordinal);
        Assert.Equal(48, first.Summary.LabelledSubjects);
        Assert.Equal(48, first.Summary.FeaturesComputed);
        Assert.Equal(48, second.Summary.FeaturesCached);
        Assert.Equal(0, second.Summary.FeaturesComputed);
        Assert.Contains(stages, s => s.Stage == "computing features");
        Assert.Equal(100, stages[^1].Percent);
        Assert.True(stages.Zip(stages.Skip(1)).All(p => p.Second.Percent >= p.First.Percent), "percent never goes back");
        await using var db = await _db.DbAsync();
        Assert.Equal(48, await db.SubjectFeatures.CountAsync(f => f.FeatureVersion == FeatureSchema.Version));
        var stored = await db.ModelVersions.SingleAsync(m => m.Id == first.ModelVersion.Id);
        var evaluation = LearningJson.Deserialize<ModelEvaluation>(stored.MetricsJson)!;
        Assert.Equal(first.Evaluation.Metrics.Accuracy, evaluation.Metrics.Accuracy);
        Assert.Equal(4, evaluation.Metrics.Confusion.Count);
        Assert.Equal(FeatureSchema.Version, stored.FeatureVersion);
        Assert.Equal(TrainerNames.LightGbm, stored.Trainer);
        Assert.Contains("\"minLabelsPerClass\":5", stored.SettingsJson, StringComparison.Ordinal);
        Assert.False(stored.IsCurrent);
    }

    [Fact]
    public async Task Run_AfterPromotion_ComparesWithCurrentModelOnSubjectsItNeverSaw()
    {
        // Half of each class has confident labels: the first model is trained on those only.
        await using (var db = await _db.DbAsync())
        {
            foreach (var label in SyntheticSamples.Classes)
            {
                var ids = await db.ConsensusResults.Where(c => c.Label == label && c.Subject!.CampaignId == _campaign.Id).OrderBy(c => c.Id).Select(c => c.Id).Take(6).ToListAsync();
                await db.ConsensusResults.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confidence, 0.75));
            }
        }

        var pipeline = _db.Get<TrainingPipeline>();
        var first = await pipeline.RunAsync(_campaign.Id, Settings(threshold: 0.8), null, CancellationToken.None);
        await _db.Get<ModelRegistry>().PromoteAsync(first.ModelVersion.Id, CancellationToken.None);

        var second = await pipeline.RunAsync(_campaign.Id, Settings(threshold: 0.7) with { Trainer = TrainerNames.Lbfgs }, null, CancellationToken.None);

        Assert.Equal(24, first.Summary.LabelledSubjects);
        var baseline = second.Evaluation.Baseline;
        Assert.NotNull(baseline);
        Assert.Equal(first.ModelVersion.Id, baseline.ModelVersionId);
        Assert.NotNull(baseline.Metrics);
        Assert.NotNull(baseline.NewMetrics);
        Assert.Equal(24, baseline.Metrics.Examples);
        Assert.Equal(24, baseline.NewMetrics.Examples);
        Assert.Contains("24 of 48", baseline.Note, StringComparison.Ordinal);
        Assert.Equal(TrainerNames.Lbfgs, second.ModelVersion.Trainer);
    }

    [Fact]
    public async Task Run_CurrentModelSawEveryEvaluationSubject_SaysItCannotCompare()
    {
        var pipeline = _db.Get<TrainingPipeline>();
        var first = await pipeline.RunAsync(_campaign.Id, Settings(), null, CancellationToken.None);
        await _db.Get<ModelRegistry>().PromoteAsync(first.ModelVersion.Id, CancellationToken.None);

        var second = await pipeline.RunAsync(_campaign.Id, Settings(), null, CancellationToken.None);

        Assert.NotNull(second.Evaluation.Baseline);
        Assert.Null(second.Evaluation.Baseline.Metrics);
        Assert.Contains("cannot be compared fairly", second.Evaluation.Baseline.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LabelsBelowThreshold_FailsNamingTheClass()
    {
        await using (var db = await _db.DbAsync())
        {
            await db.ConsensusResults.Where(c => c.Label == "Tremor" && c.Subject!.CampaignId == _campaign.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Confidence, 0.5));
        }

        var ex = await Assert.ThrowsAsync<TooFewLabelsException>(() =>
            _db.Get<TrainingPipeline>().RunAsync(_campaign.Id, Settings(threshold: 0.7), null, CancellationToken.None));

        Assert.Contains("'Tremor' has 0", ex.Message, StringComparison.Ordinal);
        await using var check = await _db.DbAsync();
        Assert.Equal(0, await check.SubjectFeatures.CountAsync());
    }

    [Fact]
    public async Task Refresh_AfterPromotion_EveryActiveSubjectGetsPredictionAndEntropyPriority()
    {
        var first = await _db.Get<TrainingPipeline>().RunAsync(_campaign.Id, Settings(), null, CancellationToken.None);
        long retiredId;
        await using (var db = await _db.DbAsync())
        {
            retiredId = await db.Subjects.Where(s => s.CampaignId == _campaign.Id).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            await db.Subjects.Where(s => s.Id == retiredId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubjectStatus.Retired));
        }

        await _db.Get<ModelRegistry>().PromoteAsync(first.ModelVersion.Id, CancellationToken.None);
        var updated = await _db.Get<PredictionRefresher>().RefreshAsync(_campaign.Id, null, CancellationToken.None);

        Assert.Equal(47, updated);
        await using var check = await _db.DbAsync();
        var rows = await check.Subjects.Where(s => s.CampaignId == _campaign.Id)
            .Select(s => new { s.Id, s.Priority, Prediction = check.Predictions.SingleOrDefault(p => p.SubjectId == s.Id && p.ModelVersionId == first.ModelVersion.Id) })
            .ToListAsync();
        Assert.Null(rows.Single(r => r.Id == retiredId).Prediction);
        Assert.Null(rows.Single(r => r.Id == retiredId).Priority);
        Assert.All(rows.Where(r => r.Id != retiredId), r =>
        {
            Assert.NotNull(r.Prediction);
            Assert.Equal(r.Prediction.Entropy, r.Priority);
            Assert.Contains(r.Prediction.Label, SyntheticSamples.Classes);
            var probabilities = LearningJson.Deserialize<Dictionary<string, double>>(r.Prediction.ProbabilitiesJson)!;
            Assert.Equal(1.0, probabilities.Values.Sum(), 6);
            Assert.Equal(probabilities[r.Prediction.Label], r.Prediction.Probability, 9);
        });
    }
}
