namespace QuakeDetective.Core.Consensus;

/// <summary>Why a subject retires (or <see cref="None"/> when it stays in the queue).</summary>
public enum RetirementReason
{
    None,

    /// <summary>The subject reached the rule's vote limit without consensus.</summary>
    VoteLimit,

    /// <summary>The leading answer reached the required agreement for the current vote count.</summary>
    EarlyConsensus,
}
