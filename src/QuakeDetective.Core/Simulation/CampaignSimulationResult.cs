using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Core.Simulation;

/// <summary>
/// A simulated campaign, every method's consensus and its accuracy against the truth. Later stages
/// (e.g. training and scoring a classifier on the consensus labels) start from <see cref="Campaign"/>'s
/// subjects and <see cref="ConsensusLabels"/>.
/// </summary>
public sealed record CampaignSimulationResult(
    SimulatedCampaign Campaign,
    IReadOnlyList<AggregationResult> Aggregations,
    IReadOnlyList<MethodAccuracy> Methods,
    IReadOnlyDictionary<string, double?> MeanVolunteerF1)
{
    public MethodAccuracy AccuracyOf(string method) =>
        Methods.FirstOrDefault(m => m.Method == method) ?? throw new ArgumentException($"Method '{method}' was not run.", nameof(method));

    /// <summary>Subject id → consensus label of one method (subjects without votes are absent).</summary>
    public IReadOnlyDictionary<string, string> ConsensusLabels(string method)
    {
        var aggregation = Aggregations.FirstOrDefault(a => a.Method == method) ?? throw new ArgumentException($"Method '{method}' was not run.", nameof(method));
        return aggregation.Subjects.ToDictionary(s => s.SubjectId, s => s.Label, StringComparer.Ordinal);
    }
}
