namespace QuakeDetective.Core.Queue;

/// <summary>Another active campaign that still has work for a volunteer.</summary>
public sealed record CampaignSuggestion(int CampaignId, string Name, string Description);
