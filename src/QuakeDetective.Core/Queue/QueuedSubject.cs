namespace QuakeDetective.Core.Queue;

/// <summary>The subject a volunteer sees next, with the campaign's answer choices in button order and why it was chosen.</summary>
public sealed record QueuedSubject(long SubjectId, int CampaignId, IReadOnlyList<string> Choices, QueuePickReason Reason = QueuePickReason.NearestRetirement);
