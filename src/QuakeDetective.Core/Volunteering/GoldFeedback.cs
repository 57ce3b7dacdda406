namespace QuakeDetective.Core.Volunteering;

/// <summary>What a volunteer is told after answering an expert-labelled subject.</summary>
/// <param name="SubjectId">The gold subject.</param>
/// <param name="ExpertLabel">The experts' answer.</param>
/// <param name="Explanation">Why (written by the expert); may be empty.</param>
/// <param name="VolunteerAnswer">What the volunteer answered.</param>
public sealed record GoldFeedback(long SubjectId, string ExpertLabel, string Explanation, string VolunteerAnswer)
{
    /// <summary>The volunteer gave the experts' answer.</summary>
    public bool Agreed => string.Equals(ExpertLabel, VolunteerAnswer, StringComparison.Ordinal);
}
