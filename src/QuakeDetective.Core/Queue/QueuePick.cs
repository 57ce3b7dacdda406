namespace QuakeDetective.Core.Queue;

/// <summary>The subject the policy chose, and why.</summary>
public readonly record struct QueuePick(long SubjectId, QueuePickReason Reason);
