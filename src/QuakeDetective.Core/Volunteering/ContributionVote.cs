namespace QuakeDetective.Core.Volunteering;

/// <summary>One of a volunteer's votes with what it can be compared against.</summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="Answer">The volunteer's answer.</param>
/// <param name="FinishedAt">When it was stored (UTC).</param>
/// <param name="DurationMs">Time to answer, when known.</param>
/// <param name="ExpertLabel">The gold label when the subject has one.</param>
/// <param name="Retired">The subject has retired (enough votes or agreement).</param>
/// <param name="ConsensusLabel">The consensus once the subject retired (null before, or when the crowd was split evenly).</param>
public sealed record ContributionVote(long SubjectId, string Answer, DateTime FinishedAt, int? DurationMs, string? ExpertLabel, bool Retired, string? ConsensusLabel);
