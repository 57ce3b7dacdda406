using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Results;

/// <summary>One line of the campaigns overview.</summary>
public sealed record CampaignSummary(int Id, string Name, bool IsDemo, CampaignStatus Status, int Subjects, int Retired, long CountedVotes, int Gold)
{
    public int Active => Subjects - Retired;

    public double RetiredShare => Subjects == 0 ? 0 : Retired / (double)Subjects;
}
