using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Exports;

/// <summary>One subject as the consensus exports describe it.</summary>
public sealed record ConsensusExportRow(
    long SubjectId,
    string Station,
    string Channels,
    DateTime WindowStart,
    DateTime WindowEnd,
    double SampleRate,
    string WaveformPath,
    SubjectStatus Status,
    RetirementReason? RetirementReason,
    DateTime? RetiredAt,
    string? Label,
    double? Confidence,
    double? Agreement,
    int Votes,
    bool IsTie,
    string? VotesPerAnswerJson,
    DateTime? ComputedAt,
    string? GoldLabel,
    string? MlLabel,
    double? MlProbability,
    string? EventId,
    DateTime? EventOriginTime,
    double? EventMagnitude,
    double? EventDistanceKm,
    double? StationLatitude,
    double? StationLongitude)
{
    /// <summary>Full SEED ids of the stored channels, vertical first: NET.STA.LOC.CHA.</summary>
    public IEnumerable<string> SeedIds => Channels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => $"{Station}.{c}");

    /// <summary>Retired subjects only: vote_limit, early_consensus or by_hand.</summary>
    public string? RetirementReasonName => Status != SubjectStatus.Retired ? null : RetirementReason switch
    {
        Domain.RetirementReason.VoteLimit => "vote_limit",
        Domain.RetirementReason.EarlyConsensus => "early_consensus",
        Domain.RetirementReason.ByHand => "by_hand",
        _ => "unknown",
    };

    public string StatusName => Status == SubjectStatus.Retired ? "retired" : "active";
}
