namespace QuakeDetective.Core.Exports;

/// <summary>A finished site export ready to download.</summary>
public sealed record ExportDownload(string FullPath, string FileName, string ContentType);
