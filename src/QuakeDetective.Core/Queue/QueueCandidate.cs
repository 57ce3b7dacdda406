namespace QuakeDetective.Core.Queue;

/// <summary>A subject the volunteer may be shown, with what the policy orders by.</summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="VoteCount">Counted votes so far.</param>
/// <param name="Priority">Optional priority (higher first), e.g. the model's uncertainty.</param>
/// <param name="ReservedByOthers">Other volunteers who were handed this subject in the last minutes and may be answering it now.</param>
public readonly record struct QueueCandidate(long SubjectId, int VoteCount, double? Priority, int ReservedByOthers = 0);
