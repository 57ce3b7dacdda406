namespace QuakeDetective.Core.Volunteering;

/// <summary>How often a volunteer gave one answer.</summary>
public sealed record AnswerCount(string Answer, int Count, double Share);
