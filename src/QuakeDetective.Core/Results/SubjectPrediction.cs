namespace QuakeDetective.Core.Results;

/// <summary>The current model's prediction for a subject.</summary>
public sealed record SubjectPrediction(string ModelName, string Label, double Probability, IReadOnlyDictionary<string, double> Probabilities, DateTime CreatedAt);
