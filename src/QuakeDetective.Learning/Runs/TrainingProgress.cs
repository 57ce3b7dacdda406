using QuakeDetective.Core.Domain;

namespace QuakeDetective.Learning.Runs;

/// <summary>A live update of a training run (or of a campaign's prediction refresh when <see cref="RunId"/> is 0).</summary>
public sealed record TrainingProgress(long RunId, int? CampaignId, TrainingRunStatus Status, string Stage, double Percent, string? Message);
