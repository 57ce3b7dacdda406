namespace QuakeDetective.Core.Consensus.Store;

/// <summary>
/// What a batch of votes changed for one subject: the counted votes now, and whether (and why) the subject just
/// retired; <paramref name="RetiringVote"/> is the new vote that met the rule.
/// </summary>
public sealed record LiveUpdateResult(int CountedVotes, bool Retired, Domain.RetirementReason? Reason, Domain.Classification? RetiringVote = null);
