using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Results;

/// <summary>Everything the subject page shows.</summary>
public sealed record SubjectDetail(
    Subject Subject,
    string CampaignName,
    IReadOnlyList<string> Answers,
    string PrimaryMethod,
    IReadOnlyList<SubjectVote> Votes,
    IReadOnlyList<ConsensusResult> Consensus,
    GoldLabel? Gold,
    SubjectPrediction? Prediction)
{
    /// <summary>Un-retired by a scientist: kept in the queue until retired by hand.</summary>
    public bool HeldActiveByHand => Subject.Status == SubjectStatus.Active && Subject.RetirementReason == RetirementReason.ByHand;
}
