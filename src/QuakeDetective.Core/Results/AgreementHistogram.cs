namespace QuakeDetective.Core.Results;

/// <summary>How many subjects reached each agreement (share of votes for the label), in ten bins of 10 %; the last bin includes 100 %.</summary>
public sealed record AgreementHistogram(string Method, IReadOnlyList<int> Bins, int Subjects, double? MeanAgreement, int Ties);
