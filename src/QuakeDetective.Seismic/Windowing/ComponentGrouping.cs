namespace QuakeDetective.Seismic.Windowing;

/// <summary>The 3-component sets found among some traces, and what could not be used (in words, for the import report).</summary>
public sealed record ComponentGrouping(IReadOnlyList<ComponentSet> Sets, IReadOnlyList<string> Problems);
