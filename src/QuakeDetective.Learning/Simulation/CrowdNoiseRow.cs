using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Simulation;

/// <summary>A classifier trained on one kind of label ("true labels" or a consensus method), scored on the true-labelled test set.</summary>
/// <param name="LabelAgreement">Share of its training labels that equal the truth.</param>
public sealed record CrowdNoiseRow(string Labels, double LabelAgreement, ClassifierMetrics? Metrics, string? Problem);
