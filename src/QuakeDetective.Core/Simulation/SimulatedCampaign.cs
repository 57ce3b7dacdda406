using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Core.Simulation;

/// <summary>A generated campaign: subjects with their true classes, volunteers, their votes and the gold labels.</summary>
public sealed record SimulatedCampaign(
    CampaignSimulationOptions Options,
    IReadOnlyList<SimulatedSubject> Subjects,
    IReadOnlyList<SimulatedVolunteer> Volunteers,
    IReadOnlyList<Vote> Votes,
    VoteSet VoteSet,
    GoldLabels Gold)
{
    public IReadOnlyList<string> Classes => Options.Classes;
}
