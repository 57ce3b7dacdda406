namespace QuakeDetective.Learning.Runs;

/// <summary>Stored as a model version's TrainingSummaryJson: what the model was trained on.</summary>
public sealed record TrainingSummary
{
    public int LabelledSubjects { get; init; }

    public int TrainingExamples { get; init; }

    public int EvaluationExamples { get; init; }

    public string Evaluation { get; init; } = "";

    public IReadOnlyDictionary<string, int> LabelsPerClass { get; init; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, double> ClassWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>Label source (gold, consensus:method) → count.</summary>
    public IReadOnlyDictionary<string, int> Sources { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<CampaignLabelSource> Campaigns { get; init; } = [];

    public int FeaturesCached { get; init; }

    public int FeaturesComputed { get; init; }

    public int FeatureFailures { get; init; }

    public double FeatureSeconds { get; init; }

    public double TrainingSeconds { get; init; }

    public double ConfidenceThreshold { get; init; }
}
