using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Seismic.Tests.Windowing;

public class GreatCircleTests
{
    [Theory]
    [InlineData(0, 0, 0, 90, 10007.543)] // a quarter of the equator: pi/2 * 6371
    [InlineData(0, 0, 0, 180, 20015.087)] // antipodes
    [InlineData(90, 0, -90, 0, 20015.087)] // pole to pole
    [InlineData(0, 0, 0, 1, 111.1949)] // one degree of arc
    [InlineData(10, 20, 10, 20, 0)]
    public void DistanceKm_KnownArcs(double lat1, double lon1, double lat2, double lon2, double expectedKm)
    {
        Assert.Equal(expectedKm, GreatCircle.DistanceKm(lat1, lon1, lat2, lon2), 2);
    }

    [Fact]
    public void DistanceKm_AcrossTheDateLine_TakesTheShortWay()
    {
        var distance = GreatCircle.DistanceKm(0, 179.5, 0, -179.5);

        Assert.Equal(111.1949, distance, 3);
    }

    [Fact]
    public void DistanceKm_MatchesSphericalLawOfCosines()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var (lat1, lon1, lat2, lon2) = (random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180, random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180);
            static double R(double d) => d * Math.PI / 180;
            var cosine = Math.Sin(R(lat1)) * Math.Sin(R(lat2)) + Math.Cos(R(lat1)) * Math.Cos(R(lat2)) * Math.Cos(R(lon2 - lon1));
            var expected = Math.Acos(Math.Clamp(cosine, -1, 1)) * GreatCircle.EarthRadiusKm;

            Assert.Equal(expected, GreatCircle.DistanceKm(lat1, lon1, lat2, lon2), 3);
            Assert.Equal(GreatCircle.DistanceKm(lat1, lon1, lat2, lon2), GreatCircle.DistanceKm(lat2, lon2, lat1, lon1), 9);
        }
    }

    [Fact]
    public void DistanceDegrees_AnmoToMaule_IsTeleseismic()
    {
        // IU.ANMO (Albuquerque) and the 2010-02-27 Maule earthquake: about 78 degrees apart.
        var degrees = GreatCircle.DistanceDegrees(34.9459, -106.4572, -36.122, -72.898);

        Assert.InRange(degrees, 77.0, 78.5);
    }
}
