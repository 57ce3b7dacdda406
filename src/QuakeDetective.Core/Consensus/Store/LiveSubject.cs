using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Consensus.Store;

/// <summary>What the live consensus needs to know about a subject and its campaign, read before the vote's transaction.</summary>
public sealed record LiveSubject(
    long SubjectId,
    int CampaignId,
    IReadOnlyList<string> AnswerChoices,
    RetirementSettings Retirement,
    bool ModelVoteEnabled);
