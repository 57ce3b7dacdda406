using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Core.Import;

/// <summary>A window to cut from a set, its import key, and the station's coordinates when known.</summary>
internal sealed record PlannedWindow(ComponentSet Set, WindowSpec Window, string Key, (double Latitude, double Longitude)? Coordinates);
