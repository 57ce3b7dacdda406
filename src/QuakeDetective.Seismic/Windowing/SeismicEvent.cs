namespace QuakeDetective.Seismic.Windowing;

/// <summary>An earthquake from a catalogue: origin time, epicentre, depth (km) and magnitude.</summary>
public sealed record SeismicEvent(string Id, long OriginTimeNs, double Latitude, double Longitude, double? DepthKm, double? Magnitude)
{
    public DateTime OriginUtc => SeismicTime.ToDateTime(OriginTimeNs);
}
