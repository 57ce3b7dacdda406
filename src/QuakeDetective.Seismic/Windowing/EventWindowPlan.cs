namespace QuakeDetective.Seismic.Windowing;

/// <summary>Event windows that touch the data, and how many events fell wholly outside it (not worth a line each).</summary>
public sealed record EventWindowPlan(IReadOnlyList<WindowSpec> Windows, int EventsOutsideData);
