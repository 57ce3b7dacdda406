using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Results;

/// <summary>One subject in the results list.</summary>
public sealed record SubjectListItem(
    long Id,
    string Station,
    DateTime WindowStart,
    SubjectStatus Status,
    RetirementReason? RetirementReason,
    int Votes,
    string? Label,
    double? Confidence,
    double? Agreement,
    bool IsTie,
    string? GoldLabel,
    string? MlLabel,
    double? MlProbability);
