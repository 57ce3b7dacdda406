namespace QuakeDetective.Core.Results;

/// <summary>One vote on the subject page (pseudonym only).</summary>
public sealed record SubjectVote(long ClassificationId, string Pseudonym, string Answer, DateTime FinishedAt, int? DurationMs, bool IsExpert);
