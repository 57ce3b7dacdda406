namespace QuakeDetective.Core.Volunteering;

/// <summary>A teaching example: a real expert-labelled subject that shows what one answer looks and sounds like.</summary>
public sealed record ClassExample(string Label, string Explanation, SubjectDetails Subject);
