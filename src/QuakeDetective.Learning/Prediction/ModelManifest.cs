namespace QuakeDetective.Learning.Prediction;

/// <summary>What a model file carries besides the ML.NET model: its classes, features and how it was made.</summary>
public sealed record ModelManifest
{
    public const string CurrentFormat = "quakedetective-model/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>Class names in the order of the model's scores.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    public required string FeatureVersion { get; init; }

    public required IReadOnlyList<string> FeatureNames { get; init; }

    public required string Trainer { get; init; }

    public int Seed { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>For offline models trained on files: the window cut from each file (seconds), so that predict cuts the same.</summary>
    public double? WindowSeconds { get; init; }

    public double? OffsetSeconds { get; init; }

    /// <summary>Ids of the examples the model was fitted on, so that a later model is compared with it only on examples it never saw.</summary>
    public IReadOnlyList<string>? TrainingIds { get; init; }
}
