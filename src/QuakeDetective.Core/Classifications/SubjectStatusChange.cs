using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Classifications;

/// <summary>A subject left or re-entered the queue (after the change was committed).</summary>
public sealed record SubjectStatusChange(long SubjectId, int CampaignId, SubjectStatus Status, RetirementReason? Reason);
