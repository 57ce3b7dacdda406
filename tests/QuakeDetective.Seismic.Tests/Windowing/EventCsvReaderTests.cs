using QuakeDetective.Seismic.Windowing;

namespace QuakeDetective.Seismic.Tests.Windowing;

public class EventCsvReaderTests
{
    private static CsvReadResult<SeismicEvent> Read(string text) => EventCsvReader.Read(new StringReader(text), "events.csv");

    [Fact]
    public void Read_PlainHeader_ReadsEveryColumn()
    {
        var result = Read("time,latitude,longitude,depth,magnitude,id\n2010-02-27T06:34:11.53Z,-36.122,-72.898,22.9,8.8,maule\n");

        Assert.False(result.HasErrors);
        var e = Assert.Single(result.Items);
        Assert.Equal("maule", e.Id);
        Assert.Equal(new DateTime(2010, 2, 27, 6, 34, 11, 530, DateTimeKind.Utc), e.OriginUtc);
        Assert.Equal((-36.122, -72.898, 22.9, 8.8), (e.Latitude, e.Longitude, e.DepthKm!.Value, e.Magnitude!.Value));
    }

    [Fact]
    public void Read_UsgsCatalogueExport_MapsColumnsByName()
    {
        // Columns in another order, extra columns, and a quoted place name with a comma.
        const string usgs = """
            time,latitude,longitude,depth,mag,magType,nst,gap,dmin,rms,net,id,updated,place,type
            2010-02-27T06:34:11.530Z,-36.122,-72.898,22.9,8.8,mww,454,17,,1.09,us,official20100227063411530_30,2022-10-20T21:04:21.455Z,"36 km WNW of Quirihue, Chile",earthquake
            2011-03-11T05:46:24.120Z,38.297,142.373,29,9.1,mww,541,9.5,,1.16,us,official20110311054624120_30,2022-09-29T16:01:48.540Z,"2011 Great Tohoku Earthquake, Japan",earthquake
            """;

        var result = Read(usgs);

        Assert.False(result.HasErrors, result.DescribeErrors());
        Assert.Equal(["official20100227063411530_30", "official20110311054624120_30"], result.Items.Select(e => e.Id));
        Assert.Equal(9.1, result.Items[1].Magnitude);
    }

    [Fact]
    public void Read_FdsnTextFormat_IsRead()
    {
        const string fdsn = """
            #EventID|Time|Latitude|Longitude|Depth/km|Author|Catalog|Contributor|ContributorID|MagType|Magnitude|MagAuthor|EventLocationName
            usp000h60h|2010-02-27T06:34:11.530|-36.122|-72.898|22.9|us|NEIC PDE|us|usp000h60h|mww|8.8|us|NEAR COAST OF CENTRAL CHILE
            """;

        var e = Assert.Single(Read(fdsn).Items);

        Assert.Equal("usp000h60h", e.Id);
        Assert.Equal(22.9, e.DepthKm);
    }

    [Fact]
    public void Read_NoHeader_TakesTheDocumentedOrderAndMakesIds()
    {
        var result = Read("# my events\n2010-02-27 06:34:11,-36.1,-72.9,23,8.8\n\n2010-02-27T08:01:00Z,-37,-73,10,\n");

        Assert.False(result.HasErrors, result.DescribeErrors());
        Assert.Equal(["ev20100227T063411", "ev20100227T080100"], result.Items.Select(e => e.Id));
        Assert.Null(result.Items[1].Magnitude);
    }

    [Fact]
    public void Read_BadRows_AreReportedWithTheirLineNumbers()
    {
        const string text = "time,latitude,longitude,depth,magnitude\n" +
                            "2010-02-27T06:34:11Z,-36.1,-72.9,23,8.8\n" +
                            "2010-02-27T07:00:00Z,95.5,-72.9,23,6\n" +
                            "\n" +
                            "yesterday,-36.1,-72.9,23,6\n" +
                            "2010-02-27T09:00:00Z,-36.1\n" +
                            "2010-02-27T10:00:00Z,-36.1,east,23,6\n";

        var result = Read(text);

        Assert.Single(result.Items);
        Assert.Equal([3, 5, 6, 7], result.Errors.Select(e => e.Line));
        Assert.Equal("events.csv line 3: latitude '95.5' is not between -90 and 90", result.Errors[0].ToString());
        Assert.Contains("origin time 'yesterday' is not an ISO 8601 time", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("2 fields where 5 are needed", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("longitude 'east' is not a number", result.Errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderWithoutAMagnitudeColumn_SaysWhichColumnIsMissing()
    {
        var result = Read("origin_time,lat,lon,depth_km\n2010-02-27T06:34:11Z,-36.1,-72.9,23\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("no magnitude column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateIdAndOpenQuote_AreErrors()
    {
        var result = Read("time,latitude,longitude,depth,magnitude,id\n2010-02-27T06:34:11Z,1,2,3,4,a\n2010-02-27T07:34:11Z,1,2,3,4,a\n2010-02-27T08:34:11Z,1,2,3,4,\"b\n");

        Assert.Equal([3, 4], result.Errors.Select(e => e.Line));
        Assert.Contains("appears twice", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("quoted field is not closed", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_IsAnError()
    {
        Assert.Equal(1, Assert.Single(Read("\n\n").Errors).Line);
    }

    [Fact]
    public void Read_LongitudeAbove180_IsWrappedIntoMinus180To180()
    {
        Assert.Equal(-72.9, Assert.Single(Read("2010-02-27T06:34:11Z,-36.1,287.1,23,8.8\n").Items).Longitude, 9);
    }
}
