namespace QuakeDetective.Core.Consensus.Store;

/// <summary>What a vote changed: the counted votes now, and whether (and why) the subject just retired.</summary>
public sealed record LiveUpdateResult(int CountedVotes, bool Retired, Domain.RetirementReason? Reason);
