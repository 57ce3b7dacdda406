using QuakeDetective.Core.Domain;

namespace QuakeDetective.Learning.Runs;

/// <summary>A model version with its stored JSON read back: what the Models page lists and compares.</summary>
public sealed record ModelVersionSummary(
    int Id,
    int? CampaignId,
    string Name,
    string Trainer,
    string FeatureVersion,
    bool IsCurrent,
    DateTime CreatedAt,
    DateTime? PromotedAt,
    ModelEvaluation? Evaluation,
    TrainingSummary? Summary,
    TrainingRunSettings? Settings)
{
    public static ModelVersionSummary From(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ModelVersionSummary(
            version.Id,
            version.CampaignId,
            version.Name,
            version.Trainer,
            version.FeatureVersion,
            version.IsCurrent,
            version.CreatedAt,
            version.PromotedAt,
            LearningJson.Deserialize<ModelEvaluation>(version.MetricsJson) is { Metrics: not null } e ? e : null,
            LearningJson.Deserialize<TrainingSummary>(version.TrainingSummaryJson),
            LearningJson.Deserialize<TrainingRunSettings>(version.SettingsJson));
    }
}
