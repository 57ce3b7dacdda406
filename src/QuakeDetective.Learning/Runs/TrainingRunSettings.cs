namespace QuakeDetective.Learning.Runs;

/// <summary>What an admin asked for when starting a retraining; stored with the run and the model version.</summary>
public sealed record TrainingRunSettings
{
    /// <summary>Campaigns whose labels are used; empty = the run's own campaign.</summary>
    public IReadOnlyList<int> CampaignIds { get; init; } = [];

    /// <summary>Minimum consensus confidence of a label; null = the configured default.</summary>
    public double? ConfidenceThreshold { get; init; }

    /// <summary>lightgbm, fasttree, lbfgs or sdca; null = the configured default.</summary>
    public string? Trainer { get; init; }

    public int? MinLabelsPerClass { get; init; }

    public bool IncludeGold { get; init; } = true;

    public int? Seed { get; init; }
}
