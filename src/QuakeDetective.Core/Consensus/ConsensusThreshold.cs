namespace QuakeDetective.Core.Consensus;

/// <summary>Early consensus: with between <paramref name="MinVotes"/> and <paramref name="MaxVotes"/> votes (inclusive), retire when the leading answer has at least <paramref name="RequiredAgreement"/> of them.</summary>
/// <param name="MinVotes">Smallest vote count the threshold applies to (≥ 1).</param>
/// <param name="MaxVotes">Largest vote count the threshold applies to (≥ MinVotes).</param>
/// <param name="RequiredAgreement">Share of the votes the leading answer needs, in (0, 1].</param>
public sealed record ConsensusThreshold(int MinVotes, int MaxVotes, double RequiredAgreement);
