using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Campaigns;

/// <summary>One row of the admin campaign list.</summary>
public sealed record CampaignSummary(int Id, string Name, CampaignStatus Status, bool IsDemo, int Subjects, int Retired, int Votes, IReadOnlyList<string> AnswerChoices, DateTime CreatedAt);
