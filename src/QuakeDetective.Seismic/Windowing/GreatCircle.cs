namespace QuakeDetective.Seismic.Windowing;

/// <summary>Distances on a spherical Earth, enough for surface-wave arrival estimates (within 0.5 % of the ellipsoid).</summary>
public static class GreatCircle
{
    /// <summary>Mean Earth radius in km (the value ObsPy's kilometers2degrees uses).</summary>
    public const double EarthRadiusKm = 6371.0;

    /// <summary>Great-circle (epicentral) distance in km between two points given in degrees, by the haversine formula.</summary>
    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2) =>
        DistanceDegrees(latitude1, longitude1, latitude2, longitude2) * Math.PI / 180.0 * EarthRadiusKm;

    /// <summary>Great-circle distance in degrees of arc.</summary>
    public static double DistanceDegrees(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = ToRadians(latitude1);
        var phi2 = ToRadians(latitude2);
        var dPhi = phi2 - phi1;
        var dLambda = ToRadians(longitude2 - longitude1);
        var sinPhi = Math.Sin(dPhi / 2);
        var sinLambda = Math.Sin(dLambda / 2);
        var h = (sinPhi * sinPhi) + (Math.Cos(phi1) * Math.Cos(phi2) * sinLambda * sinLambda);

        // Rounding can push h a hair above 1 for antipodal points.
        return 2.0 * Math.Asin(Math.Sqrt(Math.Clamp(h, 0.0, 1.0))) * 180.0 / Math.PI;
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180.0;
}
