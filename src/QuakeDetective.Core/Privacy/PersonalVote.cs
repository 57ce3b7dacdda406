namespace QuakeDetective.Core.Privacy;

/// <summary>One vote in a personal-data download.</summary>
public sealed record PersonalVote(
    long ClassificationId,
    long SubjectId,
    int CampaignId,
    string CampaignName,
    string Answer,
    DateTime? StartedAt,
    DateTime FinishedAt,
    int? DurationMs);
