using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Seismic.Tests.Windowing;

public class StationCsvReaderTests
{
    private static CsvReadResult<StationCoordinates> Read(string text) => StationCsvReader.Read(new StringReader(text), "stations.csv");

    [Fact]
    public void Read_WithHeaderAndElevation_KeysByNetworkAndStation()
    {
        var result = Read("network,station,latitude,longitude,elevation\nIU,ANMO,34.9459,-106.4572,1850\nIU,COLA,64.874,-147.862,\n");

        Assert.False(result.HasErrors, result.DescribeErrors());
        Assert.Equal(["IU.ANMO", "IU.COLA"], result.Items.Select(s => s.Key));
        Assert.Equal(1850, result.Items[0].ElevationM);
        Assert.Null(result.Items[1].ElevationM);
    }

    [Fact]
    public void Read_NoHeader_TakesTheDocumentedOrder()
    {
        var station = Assert.Single(Read("iu,anmo,34.9459,-106.4572\n").Items);

        Assert.Equal("IU.ANMO", station.Key);
        Assert.Equal(34.9459, station.Latitude);
    }

    [Fact]
    public void Read_FdsnStationText_LastEpochWins()
    {
        const string fdsn = """
            #Network|Station|Latitude|Longitude|Elevation|SiteName|StartTime|EndTime
            IU|ANMO|34.946|-106.457|1820.0|Albuquerque, New Mexico, USA|1989-08-29T00:00:00|2002-11-19T21:07:00
            IU|ANMO|34.9459|-106.4572|1850.0|Albuquerque, New Mexico, USA|2002-11-19T21:07:00|
            """;

        var station = Assert.Single(Read(fdsn).Items);

        Assert.Equal(34.9459, station.Latitude);
        Assert.Equal(1850.0, station.ElevationM);
    }

    [Fact]
    public void Read_BadRows_AreReportedWithTheirLineNumbers()
    {
        var result = Read("net,sta,lat,lon\nIU,ANMO,34.9,-106.4\nIU,,34.9,-106.4\nIU,TUC,north,-110\nIU,XYZ,12,200.5\nIU,BAD,91,0\n");

        Assert.Equal(2, result.Items.Count); // ANMO and XYZ (200.5 E is -159.5)
        Assert.Equal([3, 4, 6], result.Errors.Select(e => e.Line));
        Assert.Equal("stations.csv line 3: station code is empty", result.Errors[0].ToString());
        Assert.Contains("latitude 'north' is not a number", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("latitude '91' is not between -90 and 90", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(-159.5, result.Items.Single(s => s.Station == "XYZ").Longitude, 9);
    }

    [Fact]
    public void Read_HeaderMissingLongitude_IsALineOneError()
    {
        var error = Assert.Single(Read("network,station,latitude\nIU,ANMO,34\n").Errors);

        Assert.Equal(1, error.Line);
        Assert.Contains("no longitude column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_Latin1Bytes_RefusedWithLineAndByteOffset()
    {
        var path = Path.Combine(Path.GetTempPath(), "stations-" + Guid.NewGuid().ToString("N") + ".csv");
        var header = "network,station,latitude,longitude\n"u8.ToArray();
        var row = "XX,CAF"u8.ToArray().Concat(new byte[] { 0xC9 }).Concat(",46.1,7.2\n"u8.ToArray()).ToArray(); // 'É' in Latin-1
        File.WriteAllBytes(path, [.. header, .. row]);
        try
        {
            var result = StationCsvReader.ReadFile(path);

            var error = Assert.Single(result.Errors);
            Assert.Equal(2, error.Line);
            Assert.Contains($"byte offset {header.Length + 6}", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Items, s => s.Station.Contains('\uFFFD', StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
