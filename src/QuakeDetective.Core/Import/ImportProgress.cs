namespace QuakeDetective.Core.Import;

/// <summary>Where an import is: its stage, files done of all, the file in hand, subjects created so far, and 0..1 overall.</summary>
public sealed record ImportProgress(string Stage, int FilesDone, int FilesTotal, string? CurrentFile, int SubjectsCreated, double Fraction);
