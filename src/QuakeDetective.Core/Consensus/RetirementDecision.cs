namespace QuakeDetective.Core.Consensus;

/// <summary>The outcome of a retirement rule for one subject's votes.</summary>
/// <param name="Retire">Stop showing the subject.</param>
/// <param name="Reason">Why (None when not retiring).</param>
/// <param name="VoteCount">Votes counted.</param>
/// <param name="LeadingAnswer">The answer with most votes, or null when there are no votes or the lead is tied.</param>
/// <param name="Agreement">Share of the votes for the most frequent answer (0 without votes).</param>
public sealed record RetirementDecision(bool Retire, RetirementReason Reason, int VoteCount, string? LeadingAnswer, double Agreement);
