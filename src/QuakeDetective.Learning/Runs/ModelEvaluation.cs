using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>Stored as a model version's MetricsJson: its metrics and the then-current model's on the same examples.</summary>
public sealed record ModelEvaluation(ClassifierMetrics Metrics, BaselineEvaluation? Baseline);
