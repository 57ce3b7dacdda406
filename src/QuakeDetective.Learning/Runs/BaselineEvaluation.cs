using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Runs;

/// <summary>
/// The campaign's current model and the new one, both scored on the evaluation subjects that the current model was not
/// trained on (so neither has seen them). Null metrics with a note when that could not be done.
/// </summary>
/// <param name="Metrics">The current model's metrics on those subjects.</param>
/// <param name="NewMetrics">The new model's metrics on the same subjects.</param>
public sealed record BaselineEvaluation(int ModelVersionId, string Name, ClassifierMetrics? Metrics, string? Note, ClassifierMetrics? NewMetrics = null);
