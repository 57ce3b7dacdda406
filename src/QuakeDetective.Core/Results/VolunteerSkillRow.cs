namespace QuakeDetective.Core.Results;

/// <summary>
/// One volunteer in the skill table, by pseudonym only. Gold figures count the volunteer's answers on expert-labelled
/// subjects; Dawid–Skene figures come from the last EM run's expected confusion matrix. Null where there is no evidence.
/// </summary>
public sealed record VolunteerSkillRow(
    string Pseudonym,
    bool IsModel,
    int Votes,
    int GoldVotes,
    double? GoldAccuracy,
    IReadOnlyList<double?> GoldRecall,
    IReadOnlyList<double?> GoldPrecision,
    double? DawidSkeneAccuracy,
    IReadOnlyList<double?> DawidSkeneRecall);
