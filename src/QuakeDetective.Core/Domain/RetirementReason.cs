namespace QuakeDetective.Core.Domain;

public enum RetirementReason
{
    VoteLimit = 0,
    EarlyConsensus = 1,
    ByHand = 2,
}
