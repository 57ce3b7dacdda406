using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>The campaign's current model scored on the new model's evaluation set (null metrics with a note when it could not be).</summary>
public sealed record BaselineEvaluation(int ModelVersionId, string Name, ClassifierMetrics? Metrics, string? Note);
