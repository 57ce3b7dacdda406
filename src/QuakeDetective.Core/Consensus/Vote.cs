namespace QuakeDetective.Core.Consensus;

/// <summary>One volunteer's answer for one subject. All three are free strings (database ids, Zooniverse names, answer text).</summary>
public readonly record struct Vote(string SubjectId, string VolunteerId, string Label);
