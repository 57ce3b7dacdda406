namespace QuakeDetective.Seismic.Windowing;

/// <summary>Where a station is: latitude and longitude in degrees, elevation in metres when known.</summary>
public sealed record StationCoordinates(string Network, string Station, double Latitude, double Longitude, double? ElevationM = null)
{
    /// <summary>"NET.STA", the key stations CSVs and SEED ids share (location codes are not part of a station's position).</summary>
    public string Key => MakeKey(Network, Station);

    public static string MakeKey(string network, string station) =>
        $"{network.Trim().ToUpperInvariant()}.{station.Trim().ToUpperInvariant()}";
}
