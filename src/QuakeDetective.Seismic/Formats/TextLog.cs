namespace QuakeDetective.Seismic.Formats;

/// <summary>The content of a MiniSEED TEXT record (station logs): kept as text, never as samples.</summary>
public sealed record TextLog(SeedId Id, long StartTimeNs, string Text, long ByteOffset);
