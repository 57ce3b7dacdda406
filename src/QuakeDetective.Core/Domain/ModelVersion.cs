namespace QuakeDetective.Core.Domain;

/// <summary>A trained classifier: its file, metrics and what it was trained on.</summary>
public class ModelVersion
{
    public int Id { get; set; }

    /// <summary>The campaign the model serves; null for a model not tied to a campaign.</summary>
    public int? CampaignId { get; set; }

    public required string Name { get; set; }

    /// <summary>Path of the model file, relative to the data folder's model store.</summary>
    public required string FilePath { get; set; }

    public string Trainer { get; set; } = string.Empty;

    public string FeatureVersion { get; set; } = string.Empty;

    public string MetricsJson { get; set; } = "{}";

    public string TrainingSummaryJson { get; set; } = "{}";

    public string SettingsJson { get; set; } = "{}";

    public bool IsCurrent { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PromotedAt { get; set; }
}
