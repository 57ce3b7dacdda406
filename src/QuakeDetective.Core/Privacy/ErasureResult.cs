namespace QuakeDetective.Core.Privacy;

/// <summary>
/// What an erasure did: votes kept anonymously, expert votes removed (they never counted and would start counting
/// without the account's role), and a sentence for the volunteer.
/// </summary>
public sealed record ErasureResult(ErasureOutcome Outcome, int VotesAnonymised, int ExpertVotesRemoved, string Message);
