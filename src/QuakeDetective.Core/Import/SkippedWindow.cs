namespace QuakeDetective.Core.Import;

/// <summary>A window that was not turned into a subject, and why (too little data, no coordinates for an event window ...).</summary>
public sealed record SkippedWindow(string Station, DateTime? WindowStart, string Reason, string? EventId = null);
