namespace QuakeDetective.Core.Import;

/// <summary>A file to read, and the name it is reported under (relative to the folder it was found in).</summary>
internal sealed record ScannedFile(string FullPath, string DisplayName);
