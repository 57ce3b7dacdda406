using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>A finished training: the registered model version, its evaluation (with the current model's) and summary.</summary>
public sealed record TrainingOutcome(ModelVersion ModelVersion, ModelEvaluation Evaluation, TrainingSummary Summary, TrainingResult Result);
