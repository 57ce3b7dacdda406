using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Results;

/// <summary>How far a campaign has come: subjects by state, votes, volunteers, and votes per day.</summary>
public sealed record CampaignProgress(
    int CampaignId,
    string Name,
    IReadOnlyList<string> Answers,
    string PrimaryMethod,
    RetirementSettings Retirement,
    bool ModelVoteEnabled,
    int Subjects,
    int Active,
    int HeldActiveByHand,
    IReadOnlyDictionary<RetirementReason, int> RetiredByReason,
    int Gold,
    long CountedVotes,
    long ExpertVotes,
    int Volunteers,
    IReadOnlyList<DayCount> VotesPerDay)
{
    public int Retired => RetiredByReason.Values.Sum();

    public double RetiredShare => Subjects == 0 ? 0 : Retired / (double)Subjects;
}
